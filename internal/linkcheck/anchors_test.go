package linkcheck

import (
	"slices"
	"testing"
)

func TestAnchors(t *testing.T) {
	tests := []struct {
		name   string
		ids    []string
		has    []string
		hasNot []string
		all    []string
	}{
		{"empty", nil, nil, []string{"", "a"}, nil},
		{"one", []string{"timeout"}, []string{"timeout"}, []string{"time", "out", "imeo", "", "timeout\x00"}, []string{"timeout"}},
		{"sorted and without repeats", []string{"b", "a", "b", "a-b"}, []string{"a", "b", "a-b"}, []string{"-", "a-", "ab"},
			[]string{"a", "a-b", "b"}},
		{"an id inside another, found later", []string{"rate", "rate-limit", "limit"}, []string{"limit", "rate", "rate-limit"},
			[]string{"rate-", "-limit", "ratelimit"}, []string{"limit", "rate", "rate-limit"}},
		{"unicode", []string{"übersicht", "日本"}, []string{"übersicht", "日本"}, []string{"ubersicht", "日"}, []string{"übersicht", "日本"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAnchors(tt.ids)
			for _, id := range tt.has {
				if !a.Has(id) {
					t.Errorf("Has(%q) = false", id)
				}
			}
			for _, id := range tt.hasNot {
				if a.Has(id) {
					t.Errorf("Has(%q) = true", id)
				}
			}
			if got := slices.Collect(a.All()); !slices.Equal(got, tt.all) {
				t.Errorf("All = %q, want %q", got, tt.all)
			}
			if b := NewAnchors(slices.Clone(tt.all)); b != a {
				t.Errorf("the same ids in another order make %q, want %q", b, a)
			}
		})
	}
}
