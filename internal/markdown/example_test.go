package markdown_test

import (
	"fmt"
	"os"

	"github.com/yuin/goldmark"

	"docsgen/internal/markdown"
)

func ExampleRenderer_Render() {
	r := markdown.New(markdown.Options{}, nil)
	src := []byte("# Rate Limits\n\n## Plan limits\n\n> [!NOTE]\n> See [errors](/reference/errors/).\n\n:::nope\n:::\n")
	res, diags := r.Render(src, markdown.Source{File: "content/reference/rate-limits.md", LineOffset: 4})
	fmt.Println("title:", res.Title)
	fmt.Printf("%s", res.HTML)
	for _, l := range res.Links {
		fmt.Printf("link %s at %d:%d\n", l.Dest, l.Line, l.Col)
	}
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// title: Rate Limits
	// <h2 id="plan-limits">Plan limits<a class="anchor" href="#plan-limits"><span class="sr-only">Link to this section: Plan limits</span></a></h2>
	// <div class="callout callout-note" role="note"><p class="callout-title">Note</p>
	// <p>See <a href="/reference/errors/">errors</a>.</p>
	// </div>
	// <div class="callout callout-neutral" role="note"><p class="callout-title">Nope</p>
	// </div>
	// link /reference/errors/ at 10:7
	// content/reference/rate-limits.md:12:4: warning: unknown callout type "nope": shown as a plain callout; did you mean note? types: note, tip, info, important, warning, caution, danger, details and MkDocs' others (abstract, success, question, bug, example, ...)
}

// The MkDocs extenders work on a bare goldmark too.
func ExampleAdmonitions() {
	md := goldmark.New(goldmark.WithExtensions(&markdown.Admonitions{}, &markdown.ContentTabs{}))
	src := "!!! tip \"Retry later\"\n    Wait before the next request.\n"
	if err := md.Convert([]byte(src), os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <div class="callout callout-tip" role="note"><p class="callout-title">Retry later</p>
	// <p>Wait before the next request.</p>
	// </div>
}
