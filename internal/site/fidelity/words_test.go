package fidelity

import (
	"regexp"
	"strings"
)

// The word check compares the site's prose with a facts note without asking
// for the same sentence: each side's content words (stop words dropped) are
// cut to a stem of five letters, and a stem of one side must be among the
// other's, directly or through one of the synonyms below. A dropped clause
// shows as a facts word missing from the page; an invented one as a page
// word missing from the facts.

var wordRE = regexp.MustCompile(`[A-Za-z0-9]+`)

// stopWords carry no fact.
var stopWords = wordSet(`a an and or of to in on for with by is are be it its this that at as from
		not no any your you yours their each every one all but than then so if when which who what was were has
		have had into only own there these those other such can may will would should must been being per e g
		the get gets got does did do use used using same also s some`)

// neutral words name the things every statement is about; a page may use
// them where the facts note leaves them implied.
var neutral = wordSet(`page request response site target content error errors code status
	https url api account such example for more
	happened could happen also way within described above below body back makes`)

func wordSet(list string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(list) {
		out[w] = true
	}
	return out
}

// synonyms pairs a word the site writes with the word the facts file uses
// for the same thing. Each pair is a claim a reviewer can check.
var synonyms = [][2]string{
	{"synchronous", "sync"}, {"asynchronously", "async"}, {"asynchronous", "async"},
	{"succeeded", "ok"}, {"carries", "with"}, {"larger", "over"}, {"exceeds", "over"},
	{"exist", "found"}, {"already", "duplicate"}, {"check", "see"},
	{"protection", "antibot"}, {"escalating", "escalation"}, {"answered", "appeared"},
	{"maximum", "max"}, {"allowed", "time"}, {"send", "go"}, {"documents", "pdfs"}, {"pdf", "pdfs"},
	{"scrape", "target"}, {"login", "credentials"}, {"behind", "needs"}, {"only", "needs"},
	{"available", "needs"}, {"set", "enables"}, {"enable", "enables"}, {"render", "js"},
	{"allow", "higher"}, {"result", "poll"}, {"requested", "mode"}, {"served", "url"},
	{"comes", "response"}, {"contact", "support"}, {"current", "window"}, {"create", "session"}, {"protection", "anti"}, {"through", "escalation"}, {"time", "until"}, {"twice", "two"}, {"comes", "sends"}, {"treats", "behaviour"},
	{"goes", "falls"}, {"again", "re"}, {"raises", "raised"}, {"limit", "minute"}, {"call", "post"}, {"json", "body"},
}

// stem lower-cases w, drops a plural or verb ending and keeps five letters.
func stem(w string) string {
	w = strings.ToLower(w)
	for _, end := range [][2]string{{"ies", "y"}, {"ing", ""}, {"ed", ""}, {"s", ""}} {
		if len(w) > len(end[0])+3 && strings.HasSuffix(w, end[0]) {
			w = strings.TrimSuffix(w, end[0]) + end[1]
			break
		}
	}
	if len(w) > 5 {
		return w[:5]
	}
	return w
}

// stems returns the stems of the content words of s.
func stems(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range wordRE.FindAllString(s, -1) {
		if !stopWords[strings.ToLower(w)] {
			out[stem(w)] = true
		}
	}
	return out
}

// missing returns the content words of from that in does not carry; with
// lenient, the neutral words count as carried.
func missing(from, in string, lenient bool) []string {
	have := stems(in)
	for _, p := range synonyms {
		if have[stem(p[0])] {
			have[stem(p[1])] = true
		}
		if have[stem(p[1])] {
			have[stem(p[0])] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range wordRE.FindAllString(from, -1) {
		s := stem(w)
		if stopWords[strings.ToLower(w)] || have[s] || seen[s] || (lenient && neutral[strings.ToLower(w)]) {
			continue
		}
		seen[s] = true
		out = append(out, w)
	}
	return out
}
