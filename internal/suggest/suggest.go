// Package suggest finds the likely intended word for a mistyped one, for
// the "did you mean" hints of every docsgen error: an unknown directive,
// front matter key, data field, error code, link or anchor.
package suggest

// Distance is the Levenshtein edit distance between a and b, in bytes.
// Strings longer than 256 bytes are not compared (the distance is then the
// longer length, or 0 when they are equal), which keeps hints cheap.
func Distance(a, b string) int {
	if len(a) > 256 || len(b) > 256 {
		if a == b {
			return 0
		}
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Within reports the edit distance between a and b when it is at most
// limit, and ok false (without finishing the comparison) when it is more.
// It is Distance for callers that compare one word with many: strings
// whose lengths differ by more than limit are refused at once, a common
// prefix and suffix are not compared, and a row of the table that exceeds
// limit everywhere ends the search.
func Within(a, b string, limit int) (d int, ok bool) {
	if limit < 0 || abs(len(a)-len(b)) > limit {
		return 0, false
	}
	// A common prefix and suffix do not change the distance; names in one
	// folder often share most of theirs.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) > 256 || len(b) > 256 {
		d = Distance(a, b)
		return d, d <= limit
	}
	var rows [2][65]int // short words, the usual case, need no allocation
	prev, cur := rows[0][:], rows[1][:]
	if len(b) >= len(rows[0]) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return 0, false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], prev[len(b)] <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
