package corpus

import (
	"fmt"
	"strings"
)

// words is the corpus's vocabulary: the terms of a web API's reference.
var words = strings.Fields(`request response scrape crawl session cookie proxy render
javascript header status retry backoff timeout limit plan burst credit refund
webhook schedule batch extract schema format markdown screenshot cache tier
browser captcha challenge queue worker job poll export storage bucket domain
page link anchor table column value field string number object array boolean
error code message detail client server network latency throughput token key`)

var fieldTypes = []string{"string", "integer", "boolean", "object"}

// prng is a splitmix64 generator: tiny, fast, and the same sequence on
// every platform and Go version, which math/rand does not promise.
type prng struct{ state uint64 }

// newRand seeds a generator for one file: the corpus seed, the file's
// number and its kind (page or section page) mixed, so each file's text
// depends on nothing else and files can be made in any order.
func newRand(seed, n, kind uint64) *prng {
	r := &prng{state: seed*0x9e3779b97f4a7c15 ^ n*0xc2b2ae3d27d4eb4f ^ kind*0x165667b19e3779f9}
	r.next()
	return r
}

func (r *prng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n); n must be positive.
func (r *prng) intn(n int) int { return int(r.next() % uint64(n)) }

func (r *prng) pick(list []string) string { return list[r.intn(len(list))] }

func (r *prng) word() string { return r.pick(words) }

func (r *prng) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = r.word()
	}
	return strings.Join(w, " ")
}

func (r *prng) title(n int) string {
	w := strings.Fields(r.sentence(n))
	for i, s := range w {
		w[i] = strings.ToUpper(s[:1]) + s[1:]
	}
	return strings.Join(w, " ")
}

func (r *prng) paragraph(sentences int) string {
	var b strings.Builder
	for i := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := r.sentence(8 + r.intn(12))
		b.WriteString(strings.ToUpper(s[:1]) + s[1:] + ".")
	}
	b.WriteString("\n\n")
	return b.String()
}

// code returns the language and text of block k of page p. The page and
// block numbers are part of the code (a function or field name), so no
// two blocks of a corpus are the same; the numbers, names and comment
// vary too, so the lexer sees varied input rather than one text repeated.
func (r *prng) code(p, k int) (lang, text string) {
	id := fmt.Sprintf("p%d_b%d", p, k)
	comment := r.sentence(6)
	a, b := r.word(), r.word()
	n := 2 + r.intn(8)
	switch r.intn(5) {
	case 0:
		return "python", fmt.Sprintf(`# %s
import time
import requests

def %s_%s(url: str, key: str, attempts: int = %d) -> dict:
    for n in range(attempts):
        r = requests.post(API, headers={"X-API-Key": key}, json={"url": url, "%s": True}, timeout=%d)
        if r.status_code == 429:
            time.sleep(int(r.headers.get("Retry-After", "%d")))
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError(f"gave up after {attempts} attempts")`, comment, a, id, n, b, 10*n, n)
	case 1:
		return "json", fmt.Sprintf(`{
  "trace": "%s",
  "error": "%s_%s",
  "message": "%s",
  "request_id": "req_%s",
  "details": {"limit": %d, "remaining": 0, "reset": %d}
}`, comment, strings.ToUpper(a), strings.ToUpper(b), r.sentence(4), id, 10*n, 1767225600+p)
	case 2:
		return "go", fmt.Sprintf(`// %s
func %s%s(attempt int) time.Duration {
	d := time.Duration(1<<attempt) * time.Second
	if d > %d*time.Second {
		d = %d * time.Second
	}
	return d + time.Duration(rand.Int63n(int64(time.Second)))
}`, comment, a, strings.ToUpper(id), 10*n, 10*n)
	case 3:
		return "javascript", fmt.Sprintf(`// %s
async function %s_%s(url, key) {
  const res = await fetch(API, {
    method: "POST",
    headers: { "X-API-Key": key, "Content-Type": "application/json" },
    body: JSON.stringify({ url, %s: %d }),
  });
  if (!res.ok) throw new Error((await res.json()).error);
  return res.json();
}`, comment, a, id, b, n)
	default:
		return "bash", fmt.Sprintf(`# %s
curl -sS -X POST "$API" \
  -H "X-API-Key: $KEY" \
  -H "X-Trace: %s" \
  -d '{"url": "https://example.com/%s", "%s": %d}' | jq .`, comment, id, a, b, n)
	}
}
