package search

import "strings"

// fixtureDocs is a small docs site in the shape the build hands Build: an
// error reference with catalog entries and status rows, a rate-limit page
// and some prose that mentions the same identifiers.
func fixtureDocs() []Doc {
	const errors = "/reference/errors/"
	const errTitle = "Error Codes Reference"
	entry := func(anchor, code, text string) Doc {
		status, _, _ := strings.Cut(text, " · ")
		return Doc{URL: errors, Anchor: anchor, PageTitle: errTitle, Section: code, Text: text, Kind: KindError, Keywords: status}
	}
	status := func(code, text, meaning string) Doc {
		return Doc{URL: errors, Anchor: "status-" + code, PageTitle: errTitle, Section: code + " " + text, Text: meaning, Kind: KindStatus}
	}
	section := func(url, title, anchor, heading, text string) Doc {
		return Doc{URL: url, Anchor: anchor, PageTitle: title, Section: heading, Text: text, Kind: KindSection}
	}
	return []Doc{
		{URL: "/", PageTitle: "AlterLab API docs", Kind: KindPage, Description: "Scrape any page with one API call.",
			Text: "Start here. Every request needs an API key in the X-API-Key header."},
		section("/", "AlterLab API docs", "quick-start", "Quick start", "Send a POST request to /api/v1/scrape with the url to fetch. If it fails, read the error field."),

		{URL: errors, PageTitle: errTitle, Kind: KindPage, Description: "Every HTTP status and error code of the API with its cause and fix.",
			Text: "Whatever goes wrong, the API answers with the same JSON shape. Read the HTTP status first."},
		section(errors, errTitle, "http-status-codes", "HTTP status codes", "The status code is the first thing to check."),
		status("200", "OK", "The request succeeded. Retry: Not applicable."),
		status("401", "Unauthorized", "The API key or token is missing, invalid or expired. Retry: No. Fix the credentials first."),
		status("402", "Payment Required", "The balance is too low for the request. Retry: No."),
		status("410", "Gone", "The stored session expired or was revoked. Retry: No."),
		status("429", "Too Many Requests", "The rate limit was exceeded; Retry-After says how long to wait. · Retry: Yes, after the delay."),
		section(errors, errTitle, "scraping-errors", "Scraping errors", "Scraping errors are refunded, and many of them are fixed by a request option such as mode, max_tier or timeout."),
		entry("blocked-by-antibot", "BLOCKED_BY_ANTIBOT", "403 Forbidden · Scraping errors · The target site's anti-bot protection blocked the request. · Set max_tier: \"4\" to enable CAPTCHA solving."),
		entry("timeout", "TIMEOUT", "504 Gateway Timeout · Scraping errors · The scrape did not finish in the time allowed. · Raise timeout, or send the request asynchronously."),
		entry("session-expired-401", "SESSION_EXPIRED", "401 Unauthorized · Authentication errors · Your dashboard login session expired. · Log in again."),
		entry("session-expired-410", "SESSION_EXPIRED", "410 Gone · Session errors · The stored session's cookies expired. · Store a fresh session."),
		entry("session-limit-reached", "SESSION_LIMIT_REACHED", "429 Too Many Requests · Session errors · You have stored the most sessions your plan allows. · Delete a session you no longer use."),
		entry("insufficient-credits", "INSUFFICIENT_CREDITS", "402 Payment Required · Billing errors · Your balance is too low for this request. · Add credits."),
		entry("rate-limit-exceeded", "RATE_LIMIT_EXCEEDED", "429 Too Many Requests · Rate limit errors · You sent more requests than your plan allows in the window. · Wait until X-RateLimit-Reset, then retry."),
		section(errors, errTitle, "rate-limit-headers", "Rate-limit headers", "X-RateLimit-Limit is the requests allowed per window. X-RateLimit-Remaining is what is left. X-RateLimit-Reset is the Unix time the window resets."),
		section(errors, errTitle, "handling-errors", "Handling errors", "A good client sorts errors into three groups. After a 429 response, sleep until the time in X-RateLimit-Reset and send the request again. If a 429 says SESSION_LIMIT_REACHED, waiting will not help. Back off after server errors."),

		{URL: "/reference/rate-limits/", PageTitle: "Rate Limits", Kind: KindPage, Description: "How many requests each plan may send, and what to do after a 429.",
			Text: "Requests are limited per minute and per second. RATE_LIMIT_EXCEEDED means you sent too many."},
		section("/reference/rate-limits/", "Rate Limits", "headers", "Headers", "Every response carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset. Read the reset time before you retry."),
		section("/reference/rate-limits/", "Rate Limits", "limits-per-plan", "Limits per plan", "Free plans may send 10 requests a minute; Pro plans 600."),

		{URL: "/writing-docs/markdown/", PageTitle: "Markdown", Kind: KindPage, Description: "The Markdown docsgen understands.",
			Text: "Pages are Markdown with front matter. If a heading repeats, its id gets a suffix."},
		section("/writing-docs/markdown/", "Markdown", "code-spans", "Code spans", "Write identifiers such as max_tier or RATE_LIMIT_EXCEEDED in backticks so they read as code."),
		section("/writing-docs/markdown/", "Markdown", "tables", "Tables", "Tables scroll sideways on narrow screens. A table of 429 handling is an example."),
	}
}
