package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "abc", 0}, {"abc", "abd", 1}, {"timeout", "timout", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"erors", "errors", 1}} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

// TestWithinAgreesWithDistance compares the bounded distance with the full
// one for every pair of a word list and every limit up to the longest word.
func TestWithinAgreesWithDistance(t *testing.T) {
	words := []string{"", "a", "abc", "abd", "timeout", "timout", "kitten", "sitting", "errors", "erors", "rate-limits", "rate-limit", "reference"}
	for _, a := range words {
		for _, b := range words {
			full := Distance(a, b)
			for limit := -1; limit <= 12; limit++ {
				d, ok := Within(a, b, limit)
				if ok != (full <= limit) || (ok && d != full) {
					t.Fatalf("Within(%q, %q, %d) = %d, %v; Distance = %d", a, b, limit, d, ok, full)
				}
			}
		}
	}
}
