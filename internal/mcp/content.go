package mcp

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"docsgen/internal/output"
	"docsgen/internal/site"
	"docsgen/internal/watch"
)

// ContentSource builds a content folder into memory and rebuilds it on
// every save, as the preview server does; a build with errors keeps the
// last good site. It is the only part of this package that knows how a
// site is built (site.Session, watch): the adapter between the two.
type ContentSource struct {
	session *site.Session
	// contentDir and staticDir are the watched folders, as watch reports
	// their changes (Batch.Changes[i].Root).
	contentDir, staticDir string
	stderr                io.Writer
	mu                    sync.Mutex // serialises builds
	cur                   atomic.Pointer[builtSite]
	version               atomic.Uint64
}

type builtSite struct {
	files   *output.Memory
	version uint64
}

// NewContentSource returns a source for the site opts describes, whose
// content and static folders on disk are contentDir and staticDir (""
// when there is none); call Build before serving. Diagnostics go to
// stderr. Search is written with the pages: an agent may ask at once.
func NewContentSource(opts site.Options, contentDir, staticDir string, stderr io.Writer) *ContentSource {
	return &ContentSource{session: site.NewSession(opts, site.SessionOptions{}), contentDir: contentDir, staticDir: staticDir, stderr: stderr}
}

// Build rebuilds after the files in changed (empty: a full build).
func (c *ContentSource) Build(ctx context.Context, changed site.Changes) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	res, mem, err := c.session.Update(ctx, changed)
	if err != nil {
		return err
	}
	for _, d := range res.Diags {
		fmt.Fprintln(c.stderr, d.Error())
	}
	if res.Diags.HasErrors() && c.cur.Load() != nil {
		fmt.Fprintf(c.stderr, "docsgen mcp: build failed with %d errors; still answering from the last good build\n", len(res.Diags.Errors()))
		return nil
	}
	c.cur.Store(&builtSite{files: mem, version: c.version.Add(1)})
	return nil
}

// Watch rebuilds on every change in the content and static folders until
// ctx is cancelled; the returned func waits for the watcher to stop.
func (c *ContentSource) Watch(ctx context.Context) (wait func(), err error) {
	dirs := []string{c.contentDir}
	if c.staticDir != "" {
		dirs = append(dirs, c.staticDir)
	}
	w, err := watch.New(dirs, watch.Options{})
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", strings.Join(dirs, ", "), err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx, func(b watch.Batch) {
			if len(b.Changes) == 0 {
				return
			}
			var changed site.Changes // a batch that lost events reads everything
			for _, ch := range b.Changes {
				switch {
				case b.Rescan:
				case ch.Root == c.contentDir:
					changed.Content = append(changed.Content, ch.Rel)
				case ch.Root == c.staticDir:
					changed.Static = append(changed.Static, ch.Rel)
				}
			}
			if err := c.Build(ctx, changed); err != nil && ctx.Err() == nil {
				fmt.Fprintf(c.stderr, "docsgen mcp: rebuild: %v\n", err)
			}
		})
	}()
	return func() { <-done }, nil
}

// Source returns the current site as a Source.
func (c *ContentSource) Source() Source {
	return Files(func() (func(string) ([]byte, bool), uint64) {
		s := c.cur.Load()
		if s == nil {
			return nil, 0
		}
		return s.files.Get, s.version
	})
}
