package search

import (
	"strings"
)

// filesUnder lists the index's files whose names start with prefix.
func filesUnder(ix *Index, prefix string) []string {
	var out []string
	for name := range ix.Files {
		if strings.HasPrefix(name, prefix) {
			out = append(out, name)
		}
	}
	return out
}
