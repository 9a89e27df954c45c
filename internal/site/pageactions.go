package site

import (
	"fmt"
	"net/url"

	"docsgen/templates"
)

// askPrompt is the prompt the page actions menu hands a chat assistant;
// %s is the page's Markdown URL.
const askPrompt = "Read the documentation page at %s so that I can ask you questions about it."

// askLinks are the page actions menu's "Open in" links for a page whose
// Markdown is at mdURL (absolute with a base URL, else a path the page's
// script completes): each assistant opens with a prompt naming mdURL.
func askLinks(mdURL string) []templates.AskLink {
	prompt := url.Values{"q": {fmt.Sprintf(askPrompt, mdURL)}}.Encode()
	return []templates.AskLink{
		{Title: "Open in ChatGPT", URL: "https://chatgpt.com/?" + prompt, Markdown: mdURL},
		{Title: "Open in Claude", URL: "https://claude.ai/new?" + prompt, Markdown: mdURL},
	}
}
