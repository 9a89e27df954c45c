package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"docsgen/internal/site"
)

// The live-reload streams under a flood of connections, and pages served
// while the site rebuilds.

// openStream opens a live-reload stream and reads its hello event.
func openStream(t *testing.T, client *http.Client, base string) (*http.Response, error) {
	t.Helper()
	resp, err := client.Get(base + eventsPath)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == 200 {
		readEvent(t, bufio.NewReader(resp.Body))
	}
	return resp, nil
}

// TestLiveReloadCap fills every live-reload place from one client: the
// next stream still gets its place, the oldest is closed, and the broker
// never holds more than maxClients.
func TestLiveReloadCap(t *testing.T) {
	s, base, _ := newTestServer(t, basicSite)
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0, DisableKeepAlives: true}}
	var open []*http.Response
	defer func() {
		for _, r := range open {
			r.Body.Close()
		}
	}()
	for i := 0; i < maxClients; i++ {
		resp, err := openStream(t, client, base)
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, resp)
		if resp.StatusCode != 200 {
			t.Fatalf("stream %d: status %d, want 200", i+1, resp.StatusCode)
		}
	}
	// One more: it is served, and the oldest stream ends.
	resp, err := openStream(t, client, base)
	if err != nil {
		t.Fatal(err)
	}
	open = append(open, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("stream %d: status %d, want 200 (the oldest dropped)", maxClients+1, resp.StatusCode)
	}
	ended := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, open[0].Body)
		ended <- err
	}()
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the oldest stream was not closed when all places were taken")
	}
	if n := s.broker.count(); n > maxClients {
		t.Errorf("broker holds %d streams, cap %d", n, maxClients)
	}
	// The newest stream still gets events.
	s.broker.publish("reload", state{Version: 99})
	if name, _ := readEvent(t, bufio.NewReader(resp.Body)); name != "reload" {
		t.Errorf("the newest stream got %q, want reload", name)
	}
	// Pages are still served while the streams are full.
	page, err := client.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != 200 {
		t.Fatalf("a page got %d while the streams were full", page.StatusCode)
	}
}

// TestLiveReloadLeaksNoGoroutines connects and disconnects 50 live-reload
// clients, a few at a time, and checks that the goroutine count returns to
// where it started and the broker forgets every client.
func TestLiveReloadLeaksNoGoroutines(t *testing.T) {
	s, base, _ := newTestServer(t, basicSite)
	tr := &http.Transport{DisableKeepAlives: true}
	client := &http.Client{Transport: tr}
	settle := func() int {
		tr.CloseIdleConnections()
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
		return runtime.NumGoroutine()
	}
	before := settle()
	for round := 0; round < 10; round++ {
		var open []*http.Response
		for i := 0; i < 5; i++ {
			resp, err := openStream(t, client, base)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			open = append(open, resp)
		}
		// An event reaches the open clients before they go.
		s.broker.publish("reload", state{Version: int64(round)})
		for _, r := range open {
			r.Body.Close()
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	var after int
	for {
		after = settle()
		if (after <= before && s.broker.count() == 0) || time.Now().After(deadline) {
			break
		}
	}
	if s.broker.count() != 0 {
		t.Errorf("the broker still holds %d clients", s.broker.count())
	}
	if after > before {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("goroutines: %d before, %d after 50 clients came and went\n%s", before, after, buf)
	}
}

// TestServesWhileRebuilding hammers pages from 16 goroutines for two
// seconds while the site rebuilds in a loop: every response must be a
// complete 200.
func TestServesWhileRebuilding(t *testing.T) {
	s, base, dir := newTestServer(t, basicSite)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	// It runs until enough has happened, however slow the machine: a
	// count, not a time, ends it. The long timeout only catches a hang.
	const wantBuilds, wantRequests = 20, 500
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hang, stopHang := context.WithTimeout(context.Background(), 5*time.Minute)
	defer stopHang()
	var requests, failures atomic.Int64
	var firstErr atomic.Value
	fail := func(err error) {
		failures.Add(1)
		firstErr.CompareAndSwap(nil, err)
	}
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			paths := []string{"/", "/guide/page/", "/guide/page/index.md", s.snap.Load().styleURL}
			for i := 0; ctx.Err() == nil; i++ {
				p := paths[(w+i)%len(paths)]
				resp, err := client.Get(base + p)
				if err != nil {
					if ctx.Err() == nil {
						fail(err)
					}
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch {
				case err != nil:
					fail(fmt.Errorf("%s: %v", p, err))
				case resp.StatusCode != 200:
					fail(fmt.Errorf("%s: status %d", p, resp.StatusCode))
				case int64(len(body)) != resp.ContentLength:
					fail(fmt.Errorf("%s: %d of %d bytes", p, len(body), resp.ContentLength))
				}
			}
		}(w)
	}
	builds := 0
	for builds < wantBuilds || requests.Load() < wantRequests {
		if hang.Err() != nil {
			cancel()
			wg.Wait()
			t.Fatalf("still short after 5 minutes: %d builds, %d requests", builds, requests.Load())
		}
		text := fmt.Sprintf("---\ntitle: Home\n---\nRebuild %d.\n", builds)
		writeFiles(t, dir, map[string]string{"index.md": text})
		if err := s.Build(context.Background(), site.Changes{Content: []string{"index.md"}}); err != nil {
			t.Fatal(err)
		}
		builds++
	}
	cancel()
	wg.Wait()
	t.Logf("%d requests during %d rebuilds, %d failures", requests.Load(), builds, failures.Load())
	if failures.Load() > 0 {
		t.Fatalf("%d of %d requests failed while rebuilding; first: %v", failures.Load(), requests.Load(), firstErr.Load())
	}
}
