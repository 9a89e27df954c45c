package mcp

import (
	"context"
	"encoding/json"
	"errors"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

func (d *docs) getError(ctx context.Context, _ *sdk.CallToolRequest, in getErrorIn) (*sdk.CallToolResult, any, error) {
	if err := checkOffset(in.Offset); err != nil {
		return nil, nil, err
	}
	if in.CodeOrStatus == "" {
		return nil, nil, errors.New("code_or_status is empty; pass an error code such as RATE_LIMIT_EXCEEDED or a status such as 429")
	}
	st, err := d.state(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := d.catalogOf(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	status, errs, err := c.lookup(in.CodeOrStatus)
	if err != nil {
		return nil, nil, err
	}
	errs = errs[min(in.Offset, len(errs)):]
	res, err := fit(errs, in.Offset, false, func(es []json.RawMessage, next int) any {
		return struct {
			Query  string            `json:"query"`
			Status json.RawMessage   `json:"status,omitempty"`
			Errors []json.RawMessage `json:"errors"`
			Next   int               `json:"next_offset,omitempty"`
		}{in.CodeOrStatus, status, es, next}
	})
	return res, nil, err
}

// errorSummary is one line of list_errors.
type errorSummary struct {
	Code     string `json:"code"`
	Category string `json:"category"`
	Status   int    `json:"status"`
	Refunded *bool  `json:"refunded,omitempty"`
	URL      string `json:"url"`
}

func (d *docs) listErrors(ctx context.Context, _ *sdk.CallToolRequest, in listErrorsIn) (*sdk.CallToolResult, any, error) {
	if err := checkOffset(in.Offset); err != nil {
		return nil, nil, err
	}
	st, err := d.state(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := d.catalogOf(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	cats := c.categories
	if in.Category != "" {
		cat, err := c.category(in.Category)
		if err != nil {
			return nil, nil, err
		}
		cats = []category{cat}
	}
	var list []errorSummary
	for _, e := range c.errors {
		if in.Category == "" || e.Category == cats[0].ID {
			list = append(list, errorSummary{Code: e.Code, Category: e.Category, Status: e.Status, Refunded: e.Refunded, URL: st.base + e.URL})
		}
	}
	list = list[min(in.Offset, len(list)):]
	res, err := fit(list, in.Offset, false, func(es []errorSummary, next int) any {
		return struct {
			Categories []category     `json:"categories"`
			Errors     []errorSummary `json:"errors"`
			Next       int            `json:"next_offset,omitempty"`
		}{cats, es, next}
	})
	return res, nil, err
}
