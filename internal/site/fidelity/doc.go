// Package fidelity has no code of its own: its tests hold the published
// reference pages to the facts they must carry. They build the site from the
// repository's content/ into memory and compare the Error Codes page, the
// Rate Limits page and /reference/errors.json with
// ../shared/facts/error-reference.md (beside the repository, as CI lays it
// out), in both directions: every fact of the file is on the pages, and
// every statement of the pages traces to a line of the file or is marked as
// the site's own note. The Python example on the Error Codes page is run
// against a fake API, and a browser test checks the page's layout on a
// phone and a desktop.
package fidelity
