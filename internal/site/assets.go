package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"docsgen/internal/content"
	"docsgen/internal/diag"
)

// assets are the site's static files: the fingerprinted CSS and JS bundles
// and every other static file, copied as is.
type assets struct {
	styleURL  string
	scriptURL string
	// files maps output names (assets/style.1a2b3c4d5e.css, favicon.svg)
	// to contents.
	files map[string][]byte
	// from names where each copied file came from, for messages: the
	// static folder's file (static/favicon.svg) or the built-in theme's.
	from map[string]string
	// diags are the problems of the static folder: symbolic links that
	// lead out of the project, which are left out.
	diags diag.List
}

// assetLayer is one folder of static files: the built-in theme, or the
// static folder laid over it.
type assetLayer struct {
	fsys fs.FS
	// display names the folder in messages ("static"); "" for the
	// built-in theme, whose files are not the author's.
	display string
	confine content.Confine
}

// loadAssets bundles the theme: css/*.css plus extraCSS into one
// stylesheet, js/*.js into one script, each named by a hash of its content.
// layers are read in order; a later layer's file replaces an earlier one's.
// A symbolic link of a layer that leads out of the project is reported in
// assets.diags and left out.
func loadAssets(layers []assetLayer, extraCSS []byte, minifyOut bool) (*assets, error) {
	files := map[string][]byte{}
	out := &assets{files: map[string][]byte{}, from: map[string]string{}}
	for _, l := range layers {
		if l.fsys == nil {
			continue
		}
		if err := out.readLayer(l, files); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading static files: %w", err)
		}
	}
	var cssParts, jsParts []string
	for p, b := range files {
		switch {
		case path.Dir(p) == "css" && path.Ext(p) == ".css":
			cssParts = append(cssParts, p)
		case path.Dir(p) == "js" && path.Ext(p) == ".js":
			jsParts = append(jsParts, p)
		default:
			out.files[p] = b
		}
	}
	sort.Strings(cssParts)
	sort.Strings(jsParts)
	var style, script bytes.Buffer
	for _, p := range cssParts {
		style.Write(files[p])
		style.WriteByte('\n')
	}
	style.Write(extraCSS)
	for _, p := range jsParts {
		script.Write(files[p])
		script.WriteString("\n;\n")
	}
	styleBytes, scriptBytes := style.Bytes(), script.Bytes()
	if minifyOut {
		m := minify.New()
		m.AddFunc("text/css", css.Minify)
		m.AddFunc("application/javascript", js.Minify)
		var err error
		if styleBytes, err = m.Bytes("text/css", styleBytes); err != nil {
			return nil, fmt.Errorf("minifying the stylesheet: %w", err)
		}
		if scriptBytes, err = m.Bytes("application/javascript", scriptBytes); err != nil {
			return nil, fmt.Errorf("minifying the scripts: %w", err)
		}
	}
	out.styleURL = "/" + fingerprinted("assets/style.css", styleBytes)
	out.scriptURL = "/" + fingerprinted("assets/app.js", scriptBytes)
	out.files[out.styleURL[1:]] = styleBytes
	out.files[out.scriptURL[1:]] = scriptBytes
	return out, nil
}

// readLayer reads the files of one layer into files, over those of the
// layers before it, and notes where each came from.
func (a *assets) readLayer(l assetLayer, files map[string][]byte) error {
	return fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || path.Ext(name) == ".go" || strings.HasSuffix(name, "~") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if target, outside := l.confine.Outside(l.fsys, p); outside {
				a.diags.Add(content.OutsideProblem(path.Join(l.display, p), target))
				return nil
			}
		}
		// Checked before reading: opening a named pipe would wait for
		// a writer forever.
		if msg, hint := content.Unreadable(l.fsys, p, d); msg != "" {
			return fmt.Errorf("%s: %s; %s", p, msg, hint)
		}
		b, err := fs.ReadFile(l.fsys, p)
		if err != nil {
			return err
		}
		files[p] = b
		a.from[p] = path.Join(l.display, p)
		if l.display == "" {
			a.from[p] = "the built-in theme's " + p
		}
		return nil
	})
}

// fingerprinted inserts a content hash before the extension:
// assets/style.css -> assets/style.1a2b3c4d5e.css.
func fingerprinted(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}
