package templates

// View models of the error-catalog components in catalog.templ. internal/catalog
// fills them from the catalog data; every string is plain text that the
// components escape, except ErrorExample.CodeHTML, which is the highlighter's
// output.

// TextRun is a piece of prose: plain text, or inline code when Code is set.
// Prose from data files arrives as runs so that `backticks` become <code>
// without any HTML passing through unescaped.
type TextRun struct {
	Text string
	Code bool
}

// StatusTable is the HTTP status table (::status-table).
type StatusTable struct {
	Rows []StatusRow
}

// StatusRow is one HTTP status.
type StatusRow struct {
	// ID is the row's element id, such as status-429.
	ID      string
	Code    string
	Text    string
	Meaning []TextRun
	Retry   []TextRun
	// Retryable is yes, no, maybe or n/a (data-retryable).
	Retryable string
	// Search is the normalised search text (data-search).
	Search string
}

// ErrorList is the error entries of one category or of all (::errors).
type ErrorList struct {
	Categories []ErrorCategory
}

// ErrorCategory is one category's entries.
type ErrorCategory struct {
	ID string
	// HeadingID and Title are set when the category shows its own heading
	// (h3, entries then h4); both are empty when the page heads it.
	HeadingID   string
	Title       string
	Description []TextRun
	Entries     []ErrorEntry
}

// ErrorEntry is one error code.
type ErrorEntry struct {
	// ID is the entry's anchor, such as rate-limit-exceeded.
	ID       string
	Code     string
	Category string
	// Status is the HTTP status code and StatusText its text. The badge
	// links to the status row and carries no colour: retry advice belongs
	// to the status, not to the error code.
	Status     string
	StatusText string
	Refunded   bool
	Cause      []TextRun
	Fix        []TextRun
	Search     string
	// Level is the heading level of the code: 3, or 4 under a category h3.
	Level int
}

// ErrorFilter is the filter UI (::error-filter).
type ErrorFilter struct {
	Chips []FilterChip
}

// FilterChip is a category button of the filter.
type FilterChip struct {
	Category string
	Label    string
}

// RatePlans is the rate-limit plans table (::rate-limit-plans).
type RatePlans struct {
	Plans []RatePlan
}

// RatePlan is one plan's limits.
type RatePlan struct {
	Name           string
	PerMinute      string
	BurstPerSecond string
}

// RateHeaders is the rate-limit headers table (::rate-limit-headers).
type RateHeaders struct {
	Headers []RateHeader
}

// RateHeader is one response header. Status, when set ("429"), is the only
// status whose responses carry it, and StatusID links to its row.
type RateHeader struct {
	// ID is the row's element id, such as header-x-ratelimit-reset.
	ID       string
	Name     string
	Meaning  []TextRun
	Status   string
	StatusID string
}

// RefundPolicy is the refund policy (::refund-policy).
type RefundPolicy struct {
	Refunded    []RefundCase
	NotRefunded []RefundCase
	Timing      []TextRun
}

// RefundCase is one line of the policy, with links to what it covers.
type RefundCase struct {
	Text  []TextRun
	Links []RefundLink
}

// RefundLink links to an error entry or a status row: Href is "#" + its id.
type RefundLink struct {
	Label string
	Href  string
	// Code shows the label as code (error codes).
	Code bool
}

// ResponseFields is the error response field table (::error-fields).
type ResponseFields struct {
	Fields []ResponseField
}

// ResponseField is one field of an error response.
type ResponseField struct {
	Name     string
	Type     string
	Required bool
	Notes    []TextRun
	// Example is the example value as JSON text; empty when none.
	Example string
}

// ErrorExample is a JSON error response shown as a code block
// (::error-example), in the HTML contract's figure structure.
type ErrorExample struct {
	// Title is the code block's title, such as the error code.
	Title string
	// Lang is the language as written (data-lang); LangName its display name.
	Lang     string
	LangName string
	// CodeHTML is the highlighter's <pre class="chroma"> element: trusted HTML.
	CodeHTML string
}

// boolText is "true" or "false", for data-* attributes.
func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// retryClass turns a retryable value into a class-name part: n/a -> na.
func retryClass(retryable string) string {
	if retryable == "n/a" {
		return "na"
	}
	return retryable
}
