# docsgen: the two commands a fresh machine needs are `make serve` and `make test`.
GO      ?= go
DOCSGEN := $(GO) run ./cmd/docsgen
BASE_URL ?=
# A count, not a duration: Go 1.26's fuzz coordinator can fail a target with a
# bare "context deadline exceeded" when a -fuzztime duration ends mid-run (Go issue 75804, fixed in 1.27).
FUZZTIME ?= 1000x
# Each new input the fuzzer finds is shrunk for up to this long (Go's default is 60 s, which once
# held one target for a minute in CI); a count keeps the fuzz step's time predictable.
FUZZMINIMIZE ?= 10x

.PHONY: build serve dev check test deps test-short generate clean bench bench-go bench-sites bench-live compare fuzz load

## build: render content/ and static/ into build/ (minified, atomic swap)
build:
	$(DOCSGEN) build $(if $(BASE_URL),-base-url $(BASE_URL))

## serve: preview at http://127.0.0.1:8080 with live reload
serve:
	$(DOCSGEN) serve

## dev: like serve, and also regenerates templ components and restarts on template or Go edits
## (templ's proxy at http://127.0.0.1:7331 reloads the browser after each restart)
dev:
	$(GO) tool templ generate -watch -proxy=http://127.0.0.1:8080 -open-browser=false -cmd="$(GO) run ./cmd/docsgen serve"

## check: validate content, data, links and anchors; write nothing
check:
	$(DOCSGEN) check

## test: every test, browser tests included; installs chromium and axe-core first if missing
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

## deps: install what the tests need (chromium, git, npm, axe-core) when missing
deps:
	bash .ci/deps

## test-short: unit tests only: no browser test, no subprocess kill test (they skip under -short)
test-short:
	$(GO) test -short ./...

## bench: Go benchmarks per stage, then whole builds by the real binary at 1,000 / 10,000 / 100,000
## pages (BENCH_PAGES=1000,10000 to leave out the slow one); needs nothing beside the repository
bench: bench-go bench-sites

## bench-go: Go benchmarks per stage (load, Markdown, highlighting, templates, search index,
## writing), whole builds of the 1,000-page corpus and the goldmark+chroma floor (Floor1000);
## prints ns/op and allocations
bench-go:
	$(GO) test -run '^$$' -bench 'Load$$|Render$$|Highlight|Document|Build|Floor1000$$|WriteDir' -benchmem \
		./internal/markdown ./internal/highlight ./templates ./internal/search ./internal/site

## bench-live: the preview's edit latency, 20 edits each: a save of the Error Codes page until
## Chromium's innerText shows it, and a page body edit of the 10,000-page corpus until it is
## served (median-ms, max-ms); also the server's rebuild and one GET of the page (allocations)
bench-live:
	$(GO) test -run '^$$' -bench 'BrowserEdit|EditServed10k|RebuildErrorsPage|ServeErrorsPage' -benchtime 20x -benchmem ./internal/serve

## bench-sites: cold builds of the synthetic corpus (cmd/gencorpus) by the docsgen binary; prints
## per size the build time per page, its ratio to the previous size's build ("x prev"), user and
## system CPU, peak memory and output bytes per page. BENCH_RUNS builds each size that many times,
## in rounds (medians printed); BENCH_SETTLE pauses before each build (e.g. 10s). Corpora are kept
## in BENCH_DIR for later runs
BENCH_PAGES ?= 1000,10000,100000
BENCH_DIR ?= /tmp/docsgen-bench
BENCH_RUNS ?= 1
BENCH_SETTLE ?= 0s
bench-sites:
	$(GO) build -o $(BENCH_DIR)/docsgen ./cmd/docsgen
	$(GO) run ./cmd/benchsite -bin $(BENCH_DIR)/docsgen -pages $(BENCH_PAGES) -runs $(BENCH_RUNS) \
		-settle $(BENCH_SETTLE) -dir $(BENCH_DIR)

## compare: build the 10,000-page corpus with Hugo and docsgen, alternating, and print the ratios
## (needs hugo and GNU time: apt-get install -y hugo time)
PAGES ?= 10000
RUNS ?= 3
compare:
	bash ../shared/bench/compare-hugo.sh $(PAGES) $(RUNS)

## load: 30 s of wrk (64 connections) on the preview server while it rebuilds; fails on any error
## (needs wrk: apt-get install -y wrk)
load:
	bash .ci/load

## fuzz: run every fuzz target for $(FUZZTIME) each (default 1000x inputs), one after another; the targets
## are found in the *_test.go files, so a new one is fuzzed without editing this list
fuzz:
	@set -e; grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sort | \
	while IFS=: read -r file fn; do \
		pkg=$$(dirname "$$file"); name=$${fn#func }; \
		echo "== $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) -parallel 1 ./$$pkg </dev/null; \
	done

## generate: regenerate the templ components' Go code
generate:
	$(GO) tool templ generate

## clean: remove build output and test caches
clean:
	rm -rf build build.tmp-*
	$(GO) clean -testcache
