package slug

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		name, give, want string
	}{
		{"words", "Error Codes Reference", "error-codes-reference"},
		{"code span", "`X-RateLimit-Reset`", "x-ratelimit-reset"},
		{"identifier", "RATE_LIMIT_EXCEEDED", "rate_limit_exceeded"},
		{"number", "429 Too Many Requests", "429-too-many-requests"},
		{"punctuation", "What's new? (v2.0)", "whats-new-v20"},
		{"spaces kept one each", "a - b", "a---b"},
		{"leading and trailing space", " x ", "-x-"},
		{"tab", "a\tb", "a-b"},
		{"emoji", "Rocket 🚀 launch", "rocket--launch"},
		{"unicode letters", "Überblick Ärger", "überblick-ärger"},
		{"cjk", "错误代码", "错误代码"},
		{"greek upper", "ΣΦΑΛΜΑ", "σφαλμα"},
		{"devanagari marks kept", "हिन्दी", "हिन्दी"},
		{"path", "POST /sessions/:id/refresh", "post-sessionsidrefresh"},
		{"already a slug", "rate-limits", "rate-limits"},
		{"empty", "", "section"},
		{"only punctuation", "?!", "section"},
		{"invalid utf-8", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.give); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.give, got, tt.want)
			}
		})
	}
}

func TestSetUnique(t *testing.T) {
	tests := []struct {
		name    string
		reserve []string
		give    []string
		want    []string
	}{
		{
			name: "repeats get numbered",
			give: []string{"Examples", "Examples", "Examples"},
			want: []string{"examples", "examples-1", "examples-2"},
		},
		{
			name: "a heading that looks like a numbered one",
			give: []string{"Foo", "Foo 1", "Foo"},
			want: []string{"foo", "foo-1", "foo-2"},
		},
		{
			name: "numbered text repeated",
			give: []string{"Foo", "Foo", "Foo 1"},
			want: []string{"foo", "foo-1", "foo-1-1"},
		},
		{
			name:    "reserved ids are skipped",
			reserve: []string{"timeout", "timeout-1"},
			give:    []string{"Timeout", "Timeout"},
			want:    []string{"timeout-2", "timeout-3"},
		},
		{
			name:    "reserve is not slugged",
			reserve: []string{"My ID"},
			give:    []string{"My ID"},
			want:    []string{"my-id"},
		},
		{
			name: "empty headings",
			give: []string{"", "!"},
			want: []string{"section", "section-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Set
			for _, id := range tt.reserve {
				s.Reserve(id)
			}
			for i, text := range tt.give {
				if got := s.Unique(text); got != tt.want[i] {
					t.Errorf("Unique(%q) #%d = %q, want %q", text, i, got, tt.want[i])
				}
			}
			for _, id := range tt.want {
				if !s.Has(id) {
					t.Errorf("Has(%q) = false after handing it out", id)
				}
			}
		})
	}
}

// allowed reports whether r may appear in a slug.
func allowed(r rune) bool {
	return r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Error Codes Reference", "`X-RateLimit-Reset`", "ΣΦΑΛΜΑ", "", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Slug(text)
		if got == "" {
			t.Fatalf("Slug(%q) is empty", text)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Slug(%q) = %q is not valid UTF-8", text, got)
		}
		for _, r := range got {
			if !allowed(r) {
				t.Fatalf("Slug(%q) = %q holds %q", text, got, r)
			}
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug(%q) = %q, but Slug(%q) = %q", text, got, got, again)
		}
	})
}

func BenchmarkSlug(b *testing.B) {
	for _, text := range []string{"rate-limits", "Error Codes Reference", "Überblick der Fehler"} {
		b.Run(text, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Slug(text)
			}
		})
	}
}
