package fidelity

import (
	"strings"
	"testing"
)

// claim is one statement of a reference page outside its data components,
// traced to the facts: trace lists fragments that each pick one line of the
// facts file, and the statement's words must all come from those lines. A
// statement about the site itself, not the API, has site set instead,
// saying why it needs no facts line.
type claim struct {
	text  string
	trace []string
	site  string
}

// TestEveryStatementTraces reads every heading, paragraph and list item of
// the two pages outside the checked components, and requires each to be
// listed below: a new sentence fails the test until someone traces it.
func TestEveryStatementTraces(t *testing.T) {
	f := loadFacts(t)
	mem := buildSite(t)
	for page, claims := range map[string][]claim{errorsPage: errorsClaims, limitsPage: limitsClaims} {
		listed := map[string]claim{}
		for _, c := range claims {
			listed[c.text] = c
		}
		seen := map[string]bool{}
		for _, b := range blocks(parsePage(t, mem, page)) {
			c, ok := listed[b]
			if !ok {
				t.Errorf("%s states %q, which no claim traces", page, b)
				continue
			}
			seen[b] = true
			if c.site != "" {
				continue
			}
			var lines []string
			for _, fr := range c.trace {
				n := f.line(fr)
				if n == 0 {
					t.Errorf("%s: trace %q matches no single facts line", page, fr)
					continue
				}
				lines = append(lines, f.paragraph(n))
			}
			if m := missing(b, strings.Join(lines, " "), true); len(m) > 0 {
				t.Errorf("%s: %q adds %q, which its facts lines lack:\n%s", page, b, m, strings.Join(lines, "\n"))
			}
		}
		for _, c := range claims {
			if !seen[c.text] {
				t.Errorf("%s: claim %q is no longer on the page; remove it", page, c.text)
			}
		}
	}
}

// Fragments of facts lines, named for reuse.
const (
	outline   = "Page outline of the Error Codes Reference"
	intro     = "1. Intro: every error has one JSON shape"
	scrapingC = "Scraping (the category intro says"
	authC     = "Authentication (not refunded):"
	sessionC  = "Session (authenticated scraping, also called BYOS"
	gap410    = "Note: status 410 is used by two session errors"
	twice     = "Note: SESSION_EXPIRED appears twice"
	notRefund = "Not refunded: successful scrape"
	codeError = "| error | string | machine-readable code |"
	codeMsg   = "| message | string | human-readable description |"
	retry429  = "rate limit exceeded; see Retry-After"
	noRetry   = "- 400, 401, 402, 404, 409, 415: do not retry"
	wait429   = "- 429: wait until `X-RateLimit-Reset`"
	wait5xx   = "- 500 and above: wait 2 ** attempt"
	netExc    = "- A network exception"
	attempts  = "at most 3\n"
	plansLine = "| plan | per minute | burst per second |"
)

var errorsClaims = []claim{
	{text: "Error Codes Reference", trace: []string{outline}},
	{text: "Every HTTP status and error code of the AlterLab API with its cause and fix, which errors are refunded, the error response format, and a Python example of handling errors.",
		trace: []string{"The site documents the error model", "## Error codes (category, code", "2. HTTP status codes (table", "8. Refund policy", "9. Error response format", "10. Handling errors"}},
	{text: "Every error comes back in one JSON shape. Read the HTTP status first, then the body: its error field is the machine-readable code, and its message the human-readable description.",
		trace: []string{intro, codeError, codeMsg}},
	{text: "Skip to the error entries", site: "a link within the page"},
	{text: "Type a code, a status or a few words into the filter to narrow the status table and the error entries on this page. Each entry has its own link.",
		site: "how to use the page's filter and anchors"},
	{text: "HTTP status codes", trace: []string{"2. HTTP status codes (table"}},
	{text: "Colours on this page. A coloured dot is retry advice, and dots appear only in the Retry column above: green means retry, amber maybe, red don't retry, and no dot means the question does not apply. That advice belongs to the HTTP status, not to an error code, so the status badges of the entries below stay grey: read each entry's fix. Purple marks refunds: the Refunded badge is on each error whose credits come back.",
		site: "the page's colour legend"},
	{text: "This site's own note: the API's own status table has no 410 row. Two session errors, SESSION_EXPIRED and SESSION_INACTIVE, answer with 410, so this site adds the row.",
		site: "the site's own note on the 410 row it adds (facts: " + gap410 + ")"},
	{text: "Scraping errors", trace: []string{"3. Scraping errors"}},
	{text: "Most scraping errors are refunded, and each of the nine below is marked refunded.", trace: []string{scrapingC}},
	{text: "Authentication errors", trace: []string{"4. Authentication errors"}},
	{text: "Authentication errors are not refunded.", trace: []string{authC}},
	{text: "Session errors", trace: []string{"5. Session errors"}},
	{text: "Session errors are errors of authenticated scraping, also called BYOS: bring your own session.", trace: []string{sessionC}},
	{text: "SESSION_EXPIRED appears twice: with 401 for an expired dashboard session token, and with 410 for a stored session's expired cookies.",
		trace: []string{twice, "- SESSION_EXPIRED, 401", "- SESSION_EXPIRED, 410"}},
	{text: "Billing errors", trace: []string{"6. Billing errors"}},
	{text: "Rate limit errors", trace: []string{"7. Rate limit errors"}},
	{text: "A request that exceeded the rate limit is not refunded.", trace: []string{notRefund}},
	{text: "Rate-limit headers", trace: []string{"7. Rate limit errors"}},
	{text: "The status table's 429 row also says to check the Retry-After header.", trace: []string{"The status table's 429"}},
	{text: "Limits per plan", trace: []string{plansLine}},
	{text: "Refund policy", trace: []string{"8. Refund policy"}},
	{text: "Error response format", trace: []string{"9. Error response format"}},
	{text: "An INSUFFICIENT_CREDITS error comes with this body, as the API sends it:",
		trace: []string{"- INSUFFICIENT_CREDITS, 402", "## The error response example (as the API sends it)"}},
	{text: "Handling errors", trace: []string{"10. Handling errors"}},
	{text: "The example client treats each status this way:", trace: []string{"10. Handling errors", "## Client behaviour"}},
	{text: "200 or 202: it returns the parsed JSON.", trace: []string{"- 200 or 202: return the parsed JSON"}},
	{text: "400, 401, 402, 404, 409 or 415: it raises with the error code and the message, and does not retry.", trace: []string{noRetry}},
	{text: "422: it raises: every tier failed, so try other settings.", trace: []string{"- 422: raise"}},
	{text: "429: it waits until X-RateLimit-Reset, but never less than 60 seconds, and retries.", trace: []string{wait429}},
	{text: "500 or above: it waits 1, 2, then 4 seconds (2 ** attempt) and retries.", trace: []string{wait5xx}},
	{text: "A network exception (RequestException): it waits 2 ** attempt seconds and retries, except on the last attempt, where it raises the exception again.",
		trace: []string{netExc}},
	{text: "Any other status, such as 403, 410 or 413: it goes on to the next attempt without waiting.", trace: []string{"- Any other status"}},
	{text: "It makes at most 3 attempts in all; after the last one it raises.", trace: []string{"- A function taking the target URL", "- After the last attempt"}},
	{text: "The highlighted lines are the two waits described above.", site: "points at the code's highlighted lines"},
}

var limitsClaims = []claim{
	{text: "Rate Limits", trace: []string{"## Rate limits"}},
	{text: "Requests per minute and burst per second of each AlterLab plan, the X-RateLimit headers, and the wait after a 429 response.",
		trace: []string{"The site documents the error model", plansLine, "Headers: `X-RateLimit-Limit`", wait429}},
	{text: "Each plan has a limit of requests per minute and a burst limit per second. A request over the plan's limit gets a 429 status and the RATE_LIMIT_EXCEEDED error code; it is not refunded (see the refund policy).",
		trace: []string{plansLine, "- RATE_LIMIT_EXCEEDED, 429", notRefund, "8. Refund policy", retry429}},
	{text: "Limits per plan", trace: []string{plansLine}},
	{text: "Rate-limit headers", trace: []string{"Headers: `X-RateLimit-Limit`"}},
	{text: "Waiting for the reset", trace: []string{wait429}},
	{text: "Wait until the Unix time in X-RateLimit-Reset, but never less than 60 seconds, then retry. A missing header is 0, so the wait is 60 seconds.",
		trace: []string{wait429}},
	{text: "The Handling errors example on the Error Codes page waits this way, within at most 3 attempts.",
		trace: []string{"10. Handling errors", outline, "- A function taking the target URL", wait429}},
	{text: "SESSION_LIMIT_REACHED is also a 429: the account already has the maximum of 50 sessions. Its fix is to delete unused or expired sessions; waiting does not help.",
		trace: []string{"- SESSION_LIMIT_REACHED, 429", "SESSION_LIMIT_REACHED is a 429, yet"}},
}
