// Command docsgen builds a static documentation site from Markdown and YAML
// data, checks it, and serves a live preview.
//
//	docsgen build  [-content DIR] [-static DIR] [-out DIR] [-base-url URL] [-drafts] [-no-minify]
//	docsgen serve  [-content DIR] [-static DIR] [-addr 127.0.0.1:8080] [-base-url URL] [-drafts]
//	docsgen check  [-content DIR] [-static DIR] [-drafts]
//
// Exit status: 0 on success, 1 when the content has errors, 2 on a usage error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"docsgen/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
