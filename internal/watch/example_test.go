package watch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"docsgen/internal/watch"
)

func Example() {
	dir, err := os.MkdirTemp("", "content")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	w, err := watch.New([]string{dir}, watch.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan watch.Batch, 10)
	go w.Run(ctx, func(b watch.Batch) { batches <- b })

	// An editor saves a page in a folder that did not exist.
	page := filepath.Join(dir, "guide", "intro.md")
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page+".tmp", []byte("# Intro\n"), 0o644)
	os.Rename(page+".tmp", page)

	for _, c := range (<-batches).Changes {
		fmt.Println(c.Op, c.Rel)
	}
	// Output:
	// create guide/intro.md
}
