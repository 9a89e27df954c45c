package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// buildID identifies the running docsgen binary: a hash of the executable,
// so any change to the code (templates, renderer, highlighter) changes every
// cache key. It is computed once per process.
var buildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	return "unknown"
})
