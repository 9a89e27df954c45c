// Package static embeds the default theme assets of docsgen: the stylesheets
// under css/ and the scripts under js/, so that the docsgen binary can build
// any content folder on its own.
//
// The build bundles css/*.css (plus the code-highlighting styles) into one
// fingerprinted /assets/style.<hash>.css and js/*.js into
// /assets/app.<hash>.js, in file-name order. Every other file is copied to
// the site as it is. A -static folder given to docsgen is laid over these
// files: a file there replaces the embedded file of the same path.
package static

import "embed"

// FS holds the embedded theme assets.
//
//go:embed css js favicon.svg
var FS embed.FS
