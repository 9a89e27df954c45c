package search

import (
	_ "embed"
	"fmt"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

// scriptSource is the search dialog and query engine, loaded by the theme's
// 60-search.js the first time a reader opens search.
//
//go:embed search.js
var scriptSource string

// Script returns search.js, minified when minified is true.
func Script(minified bool) ([]byte, error) {
	if !minified {
		return []byte(scriptSource), nil
	}
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	out, err := m.Bytes("application/javascript", []byte(scriptSource))
	if err != nil {
		return nil, fmt.Errorf("minifying search.js: %w", err)
	}
	return out, nil
}
