package fidelity

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// now is the driver's fake Unix time (testdata/driver.py).
const now = 1_700_000_000

// reply is one answer of the fake API.
type reply struct {
	status int
	reset  string // X-RateLimit-Reset, or "" for none
	drop   bool   // close the connection without answering
}

// fakeAPI answers POST /api/v1/scrape with replies in turn and records what
// each request carried.
type fakeAPI struct {
	mu      sync.Mutex
	replies []reply
	seen    []string // "METHOD path key body" per request
}

func (a *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	a.mu.Lock()
	a.seen = append(a.seen, fmt.Sprintf("%s %s %s %s", r.Method, r.URL.Path, r.Header.Get("X-API-Key"), strings.TrimSpace(string(body))))
	n := len(a.seen)
	a.mu.Unlock()
	if n > len(a.replies) {
		http.Error(w, `{"error": "TOO_MANY_ATTEMPTS", "message": "the fake API has no reply left"}`, 599)
		return
	}
	rep := a.replies[n-1]
	if rep.drop {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
		return
	}
	if rep.reset != "" {
		w.Header().Set("X-RateLimit-Reset", rep.reset)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	if rep.status == 200 || rep.status == 202 {
		fmt.Fprintf(w, `{"ok": true, "status": %d}`, rep.status)
		return
	}
	fmt.Fprintf(w, `{"error": "CODE_%d", "message": "message of %d", "request_id": "req_%d"}`, rep.status, rep.status, n)
}

// outcome is what testdata/driver.py reports.
type outcome struct {
	Returned         map[string]any `json:"returned"`
	Raised           string         `json:"raised"`
	RequestException bool           `json:"requestException"`
	Message          string         `json:"message"`
	Sleeps           []float64      `json:"sleeps"`
	Printed          []string       `json:"printed"`
	Timeouts         []float64      `json:"timeouts"`
}

// pythonExample returns the Python code block of the built Error Codes page.
func pythonExample(t *testing.T) string {
	t.Helper()
	var code []string
	for _, fig := range byClass(parsePage(t, buildSite(t), errorsPage), "code") {
		if attr(fig, "data-lang") == "python" {
			code = append(code, rawText(byTag(fig, "code")[0]))
		}
	}
	if len(code) != 1 {
		t.Fatalf("%d Python examples on the Error Codes page, want 1", len(code))
	}
	return code[0]
}

// rawText is the text of n as written, line numbers (class ln) left out.
func rawText(n *html.Node) string { return textExcept(n, "ln") }

// pythonPath finds python3 and asks it for its own executable, which
// skips the start-up of wrappers such as pyenv's shims on every run.
func pythonPath(t *testing.T) string {
	t.Helper()
	shim, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("the Python example test needs python3 (.ci/deps installs it): %v", err)
	}
	out, err := exec.Command(shim, "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		t.Fatalf("%s: %v", shim, err)
	}
	return strings.TrimSpace(string(out))
}

// runExample runs the example once against a fake API giving replies.
func runExample(t *testing.T, python, example string, replies []reply) (outcome, []string) {
	t.Helper()
	api := &fakeAPI{replies: replies}
	srv := httptest.NewServer(api)
	defer srv.Close()
	stub, _ := filepath.Abs(filepath.Join("testdata", "pystub"))
	cmd := exec.Command(python, filepath.Join("testdata", "driver.py"), example, "https://example.com/page", "sk_test_fidelity")
	cmd.Env = append(os.Environ(), "PYTHONPATH="+stub, "FAKE_API="+srv.URL, "PYTHONDONTWRITEBYTECODE=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the example: %v\n%s", err, stderr.String())
	}
	var o outcome
	if err := json.Unmarshal(out, &o); err != nil {
		t.Fatalf("driver output %q: %v", out, err)
	}
	return o, api.seen
}

// exampleCase is one run of the Python example: the fake API's replies and
// the behaviour the facts file asks for.
type exampleCase struct {
	name    string
	replies []reply
	waits   []float64 // every time.sleep, in order
	printed int       // waits announced with print (429 and 5xx)
	want    result
}

// result is how scrape() ends.
type result struct {
	returned int    // the status whose body it returned
	raised   string // text the raised message contains
	network  bool   // the RequestException was re-raised
}

const maxRetries = "max retries (3) exceeded"

// exampleCases are the behaviours of the facts file's list, one per run.
func exampleCases() []exampleCase {
	reset := func(in int) string { return strconv.Itoa(now + in) }
	cases := []exampleCase{
		{"200 returns the body", []reply{{status: 200}}, nil, 0, result{returned: 200}},
		{"202 returns the body", []reply{{status: 202}}, nil, 0, result{returned: 202}},
		{"422 raises at once", []reply{{status: 422}}, nil, 0, result{raised: "message of 422"}},
		{"429 waits until the reset", []reply{{status: 429, reset: reset(120)}, {status: 200}}, []float64{120}, 1, result{returned: 200}},
		{"429 waits at least 60 s", []reply{{status: 429, reset: reset(10)}, {status: 200}}, []float64{60}, 1, result{returned: 200}},
		{"429 without the header waits 60 s", []reply{{status: 429}, {status: 200}}, []float64{60}, 1, result{returned: 200}},
		{"429 on every attempt", []reply{{status: 429, reset: reset(90)}, {status: 429, reset: reset(300)}, {status: 429}}, []float64{90, 300, 60}, 3, result{raised: maxRetries}},
		{"5xx backs off 1, 2, 4 s", []reply{{status: 500}, {status: 502}, {status: 503}}, []float64{1, 2, 4}, 3, result{raised: maxRetries}},
		{"504, then success", []reply{{status: 504}, {status: 200}}, []float64{1}, 1, result{returned: 200}},
		{"a network error is retried", []reply{{drop: true}, {status: 202}}, []float64{1}, 0, result{returned: 202}},
		{"a network error on the last attempt is raised", []reply{{drop: true}, {drop: true}, {drop: true}}, []float64{1, 2}, 0, result{network: true}},
	}
	for _, s := range []int{400, 401, 402, 404, 409, 415} {
		cases = append(cases, exampleCase{fmt.Sprintf("%d is not retried", s), []reply{{status: s}, {status: 200}}, nil, 0,
			result{raised: fmt.Sprintf("CODE_%d: message of %d", s, s)}})
	}
	for _, s := range []int{403, 410, 413} {
		cases = append(cases, exampleCase{fmt.Sprintf("%d goes on without waiting", s), []reply{{status: s}, {status: s}, {status: s}}, nil, 0,
			result{raised: maxRetries}})
	}
	return cases
}

// TestPythonExampleBehaves runs the Error Codes page's Python example,
// exactly as the built page shows it, against a fake API and checks the
// behaviour the facts file lists, attempt by attempt and wait by wait.
func TestPythonExampleBehaves(t *testing.T) {
	python := pythonPath(t)
	example := filepath.Join(t.TempDir(), "handle_errors.py")
	if err := os.WriteFile(example, []byte(pythonExample(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range exampleCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o, seen := runExample(t, python, example, tc.replies)
			checkAttempts(t, tc, o, seen)
			checkEnd(t, tc.want, o)
		})
	}
}

// checkAttempts checks what each attempt sent and how long the example
// waited between them.
func checkAttempts(t *testing.T, tc exampleCase, o outcome, seen []string) {
	t.Helper()
	attempts := min(len(tc.replies), 3)
	if tc.want.raised != "" && tc.want.raised != maxRetries && len(tc.waits) == 0 {
		attempts = 1
	}
	if len(seen) != attempts || len(o.Timeouts) != attempts {
		t.Errorf("%d requests reached the API (%d sent), want %d", len(seen), len(o.Timeouts), attempts)
	}
	for i, s := range seen {
		if want := `POST /api/v1/scrape sk_test_fidelity {"url": "https://example.com/page"}`; s != want {
			t.Errorf("attempt %d sent %q, want %q", i+1, s, want)
		}
	}
	for i, to := range o.Timeouts {
		if to != 60 {
			t.Errorf("attempt %d: timeout %v, want 60", i+1, to)
		}
	}
	if !slices.Equal(o.Sleeps, tc.waits) {
		t.Errorf("waits %v, want %v", o.Sleeps, tc.waits)
	}
	if len(o.Printed) != tc.printed {
		t.Errorf("printed %q, want %d lines announcing the waits", o.Printed, tc.printed)
	}
	for i := 0; i < min(len(o.Printed), len(o.Sleeps)); i++ {
		if !strings.Contains(o.Printed[i], strconv.Itoa(int(o.Sleeps[i]))) {
			t.Errorf("printed %q for a wait of %v s", o.Printed[i], o.Sleeps[i])
		}
	}
}

// checkEnd checks what scrape() returned or raised.
func checkEnd(t *testing.T, want result, o outcome) {
	t.Helper()
	switch {
	case want.returned != 0:
		if o.Raised != "" || o.Returned["status"] != float64(want.returned) {
			t.Errorf("returned %v, raised %s %q; want the %d body", o.Returned, o.Raised, o.Message, want.returned)
		}
	case want.network:
		if !o.RequestException {
			t.Errorf("raised %s %q, want the RequestException re-raised", o.Raised, o.Message)
		}
	default:
		if o.Raised == "" || o.RequestException || !strings.Contains(o.Message, want.raised) {
			t.Errorf("raised %s %q, want a message with %q", o.Raised, o.Message, want.raised)
		}
	}
}

// TestRateLimitsWaitBehaves runs the Rate Limits page's wait_for_reset()
// with a fake clock: until X-RateLimit-Reset, never under 60 s, and 60 s
// when the header is missing.
func TestRateLimitsWaitBehaves(t *testing.T) {
	python := pythonPath(t)
	var code []string
	for _, fig := range byClass(parsePage(t, buildSite(t), limitsPage), "code") {
		if attr(fig, "data-lang") == "python" {
			code = append(code, rawText(byTag(fig, "code")[0]))
		}
	}
	if len(code) != 1 {
		t.Fatalf("%d Python examples on the Rate Limits page, want 1", len(code))
	}
	snippet := filepath.Join(t.TempDir(), "wait_for_reset.py")
	if err := os.WriteFile(snippet, []byte(code[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		reset []string
		want  float64
	}{
		{"until the reset", []string{strconv.Itoa(now + 120)}, 120},
		{"at least 60 s", []string{strconv.Itoa(now + 10)}, 60},
		{"a reset in the past", []string{strconv.Itoa(now - 30)}, 60},
		{"60 s without the header", nil, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(python, append([]string{filepath.Join("testdata", "wait_driver.py"), snippet}, tc.reset...)...)
			cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			var sleeps []float64
			if err := json.Unmarshal(out, &sleeps); err != nil {
				t.Fatalf("%q: %v", out, err)
			}
			if !slices.Equal(sleeps, []float64{tc.want}) {
				t.Errorf("waits %v, want [%v]", sleeps, tc.want)
			}
		})
	}
}
