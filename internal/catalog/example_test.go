package catalog_test

import (
	"fmt"
	"testing"
	"testing/fstest"

	"docsgen/internal/catalog"
)

// A data file with two mistakes: both are reported, each at its position
// and with a hint.
func ExampleLoad() {
	fsys := fstest.MapFS{
		"_data/statuses.yaml": {Data: []byte(`statuses:
  - {code: 429, text: Too Many Requests, meaning: Slow down., retry: Later., retryable: "yes"}
`)},
		"_data/errors.yaml": {Data: []byte(`categories:
  - id: rate-limit
    title: Rate limit errors
    description: Too many requests.
    errors:
      - code: RateLimitExceeded
        status: 429
        refunded: false
        cause: The plan's limit was exceeded.
        fixx: Wait.
`)},
	}
	c, diags := catalog.Load(fsys, "_data", "content")
	for _, d := range diags {
		fmt.Println(d)
	}
	fmt.Println(len(c.Categories[0].Errors), "entry decoded despite them")
	// Output:
	// content/_data/errors.yaml:6:9: error: an error entry is missing the required key "fix"; add a line "fix: ..." to it
	// content/_data/errors.yaml:6:15: error: code "RateLimitExceeded" must match ^[A-Z][A-Z0-9_]*$; write it in upper case with underscores, such as RATE_LIMIT_EXCEEDED
	// content/_data/errors.yaml:10:9: error: unknown key "fixx" in an error entry; did you mean "fix"? (known keys: code, status, refunded, cause, fix, details)
	// 1 entry decoded despite them
}

// BenchmarkLoadAndRender loads a 1,000-entry catalog and renders all its
// entries, as a build of the Error Codes page does.
func BenchmarkLoadAndRender(b *testing.B) {
	fsys := fstest.MapFS{}
	var statuses, errs string
	statuses = "statuses:\n  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: \"no\"}\n"
	errs = "categories:\n  - id: all\n    title: All errors\n    description: d\n    errors:\n"
	for i := 0; i < 1000; i++ {
		errs += fmt.Sprintf("      - {code: ERROR_%04d, status: 400, refunded: false, cause: Cause number %d., fix: Use `option_%d`.}\n", i, i, i)
	}
	fsys["_data/statuses.yaml"] = &fstest.MapFile{Data: []byte(statuses)}
	fsys["_data/errors.yaml"] = &fstest.MapFile{Data: []byte(errs)}
	for b.Loop() {
		c, diags := catalog.Load(fsys, "_data", "content")
		if len(diags) != 0 {
			b.Fatal(diags)
		}
		if _, err := c.Directives()["errors"].Render(nil); err != nil {
			b.Fatal(err)
		}
	}
}
