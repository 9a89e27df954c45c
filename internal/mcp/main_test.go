package mcp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"docsgen/internal/cli"
	"docsgen/internal/mcp"
	"docsgen/internal/output"
	"docsgen/internal/site"
)

// childEnv makes the test binary run docsgen's command line instead of the
// tests: the MCP client below starts it as `docsgen mcp ...` over stdio,
// exactly as an agent starts the real binary.
const childEnv = "DOCSGEN_MCP_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// fixture is the docs site in all three forms docsgen mcp reads: a copy of
// its content folder, the folder docsgen build makes of it, and that
// folder served over HTTP on loopback.
type fixture struct {
	content, dir string
	srv          *httptest.Server
	// served counts the bytes of response bodies the server sent.
	served atomic.Int64
}

// The tests read the repository's own content: the relevance queries of
// the search dialog (internal/site's TestSearchRelevance) are about it.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{content: filepath.Join(t.TempDir(), "content"), dir: filepath.Join(t.TempDir(), "build")}
	if err := os.CopyFS(f.content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	f.build(t)
	files := http.FileServer(http.Dir(f.dir))
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		files.ServeHTTP(countingWriter{w, &f.served}, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// build builds the content folder into the build folder, replacing it.
func (f *fixture) build(t *testing.T) {
	t.Helper()
	out, err := output.NewDir(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := site.Build(context.Background(), site.Options{Content: os.DirFS(f.content)}, out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatalf("the site does not build:\n%v", res.Diags)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	c.n.Add(int64(len(b)))
	return c.ResponseWriter.Write(b)
}

// modes are the three ways to name the site, as command-line arguments.
func (f *fixture) modes() []struct{ name, flag, arg string } {
	return []struct{ name, flag, arg string }{
		{"content", "-content", f.content},
		{"dir", "-dir", f.dir},
		{"site", "-site", f.srv.URL},
	}
}

// start runs `docsgen mcp args...` as a subprocess and connects to it.
func start(t *testing.T, args ...string) *sdk.ClientSession {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"mcp"}, args...)...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	client := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "v0"}, nil)
	cs, err := client.Connect(ctx, &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("docsgen mcp %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
	}
	t.Cleanup(func() {
		cs.Close()
		if t.Failed() {
			t.Logf("docsgen mcp stderr:\n%s", stderr.String())
		}
	})
	return cs
}

// call calls a tool; it fails the test on a protocol error or a result
// over mcp.MaxResult, and returns the text and whether it is a tool error.
func call(t *testing.T, cs *sdk.ClientSession, tool string, args map[string]any) (string, bool) {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s(%v): %v", tool, args, err)
	}
	if len(res.Content) != 1 {
		t.Fatalf("%s(%v): %d content items, want 1", tool, args, len(res.Content))
	}
	text := res.Content[0].(*sdk.TextContent).Text
	if len(text) > mcp.MaxResult {
		t.Errorf("%s(%v): result of %d bytes, over %d", tool, args, len(text), mcp.MaxResult)
	}
	return text, res.IsError
}

// callJSON calls a tool that must succeed and decodes its JSON.
func callJSON(t *testing.T, cs *sdk.ClientSession, tool string, args map[string]any, v any) {
	t.Helper()
	text, isErr := call(t, cs, tool, args)
	if isErr {
		t.Fatalf("%s(%v) failed: %s", tool, args, text)
	}
	if err := json.Unmarshal([]byte(text), v); err != nil {
		t.Fatalf("%s(%v): %v in %s", tool, args, err, text)
	}
}

// readFile reads a file of the built site.
func (f *fixture) readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
