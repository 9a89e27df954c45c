package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// catalog is the error catalog as the site publishes it (errors.json).
// Entries are kept as published, so every field a build writes reaches
// the agent unchanged.
type catalog struct {
	categories []category
	errors     []catalogError
	statuses   []catalogStatus
}

type category struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

type catalogError struct {
	Code     string `json:"code"`
	Category string `json:"category"`
	Status   int    `json:"status"`
	URL      string `json:"url"`
	Refunded *bool  `json:"refunded,omitempty"`
	raw      json.RawMessage
}

type catalogStatus struct {
	Code   int    `json:"code"`
	Text   string `json:"text"`
	Anchor string `json:"anchor"`
	raw    json.RawMessage
}

// catalogOf reads the catalog of st, once.
func (d *docs) catalogOf(ctx context.Context, st *siteState) (*catalog, error) {
	st.catalogOnce.Do(func() {
		if st.catalogFile == "" {
			st.catalogErr = errors.New("this site publishes no error catalog (llms.txt names no errors.json)")
			return
		}
		data, err := d.src.Get(ctx, st.catalogFile)
		if err != nil {
			st.catalogErr = fmt.Errorf("cannot read the error catalog %s: %v", st.catalogFile, err)
			return
		}
		st.catalog, st.catalogErr = parseCatalog(data)
		if st.catalogErr != nil {
			st.catalogErr = fmt.Errorf("%s: %v", st.catalogFile, st.catalogErr)
		}
	})
	return st.catalog, st.catalogErr
}

func parseCatalog(data []byte) (*catalog, error) {
	var file struct {
		Categories []struct {
			category
			Errors []json.RawMessage `json:"errors"`
		} `json:"categories"`
		Statuses []json.RawMessage `json:"statuses"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, err
	}
	c := &catalog{}
	for _, cat := range file.Categories {
		c.categories = append(c.categories, cat.category)
		for _, raw := range cat.Errors {
			var e catalogError
			if err := json.Unmarshal(raw, &e); err != nil {
				return nil, err
			}
			e.raw = raw
			c.errors = append(c.errors, e)
		}
	}
	for _, raw := range file.Statuses {
		var s catalogStatus
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		s.raw = raw
		c.statuses = append(c.statuses, s)
	}
	return c, nil
}

// lookup answers get_error: an HTTP status gives its row and every error
// with that status; a code gives every entry with that code (a code may
// sit in two categories).
func (c *catalog) lookup(q string) (status json.RawMessage, errs []json.RawMessage, err error) {
	q = strings.TrimSpace(q)
	if n, convErr := strconv.Atoi(q); convErr == nil {
		for _, s := range c.statuses {
			if s.Code == n {
				status = s.raw
			}
		}
		for _, e := range c.errors {
			if e.Status == n {
				errs = append(errs, e.raw)
			}
		}
		if status == nil && errs == nil {
			return nil, nil, fmt.Errorf("no HTTP status %d in the catalog; it lists %s", n, c.statusList())
		}
		return status, errs, nil
	}
	code := strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(q))
	for _, e := range c.errors {
		if e.Code == code {
			errs = append(errs, e.raw)
		}
	}
	if errs == nil {
		return nil, nil, fmt.Errorf("no error code %q in the catalog%s; list_errors lists every code", q, c.suggest(code))
	}
	return nil, errs, nil
}

func (c *catalog) statusList() string {
	var s []string
	for _, st := range c.statuses {
		s = append(s, strconv.Itoa(st.Code))
	}
	return strings.Join(s, ", ")
}

// suggest names the codes that contain the query or a word of it.
func (c *catalog) suggest(code string) string {
	var near []string
	for _, e := range c.errors {
		for _, w := range strings.Split(code, "_") {
			if len(w) >= 3 && strings.Contains(e.Code, w) && !slices.Contains(near, e.Code) {
				near = append(near, e.Code)
			}
		}
	}
	if len(near) == 0 || len(near) > 6 {
		return ""
	}
	return " (did you mean " + strings.Join(near, ", ") + "?)"
}

// category finds a category by id or title, either case.
func (c *catalog) category(name string) (category, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	var ids []string
	for _, cat := range c.categories {
		if strings.ToLower(cat.ID) == n || strings.ToLower(cat.Title) == n {
			return cat, nil
		}
		ids = append(ids, cat.ID)
	}
	return category{}, fmt.Errorf("no error category %q; the categories are %s", name, strings.Join(ids, ", "))
}
