package cli

// fixtures are the trees of TestFixturesFromOtherTools and what each
// build must give.
func fixtures() []fixture {
	return []fixture{hugoFixture(), mdBookFixture(), mkDocsFixture(), docusaurusFixture(), githubFixture()}
}

// hugoFixture: a Hugo site's content/ (hugo.toml beside it is not read).
// Order by weight, labels from linkTitle, aliases, and a shortcode shown
// as text with a warning.
func hugoFixture() fixture {
	return fixture{
		name:    "hugo",
		content: "hugo/content",
		pages: []string{
			"guide/brew/index.html", "guide/configure/index.html", "guide/index.html", "guide/install/index.html",
			"index.html", "reference/api/endpoints/index.html", "reference/api/index.html",
			"reference/cli/index.html", "reference/index.html",
		},
		sidebarOf: "guide/brew/index.html",
		sidebar: []string{
			"[Guide]", "Overview /guide/", "Install /guide/install/", "Configure /guide/configure/", "Your first brew /guide/brew/",
			"[Reference]", "Overview /reference/", "Command line /reference/cli/",
			"[HTTP API]", "Overview /reference/api/", "Endpoints /reference/api/endpoints/",
		},
		links: map[string][]string{
			"index.html":                         {`href="/guide/">guide<`, `href="/reference/cli/">command line<`},
			"guide/install/index.html":           {`href="/guide/configure/">configure it<`},
			"guide/configure/index.html":         {`href="/reference/cli/#flags">command reference<`, `{{&lt; alert title=`},
			"guide/brew/index.html":              {`href="/guide/install/">installing<`, `href="/reference/api/endpoints/">HTTP API<`},
			"reference/cli/index.html":           {`href="/guide/configure/">guide's settings page<`},
			"reference/api/endpoints/index.html": {`href="/reference/cli/">command line<`},
		},
		images: [][2]string{{"guide/images/flow.png", "guide/configure/index.html"}},
		diags: []string{
			`hugo/content/guide/configure.md:15:1: warning: Hugo shortcode "{{< alert title=\"Heads up\" >}}Settings a..." is shown as text; docsgen has no shortcodes: use a callout, a directive or plain Markdown`,
		},
	}
}

// mdBookFixture: an mdBook's src/ (book.toml beside it is not read).
// SUMMARY.md orders the chapters against their file names, README.md
// opens its folder, and {{#include}}, in prose or in a code block, is
// shown as text with a warning.
func mdBookFixture() fixture {
	return fixture{
		name:    "mdbook",
		content: "mdbook/src",
		pages: []string{
			"appendix/glossary/index.html", "chapters/advanced/index.html", "chapters/advanced/readers/index.html",
			"chapters/advanced/sizing/index.html", "chapters/getting-started/index.html", "chapters/wrapping/index.html", "index.html",
		},
		sidebarOf: "chapters/advanced/sizing/index.html",
		sidebar: []string{
			"[Chapters]", "Getting started /chapters/getting-started/", "How the buffer wraps /chapters/wrapping/",
			"[Advanced use]", "Overview /chapters/advanced/", "Sizing the ring /chapters/advanced/sizing/", "Many readers /chapters/advanced/readers/",
			"[Appendix]", "Glossary /appendix/glossary/",
		},
		links: map[string][]string{
			"index.html":                          {`href="/chapters/getting-started/">getting started<`, `href="/appendix/glossary/">glossary<`},
			"chapters/getting-started/index.html": {`href="/chapters/wrapping/">how the buffer wraps<`},
			"chapters/wrapping/index.html":        {`href="/chapters/advanced/sizing/">sizing<`},
			"chapters/advanced/index.html":        {`href="/chapters/getting-started/">the basics<`},
			"chapters/advanced/sizing/index.html": {`href="/appendix/glossary/#capacity">capacity<`},
			"appendix/glossary/index.html":        {`href="/">introduction<`},
		},
		images: [][2]string{{"chapters/img/ring.png", "chapters/wrapping/index.html"}, {"chapters/img/ring.png", "chapters/advanced/sizing/index.html"}},
		diags: []string{
			`mdbook/src/chapters/advanced/readers.md:5:1: warning: mdBook preprocessor directive "{{#include ../../../listings/readers.rs}..." is shown as text; docsgen has no preprocessors: paste the content or link to it`,
			`mdbook/src/chapters/advanced/readers.md:10:1: warning: mdBook include "{{#rustdoc_include ../../../listings/non..." in a code block is shown as text; docsgen has no preprocessors: paste the file's lines into the block`,
		},
	}
}

// mkDocsFixture: an MkDocs docs/ whose mkdocs.yml nav list is copied into
// index.md's front matter (mkdocs.yml is not read); admonitions, tabs.
func mkDocsFixture() fixture {
	return fixture{
		name:    "mkdocs",
		content: "mkdocs/docs",
		pages: []string{
			"about/license/index.html", "about/release-notes/index.html", "index.html",
			"user-guide/running/index.html", "user-guide/writing/index.html",
		},
		sidebarOf: "user-guide/running/index.html",
		sidebar: []string{
			"[User guide]", "Writing a query /user-guide/writing/", "Running it /user-guide/running/",
			"[About]", "Release notes /about/release-notes/", "License /about/license/",
		},
		links: map[string][]string{
			"index.html":                     {`href="/user-guide/writing/">writing a query<`, `<div class="callout callout-note"`},
			"user-guide/writing/index.html":  {`href="/user-guide/running/">run it<`, `href="/about/release-notes/">release notes<`, `<p class="callout-title">Quoting</p>`},
			"user-guide/running/index.html":  {`href="/user-guide/writing/#fields">writing<`, `data-tab="Shell">Shell</button>`, `data-tab="Saved file">Saved file</button>`},
			"about/release-notes/index.html": {`href="/about/license/">license page<`},
			"about/license/index.html":       {`href="/">home page<`},
		},
		images: [][2]string{{"assets/panel.png", "user-guide/running/index.html"}},
	}
}

// docusaurusFixture: a Docusaurus docs/: sidebar_position and
// sidebar_label, an absolute slug, :::tip Title admonitions, an MDX
// import that warns; an .mdx page is published as a file, with a
// warning. _category_.json is published as a file, unread.
func docusaurusFixture() fixture {
	return fixture{
		name:    "docusaurus",
		content: "docusaurus/docs",
		pages: []string{
			"index.html", "reference/options/index.html", "tutorial/basics/captions/index.html",
			"tutorial/basics/layout/index.html", "tutorial/make-a-sheet/index.html", "tutorial/print/index.html", "welcome/index.html",
		},
		sidebarOf: "tutorial/basics/layout/index.html",
		sidebar: []string{
			"Welcome /welcome/", "[Reference]", "Options /reference/options/",
			"[Tutorial]", "Make a sheet /tutorial/make-a-sheet/", "Printing /tutorial/print/",
			"[Basics]", "Layout /tutorial/basics/layout/", "Captions /tutorial/basics/captions/",
		},
		links: map[string][]string{
			"welcome/index.html":                  {`href="/tutorial/make-a-sheet/">tutorial<`, `<p class="callout-title">Before you start</p>`},
			"tutorial/make-a-sheet/index.html":    {`href="/tutorial/basics/layout/">change the layout<`, `href="/tutorial/print/">print it<`},
			"tutorial/print/index.html":           {`href="/tutorial/make-a-sheet/">the first sheet<`, `href="/welcome/">welcome page<`},
			"tutorial/basics/layout/index.html":   {`href="/tutorial/basics/captions/">captions<`, `<div class="callout callout-caution"`},
			"tutorial/basics/captions/index.html": {`href="/reference/options/#caption">reference<`},
		},
		images: [][2]string{{"tutorial/img/steps.png", "tutorial/make-a-sheet/index.html"}, {"tutorial/img/steps.png", "tutorial/basics/layout/index.html"}},
		diags: []string{
			`docusaurus/docs: warning: the site has no home page: docsgen made one that lists its sections; write testdata/fixtures/docusaurus/docs/index.md to say what the site is about`,
			`docusaurus/docs/tutorial/make-a-sheet.md:7:1: warning: MDX statement "import Tabs from '@theme/Tabs';" is shown as text; docsgen reads Markdown, not MDX: remove the statement and the components it brings in`,
			`docusaurus/docs/tutorial/share.mdx: warning: .mdx file published as is, not made a page: docsgen reads .md files; rename it to share.md to make it a page`,
		},
	}
}

// githubFixture: a repository's README-style Markdown: README.md pages,
// links to files, folders and ../, an image beside the pages, a GitHub
// alert; raw HTML is left out with a warning.
func githubFixture() fixture {
	return fixture{
		name:    "github",
		content: "github",
		pages: []string{
			"CONTRIBUTING/index.html", "docs/api/auth/index.html", "docs/api/index.html",
			"docs/setup/index.html", "docs/usage/index.html", "index.html",
		},
		sidebarOf: "docs/api/auth/index.html",
		sidebar: []string{
			"Contributing /CONTRIBUTING/", "[Docs]", "[HTTP API]", "Overview /docs/api/", "Authentication /docs/api/auth/",
			"Setup /docs/setup/", "Usage /docs/usage/",
		},
		links: map[string][]string{
			"index.html": {`href="/docs/setup/">Set it up<`, `href="/docs/usage/">Use it<`, `href="/docs/api/">HTTP API<`,
				`href="/CONTRIBUTING/">Contributing<`},
			"CONTRIBUTING/index.html":  {`href="/docs/setup/#from-source">setup guide<`},
			"docs/usage/index.html":    {`href="/docs/api/">API<`, `href="/">project page<`},
			"docs/api/index.html":      {`href="/docs/api/auth/">authentication<`},
			"docs/api/auth/index.html": {`href="/docs/setup/">setup<`, `href="/docs/api/">Up to the API<`, `callout-note`},
		},
		images: [][2]string{{"docs/img/layout.png", "index.html"}},
		diags: []string{
			`github/docs/usage.md:5:1: warning: raw HTML block omitted; raw HTML is left out of pages; set rawHTML: true in site.yaml, in the content folder, to allow it`,
		},
	}
}
