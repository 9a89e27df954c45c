package mcp_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type pagesOut struct {
	Pages []struct{ Title, URL, Path, Section, Description string }
	Next  int `json:"next_offset"`
}

type errorOut struct {
	Status *struct{ Code int }
	Errors []struct {
		Code     string
		Status   int
		Category string
	}
	Next int `json:"next_offset"`
}

// modeRun is one docsgen mcp subprocess and what its answers are checked
// against.
type modeRun struct {
	f         *fixture
	cs        *sdk.ClientSession
	base      string // prefix of the site's URLs in results
	llmsPaths [][]string
	catalog   struct {
		Categories []struct {
			ID     string
			Errors []struct {
				Code   string
				Status int
			}
		}
	}
}

// TestToolsInEveryMode drives every tool and the resources through a
// docsgen mcp subprocess for each way of naming the site, and checks the
// answers against the built files. list_pages is called without
// arguments: the SDK would panic on them but for mcp's guard.
func TestToolsInEveryMode(t *testing.T) {
	f := newFixture(t)
	for _, mode := range f.modes() {
		t.Run(mode.name, func(t *testing.T) {
			m := &modeRun{f: f, cs: start(t, mode.flag, mode.arg)}
			if mode.name == "site" {
				m.base = f.srv.URL
			}
			if err := json.Unmarshal([]byte(f.readFile(t, "reference/errors.json")), &m.catalog); err != nil {
				t.Fatal(err)
			}
			m.llmsPaths = regexp.MustCompile(`\]\(([^)]*)index\.md\)`).FindAllStringSubmatch(f.readFile(t, "llms.txt"), -1)
			t.Run("tools have schemas", m.checkToolList)
			t.Run("list_pages", m.checkListPages)
			t.Run("read_page", m.checkReadPage)
			t.Run("get_error", m.checkGetError)
			t.Run("list_errors", m.checkListErrors)
			t.Run("resources", m.checkResources)
		})
	}
}

func (m *modeRun) checkToolList(t *testing.T) {
	res, err := m.cs.ListTools(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if tool.Description == "" || tool.InputSchema == nil {
			t.Errorf("%s has no description or input schema", tool.Name)
		}
	}
	slices.Sort(names)
	if want := []string{"get_error", "list_errors", "list_pages", "read_page", "search_docs"}; !slices.Equal(names, want) {
		t.Errorf("tools %v, want %v", names, want)
	}
}

func (m *modeRun) checkListPages(t *testing.T) {
	var out pagesOut
	callJSON(t, m.cs, "list_pages", nil, &out)
	if len(out.Pages) != len(m.llmsPaths) {
		t.Fatalf("%d pages, llms.txt lists %d", len(out.Pages), len(m.llmsPaths))
	}
	for i, p := range out.Pages {
		if p.Path != m.llmsPaths[i][1] || p.URL != m.base+p.Path || p.Title == "" {
			t.Errorf("page %d: %+v, want path %s in sidebar order", i, p, m.llmsPaths[i][1])
		}
	}
	var ref pagesOut
	callJSON(t, m.cs, "list_pages", map[string]any{"section": "reference"}, &ref)
	if len(ref.Pages) != 3 || ref.Pages[0].Path != "/reference/" {
		t.Errorf("section reference: %+v", ref.Pages)
	}
	for _, p := range ref.Pages {
		if p.Section != "Reference" {
			t.Errorf("section filter let %s (%s) through", p.Path, p.Section)
		}
	}
}

func (m *modeRun) checkReadPage(t *testing.T) {
	text, _ := call(t, m.cs, "read_page", map[string]any{"path": "/reference/rate-limits/"})
	if want := m.f.readFile(t, "reference/rate-limits/index.md"); !strings.HasSuffix(text, want) {
		t.Errorf("read_page does not return the page's Markdown:\n%s", text)
	}
	part, _ := call(t, m.cs, "read_page", map[string]any{"path": m.base + "/reference/rate-limits/", "anchor": "limits-per-plan"})
	_, body, _ := strings.Cut(part, "\n")
	if !strings.HasPrefix(body, "## Limits per plan\n") || strings.Count(body, "\n## ") != 0 {
		t.Errorf("anchor limits-per-plan gives more or less than its section:\n%s", body)
	}
	entry, isErr := call(t, m.cs, "read_page", map[string]any{"path": "reference/errors#rate-limit-exceeded"})
	if isErr || !strings.Contains(entry, `"code":"RATE_LIMIT_EXCEEDED"`) {
		t.Errorf("the anchor of a catalog entry gives %s", entry)
	}
	// A page longer than one result comes in parts that add up to it.
	want := m.f.readFile(t, "reference/errors/index.md")
	var got strings.Builder
	next := regexp.MustCompile(`offset=(\d+)`)
	for offset, parts := "0", 0; offset != ""; parts++ {
		text, isErr := call(t, m.cs, "read_page", map[string]any{"path": "/reference/errors/", "offset": json.Number(offset)})
		if isErr || parts > 5 {
			t.Fatalf("part %d: %s", parts, text)
		}
		_, body, _ := strings.Cut(text, "\n")
		offset = ""
		if m := next.FindStringSubmatch(body); m != nil {
			offset = m[1]
			body = body[:strings.LastIndex(body, "\n<!-- continues")]
		}
		got.WriteString(body)
	}
	if got.String() != want {
		t.Errorf("the parts of /reference/errors/ do not add up to its Markdown (%d of %d bytes)", got.Len(), len(want))
	}
}

func (m *modeRun) checkGetError(t *testing.T) {
	var out errorOut
	callJSON(t, m.cs, "get_error", map[string]any{"code_or_status": "SESSION_EXPIRED"}, &out)
	if len(out.Errors) != 2 || out.Errors[0].Status == out.Errors[1].Status || out.Status != nil {
		t.Errorf("SESSION_EXPIRED: %+v, want both entries (401 and 410)", out)
	}
	var want []string
	for _, c := range m.catalog.Categories {
		for _, e := range c.Errors {
			if e.Status == 429 {
				want = append(want, e.Code)
			}
		}
	}
	var s429 errorOut
	callJSON(t, m.cs, "get_error", map[string]any{"code_or_status": "429"}, &s429)
	var got []string
	for _, e := range s429.Errors {
		got = append(got, e.Code)
	}
	if s429.Status == nil || s429.Status.Code != 429 || !slices.Equal(got, want) {
		t.Errorf("429: status %+v, errors %v, want the 429 row and %v", s429.Status, got, want)
	}
	if text, isErr := call(t, m.cs, "get_error", map[string]any{"code_or_status": "RATE_LIMITED"}); !isErr || !strings.Contains(text, "RATE_LIMIT_EXCEEDED") {
		t.Errorf("an unknown code gives %q, want an error naming the nearest code", text)
	}
}

func (m *modeRun) checkListErrors(t *testing.T) {
	var out errorOut
	callJSON(t, m.cs, "list_errors", nil, &out)
	total := 0
	for _, c := range m.catalog.Categories {
		total += len(c.Errors)
	}
	if len(out.Errors) != total || out.Next != 0 {
		t.Errorf("%d errors (next %d), the catalog has %d", len(out.Errors), out.Next, total)
	}
	var billing errorOut
	callJSON(t, m.cs, "list_errors", map[string]any{"category": "billing"}, &billing)
	if len(billing.Errors) == 0 {
		t.Error("category billing is empty")
	}
	for _, e := range billing.Errors {
		if e.Category != "billing" {
			t.Errorf("category filter let %s (%s) through", e.Code, e.Category)
		}
	}
}

func (m *modeRun) checkResources(t *testing.T) {
	res, err := m.cs.ListResources(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resources) != len(m.llmsPaths) {
		t.Errorf("%d resources, %d pages", len(res.Resources), len(m.llmsPaths))
	}
	read, err := m.cs.ReadResource(t.Context(), &sdk.ReadResourceParams{URI: "docs://site/reference/errors/"})
	if err != nil {
		t.Fatal(err)
	}
	if read.Contents[0].Text != m.f.readFile(t, "reference/errors/index.md") {
		t.Error("docs://site/reference/errors/ is not the page's Markdown")
	}
	if _, err := m.cs.ReadResource(t.Context(), &sdk.ReadResourceParams{URI: "docs://site/../../etc/passwd"}); err == nil {
		t.Error("a resource outside the site was read")
	}
}
