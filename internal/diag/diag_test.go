package diag

import (
	"errors"
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	src := []byte("ab\ncde\n\nf")
	for _, c := range []struct{ off, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {5, 2, 3}, {7, 3, 1}, {8, 4, 1}, {99, 4, 2}, {-1, 1, 1},
	} {
		l, col := Position(src, c.off)
		if l != c.line || col != c.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

func TestFormatAndList(t *testing.T) {
	var l List
	l.Add(Warnf("b.md", 2, 1, "raw HTML left out"), Errorf("a.md", 9, 3, "bad %s", "thing").WithHint("fix it"), Errorf("a.md", 1, 0, "first"))
	l.Sort()
	if got := l[0].Error(); got != "a.md:1: error: first" {
		t.Errorf("got %q", got)
	}
	if got := l[1].Error(); got != "a.md:9:3: error: bad thing; fix it" {
		t.Errorf("got %q", got)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 || len(l.Warnings()) != 1 {
		t.Error("counts wrong")
	}
	err := l.Err()
	var el ErrorList
	if !errors.As(err, &el) || len(el) != 2 || strings.Contains(err.Error(), "warning") {
		t.Errorf("Err() = %v", err)
	}
	if (List{Warnf("x", 1, 1, "w")}).Err() != nil {
		t.Error("warnings alone must not be an error")
	}
}
