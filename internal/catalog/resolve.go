package catalog

// This file runs the checks that need every data file read: statuses,
// anchors and the refund policy's references.

import (
	"fmt"
	"strconv"
	"strings"

	"docsgen/internal/slug"
)

// resolve runs the checks that need every file: statuses used by errors
// and headers, anchors, and the refund policy's references.
func (l *loader) resolve() {
	c := l.c
	statusFile := c.files[secStatuses]
	missing := func(p pos, code int, who string) {
		if statusFile == "" || l.unparsed {
			return
		}
		l.diags.Add(p.Errorf("%s uses status %d, which the status table does not list", who, code).
			WithHint("add a row for %d to statuses: in %s", code, statusFile))
	}
	if len(c.Categories) > 0 && statusFile == "" && !l.unparsed {
		l.diags.Add(l.categoriesPos.Errorf("no data file defines statuses, which the errors' HTTP statuses need").
			WithHint("add a statuses: list (code, text, meaning, retry, retryable) to a file in %s", c.dataDir))
	}

	// Count the categories each code is in, for anchors.
	inCategories := map[string]int{}
	for _, cat := range c.Categories {
		for _, e := range cat.Errors {
			inCategories[e.Code]++
		}
	}
	anchors := map[string]pos{}
	for _, s := range c.Statuses {
		if validStatus(s.Code) {
			anchors[s.Anchor()] = s.pos
		}
	}
	type codeStatus struct {
		code   string
		status int
	}
	seenCodeStatus := map[codeStatus]pos{}
	for ci := range c.Categories {
		cat := &c.Categories[ci]
		for ei := range cat.Errors {
			e := &cat.Errors[ei]
			if e.Status != 0 {
				if _, ok := c.status(e.Status); !ok {
					missing(e.statusPos, e.Status, e.Code)
				}
			}
			if e.Code == "" || !codePattern.MatchString(e.Code) {
				continue
			}
			e.Anchor = entryAnchor(e.Code, e.Status, inCategories[e.Code] > 1)
			if inCategories[e.Code] > 1 {
				k := codeStatus{e.Code, e.Status}
				if first, dup := seenCodeStatus[k]; dup {
					l.diags.Add(e.codePos.Errorf("%s with status %d is in two categories (first at %s); their anchors would be the same", e.Code, e.Status, first).
						WithHint("remove one of the two entries"))
					continue
				}
				seenCodeStatus[k] = e.codePos
			}
			if first, dup := anchors[e.Anchor]; dup {
				l.diags.Add(e.codePos.Errorf("the anchor #%s of %s is already used by the entry or status at %s", e.Anchor, e.Code, first).
					WithHint("rename one of the two codes"))
				continue
			}
			anchors[e.Anchor] = e.codePos
		}
	}
	for _, h := range c.Headers {
		if h.Status != 0 {
			if _, ok := c.status(h.Status); !ok {
				missing(h.statusPos, h.Status, "header "+h.Name)
			}
		}
	}
	if !l.unparsed {
		l.resolveRefunds()
	}
}

// entryAnchor is the element id of an error entry; see the package comment.
func entryAnchor(code string, status int, shared bool) string {
	a := slug.Slug(strings.ReplaceAll(code, "_", "-"))
	if shared {
		a += "-" + strconv.Itoa(status)
	}
	return a
}

func (l *loader) resolveRefunds() {
	c := l.c
	for _, ref := range l.refundRefs {
		for _, code := range ref.codes {
			e, ok := l.lookup(code)
			if !ok {
				continue
			}
			if e.Refunded != ref.refunded {
				list, flag := "not_refunded", "false"
				if ref.refunded {
					list, flag = "refunded", "true"
				}
				l.diags.Add(code.p.Errorf("%s is listed under %s, but its entry says refunded: %t", e.Code, list, e.Refunded).
					WithHint("set refunded: %s on the entry at %s, or move the code to the other list", flag, e.codePos))
				continue
			}
			ref.target.Entries = append(ref.target.Entries, EntryRef{Code: e.Code, Anchor: e.Anchor})
		}
		for _, st := range ref.statuses {
			if _, ok := c.status(st.n); !ok {
				l.diags.Add(st.p.Errorf("status %d is not in the status table", st.n).
					WithHint("use a status that statuses: lists, or add a row for it"))
				continue
			}
			ref.target.Statuses = append(ref.target.Statuses, st.n)
		}
	}
}

// lookup resolves a reference written CODE or category/CODE, reporting
// unknown categories and codes and ambiguous codes.
func (l *loader) lookup(ref posString) (*Entry, bool) {
	c := l.c
	cat, code, qualified := strings.Cut(ref.s, "/")
	if !qualified {
		code, cat = cat, ""
	}
	if qualified {
		category, ok := c.category(cat)
		if !ok {
			l.diags.Add(ref.p.Errorf("unknown category %q in %q", cat, ref.s).
				WithHint("known categories: %s", strings.Join(c.categoryIDs(), ", ")))
			return nil, false
		}
		for i := range category.Errors {
			if category.Errors[i].Code == code {
				return &category.Errors[i], true
			}
		}
		l.diags.Add(ref.p.Errorf("category %q has no error %s", cat, code).
			WithHint("check the spelling against errors: in %s", c.files[secCategories]))
		return nil, false
	}
	found := c.entries(code)
	switch len(found) {
	case 0:
		hint := fmt.Sprintf("check the spelling against the codes in %s", c.files[secCategories])
		if c.files[secCategories] == "" {
			hint = "define the error under categories: first"
		}
		l.diags.Add(ref.p.Errorf("unknown error code %s", code).WithHint("%s", hint))
		return nil, false
	case 1:
		return found[0], true
	}
	cats := make([]string, len(found))
	for i, e := range found {
		cats[i] = e.Category + "/" + code
	}
	l.diags.Add(ref.p.Errorf("%s is in more than one category", code).
		WithHint("write which one: %s", strings.Join(cats, " or ")))
	return nil, false
}
