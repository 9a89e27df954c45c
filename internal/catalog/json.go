package catalog

import (
	"bytes"
	"encoding/json"
)

// jsonVersion is the "version" of errors.json; bump it when a field
// changes meaning or disappears (adding fields keeps it). Version 2 dropped
// the entries' "retryable": the API gives retry advice per status, not per
// error code, so it lives on the statuses only.
const jsonVersion = 2

// The types below fix the order of keys in errors.json.
type jsonCatalog struct {
	Version    int            `json:"version"`
	Categories []jsonCategory `json:"categories"`
	Statuses   []jsonStatus   `json:"statuses"`
}

type jsonCategory struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Errors      []jsonEntry `json:"errors"`
}

type jsonEntry struct {
	Code       string          `json:"code"`
	Anchor     string          `json:"anchor"`
	URL        string          `json:"url"`
	Category   string          `json:"category"`
	Status     int             `json:"status"`
	StatusText string          `json:"status_text"`
	Refunded   bool            `json:"refunded"`
	Cause      string          `json:"cause"`
	Fix        string          `json:"fix"`
	Details    json.RawMessage `json:"details"`
}

type jsonStatus struct {
	Code      int       `json:"code"`
	Text      string    `json:"text"`
	Meaning   string    `json:"meaning"`
	Retry     string    `json:"retry"`
	Retryable Retryable `json:"retryable"`
	Anchor    string    `json:"anchor"`
	URL       string    `json:"url"`
}

// JSON returns the machine-readable catalog served as /reference/errors.json,
// in the shape the package comment documents. entriesURL is the page that
// shows the entries and the status table, such as /reference/errors/; each
// url is entriesURL + "#" + anchor. The output is 2-space indented, ends in
// a newline and is byte-identical for the same data.
func (c *Catalog) JSON(entriesURL string) ([]byte, error) {
	out := jsonCatalog{Version: jsonVersion, Categories: []jsonCategory{}, Statuses: []jsonStatus{}}
	for _, cat := range c.Categories {
		jc := jsonCategory{ID: cat.ID, Title: cat.Title, Description: cat.Description, Errors: []jsonEntry{}}
		for _, e := range cat.Errors {
			s, _ := c.status(e.Status)
			details := e.Details
			if len(details) == 0 {
				details = json.RawMessage("null")
			}
			jc.Errors = append(jc.Errors, jsonEntry{
				Code:       e.Code,
				Anchor:     e.Anchor,
				URL:        entriesURL + "#" + e.Anchor,
				Category:   cat.ID,
				Status:     e.Status,
				StatusText: s.Text,
				Refunded:   e.Refunded,
				Cause:      e.Cause,
				Fix:        e.Fix,
				Details:    details,
			})
		}
		out.Categories = append(out.Categories, jc)
	}
	for _, s := range c.Statuses {
		out.Statuses = append(out.Statuses, jsonStatus{
			Code:      s.Code,
			Text:      s.Text,
			Meaning:   s.Meaning,
			Retry:     s.Retry,
			Retryable: s.Retryable,
			Anchor:    s.Anchor(),
			URL:       entriesURL + "#" + s.Anchor(),
		})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
