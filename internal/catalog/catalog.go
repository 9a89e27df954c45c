// Package catalog is the API's error catalog: YAML data files under
// content/_data/, checked strictly, rendered into pages through Markdown
// directives and exported as /reference/errors.json. One edit of the data
// updates every table, anchor, search entry and the JSON export at once.
//
// # Data files
//
// Load reads every *.yaml file under the data folder (content/_data/, which
// is not a page), in path order. Each file is a mapping of sections; a site
// spreads them over files as it likes, but each section may be defined only
// once:
//
//	statuses:            HTTP statuses: code, text, meaning, retry, retryable
//	categories:          error categories: id, title, label?, description,
//	                     errors: code, status, refunded, cause, fix, details?
//	rate_limit_plans:    name, per_minute, burst_per_second
//	rate_limit_headers:  name, meaning, status? (the header's only status)
//	refunds:             refunded, not_refunded (each: text, codes?, statuses?), timing
//	response_fields:     field, type, required, notes, example?
//
// The shipped files (statuses.yaml, errors.yaml, rate-limits.yaml,
// refunds.yaml, response.yaml) explain every key in their comments.
// Decoding is strict and reports every problem of every file, each at the
// file:line:col of the YAML node at fault and with a hint: unknown or
// repeated keys, wrong types, missing or empty required keys, a code not
// matching ^[A-Z][A-Z0-9_]*$, a status outside 100-599 or missing from the
// status table while an error uses it, the same code twice in one category
// or the same status twice in the table (naming both positions), a limit
// that is not above zero, a reference to an unknown category, code or
// status, a retryable value other than yes, no, maybe or n/a. A missing
// data folder is not an error: the catalog is then empty, and each
// directive used on a page reports "no catalog data".
//
// # Anchors
//
// Element ids are a public contract (links, search, errors.json), so they
// are derived from the data by fixed rules and never change unless the data
// does:
//
//   - An error entry's id is the slug (internal/slug) of its code with '_'
//     turned into '-': INSUFFICIENT_CREDITS -> insufficient-credits.
//   - A code that is in more than one category gets "-" and its status
//     added in each of them: SESSION_EXPIRED -> session-expired-401 and
//     session-expired-410. (The same code with the same status in two
//     categories is an error.)
//   - A status row's id is "status-" and the code: status-429.
//   - A rate-limit header's row is "header-" and the header's slug:
//     header-x-ratelimit-reset.
//   - In ::errors without a category, each category's heading has the id
//     "errors-" and the category id: errors-rate-limit.
//
// Two entries whose ids would collide are reported as an error.
//
// # Directives
//
// Catalog.Directives gives the Markdown renderer these components, used as
// ::name{key="value"}:
//
//	::status-table                  the HTTP status table, one row per status
//	::errors{category="session"}    the entries of one category; without
//	                                category, every category under its own h3
//	::error-filter                  the search box, category chips and
//	                                Refunded toggle for the entries
//	                                and status rows on the page
//	::rate-limit-plans              the plans table
//	::rate-limit-headers            the rate-limit response headers
//	::refund-policy                 refunded / not refunded lists and timing
//	::error-fields                  the fields of an error response
//	::error-example{code="TIMEOUT"} the JSON error response of one code, as a
//	                                highlighted code block; give category="..."
//	                                too for a code in several categories
//
// Each returns the ids its HTML defines and, for search, one section per
// error entry and per status row. Prose from the data (cause, fix, meaning,
// notes...) may mark code with `backticks`; everything else is escaped.
// Each but ::error-filter also renders as Markdown (Output.Markdown: GFM
// tables, an h3 or h4 and a list per entry, a fenced JSON block), which
// stands in for the directive line in the page's Markdown exports.
//
// # Filtering
//
// Error entries and status rows carry data-search: the lower-cased words of
// the code, status, status text, category, cause and fix, plus the code and
// every other multi-part word with separators removed
// ("ratelimitexceeded"). The theme script static/js/50-catalog-filter.js
// matches a query against it when ::error-filter is on the page: each query
// word must start a word of data-search (so "rate limit", "RATE_LIMIT",
// "Rate-Limit" and "ratelimit" all find RATE_LIMIT_EXCEEDED); a three-digit
// number must equal the status ("429" finds exactly the 429 entries and row),
// and a shorter number starts a status or a word ("4" shows every 4xx). The
// category chips and the "Refunded" toggle narrow further; status rows
// belong to no category and are never refunded. Typing the toggle's word
// (its data-filter-word, "refund") tests the flag itself: "refund" and
// "refunded" find the entries whose data-refunded is true, "not refunded"
// (or "non", "no" before it) the entries whose data-refunded is false,
// whatever their cause and fix say about refunds. The state is kept in the
// URL (?q=429&category=session&refunded=1).
// Sections a filter leaves empty are hidden, together with the Markdown
// heading and intro paragraphs right above them when nothing else is under
// that heading. Without JavaScript the filter stays hidden and everything shows.
//
// # errors.json
//
// Catalog.JSON writes the machine-readable catalog, 2-space indented, keys
// in this order, byte-identical for the same data:
//
//	{
//	  "version": 2,
//	  "categories": [
//	    {
//	      "id": "billing",
//	      "title": "Billing errors",
//	      "description": "...",
//	      "errors": [
//	        {
//	          "code": "INSUFFICIENT_CREDITS",
//	          "anchor": "insufficient-credits",
//	          "url": "/reference/errors/#insufficient-credits",
//	          "category": "billing",
//	          "status": 402,
//	          "status_text": "Payment Required",
//	          "refunded": false,
//	          "cause": "...",
//	          "fix": "...",
//	          "details": {"required_credits": 5, ...}   (null when none)
//	        }
//	      ]
//	    }
//	  ],
//	  "statuses": [
//	    {"code": 429, "text": "Too Many Requests", "meaning": "...",
//	     "retry": "...", "retryable": "yes", "anchor": "status-429",
//	     "url": "/reference/errors/#status-429"}
//	  ]
//	}
//
// A status's retryable is one of "yes", "no", "maybe", "n/a"; entries have
// none, because the API gives retry advice per status and an entry's fix
// may overrule it (a 429 that waiting does not cure). Prose fields keep the
// data's `backticks` around code.
package catalog

import (
	"encoding/json"
	"strconv"
)

// Retryable says whether a request that failed with a status may be sent again.
type Retryable string

// The values of Retryable.
const (
	RetryYes   Retryable = "yes"
	RetryNo    Retryable = "no"
	RetryMaybe Retryable = "maybe" // with other settings
	RetryNA    Retryable = "n/a"   // success statuses
)

var retryableValues = []string{string(RetryYes), string(RetryNo), string(RetryMaybe), string(RetryNA)}

// Catalog is the loaded data. Its slices keep the order of the files.
type Catalog struct {
	// Statuses is the HTTP status table.
	Statuses []Status
	// Categories hold the error entries, in page order.
	Categories []Category
	// Plans and Headers are the rate limits.
	Plans   []Plan
	Headers []Header
	// Refunds is nil when no data file defines refunds.
	Refunds *Refunds
	// Fields are the fields of an error response body.
	Fields []ResponseField

	// dataDir is the data folder as authors see it (content/_data), for hints.
	dataDir string
	// files maps each section name to the file that defines it.
	files map[string]string
}

// Status is one row of the HTTP status table.
type Status struct {
	Code      int
	Text      string
	Meaning   string
	Retry     string
	Retryable Retryable

	pos pos
}

// Anchor returns the status row's element id, such as status-429.
func (s Status) Anchor() string { return "status-" + strconv.Itoa(s.Code) }

// Category is a group of error codes, such as the session errors.
type Category struct {
	ID    string
	Title string
	// Label is the short name on the filter chip; it defaults to Title.
	Label       string
	Description string
	Errors      []Entry

	pos pos
}

// Entry is one error code of a category.
type Entry struct {
	Code     string
	Status   int
	Refunded bool
	Cause    string
	Fix      string
	// Details is an example "details" object as compact JSON, keys in the
	// order of the data file; nil when the entry has none.
	Details json.RawMessage

	// Category is the id of the entry's category.
	Category string
	// Anchor is the entry's element id; see the package comment. Retry
	// advice is not an entry's: it is its status's (Status.Retryable).
	Anchor string

	codePos, statusPos pos
}

// Plan is one row of the rate-limit plans table.
type Plan struct {
	Name           string
	PerMinute      int
	BurstPerSecond int
}

// Header is a rate-limit response header.
type Header struct {
	Name    string
	Meaning string
	// Status is the only status whose responses carry the header; 0 means
	// every response does.
	Status int

	statusPos pos
}

// Refunds is the refund policy.
type Refunds struct {
	Refunded    []RefundCase
	NotRefunded []RefundCase
	Timing      string
}

// RefundCase is one line of the refund policy.
type RefundCase struct {
	Text string
	// Entries are the error entries the case covers, linked from it.
	Entries []EntryRef
	// Statuses are the HTTP statuses the case covers, linked to their rows.
	Statuses []int
}

// EntryRef names an error entry from elsewhere in the data.
type EntryRef struct {
	Code   string
	Anchor string
}

// ResponseField is one field of the JSON body of an error response.
type ResponseField struct {
	Field    string
	Type     string
	Required bool
	Notes    string
	// Example is the field's example value as JSON; nil when none.
	Example json.RawMessage
}

// Empty reports whether no data file defined anything.
func (c *Catalog) Empty() bool {
	return len(c.Statuses) == 0 && len(c.Categories) == 0 && len(c.Plans) == 0 &&
		len(c.Headers) == 0 && c.Refunds == nil && len(c.Fields) == 0
}

// status returns the status table's row for code.
func (c *Catalog) status(code int) (Status, bool) {
	for _, s := range c.Statuses {
		if s.Code == code {
			return s, true
		}
	}
	return Status{}, false
}

// category returns the category with id.
func (c *Catalog) category(id string) (*Category, bool) {
	for i := range c.Categories {
		if c.Categories[i].ID == id {
			return &c.Categories[i], true
		}
	}
	return nil, false
}

// entries returns every entry with code, in catalog order.
func (c *Catalog) entries(code string) []*Entry {
	var out []*Entry
	for i := range c.Categories {
		for j := range c.Categories[i].Errors {
			if e := &c.Categories[i].Errors[j]; e.Code == code {
				out = append(out, e)
			}
		}
	}
	return out
}

// categoryIDs lists the category ids, for hints.
func (c *Catalog) categoryIDs() []string {
	ids := make([]string, len(c.Categories))
	for i, cat := range c.Categories {
		ids[i] = cat.ID
	}
	return ids
}
