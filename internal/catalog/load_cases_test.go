package catalog

// loadCase is one broken catalog for TestLoadBroken: the files as txtar and
// the diagnostics Load must report, in order.
type loadCase struct {
	name  string
	files string
	want  []wantDiag
}

// entryKeyCases are the broken catalogs of the keys of an error entry: unknown, missing, of the wrong type.
func entryKeyCases() []loadCase {
	return []loadCase{
		{
			name: "unknown key, so the real one is missing",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 400
        refunded: false
        cause: c
        fixx: f
`,
			want: []wantDiag{
				{"errors.yaml", 6, 9, `missing the required key "fix"`},
				{"errors.yaml", 10, 9, `unknown key "fixx" in an error entry`},
			},
		},
		{
			name: "status of the wrong type",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: A, status: "400", refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 27, "status must be a whole number, got a string"}},
		},
		{
			name: "refunded of the wrong type",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: A, status: 400, refunded: "yes", cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 42, "refunded must be true or false, got a string"}},
		},
		{
			name: "missing required key",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 400
        refunded: false
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 6, 9, `an error entry is missing the required key "cause"`}},
		},
	}
}

// entryValueCases are the broken catalogs of the values of an error entry: empty, badly cased, or a status the site does not know.
func entryValueCases() []loadCase {
	return []loadCase{
		{
			name: "empty required string",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 400
        refunded: false
        cause: ""
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 9, 16, "cause must not be empty"}},
		},
		{
			name: "code not in upper snake case",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: rateLimit-exceeded, status: 400, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 16, `code "rateLimit-exceeded" must match ^[A-Z][A-Z0-9_]*$`}},
		},
		{
			name: "status that is not an HTTP status",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - code: A
        status: 700
        refunded: false
        cause: c
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 7, 17, "status 700 is not an HTTP status"}},
		},
		{
			name: "status missing from the status table",
			files: `
-- _data/errors.yaml --
categories:
  - id: session
    title: Session errors
    description: d
    errors:
      - code: SESSION_INACTIVE
        status: 410
        refunded: false
        cause: c
        fix: f
`,
			want: []wantDiag{{"errors.yaml", 7, 17, "SESSION_INACTIVE uses status 410, which the status table does not list"}},
		},
	}
}

// collisionCases are the broken catalogs of codes, statuses and anchors that are defined twice or collide.
func collisionCases() []loadCase {
	return []loadCase{
		{
			name: "same code twice in one category names both positions",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - {code: A, status: 400, refunded: false, cause: c, fix: f}
      - {code: B, status: 400, refunded: false, cause: c, fix: f}
      - {code: A, status: 429, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 8, 16,
				`code A is twice in category "billing": at content/_data/errors.yaml:6:16 and at content/_data/errors.yaml:8:16`}},
		},
		{
			name: "same code and status in two categories",
			files: `
-- _data/errors.yaml --
categories:
  - id: a
    title: A errors
    description: d
    errors:
      - {code: X, status: 400, refunded: false, cause: c, fix: f}
  - id: b
    title: B errors
    description: d
    errors:
      - {code: X, status: 400, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 11, 16, "X with status 400 is in two categories (first at content/_data/errors.yaml:6:16)"}},
		},
		{
			name: "anchor collides with a status row",
			files: `
-- _data/errors.yaml --
categories:
  - id: a
    title: A errors
    description: d
    errors:
      - {code: STATUS_429, status: 429, refunded: false, cause: c, fix: f}
`,
			want: []wantDiag{{"errors.yaml", 6, 16, "the anchor #status-429 of STATUS_429 is already used"}},
		},
	}
}

// tableCases are the broken catalogs of the status, rate-limit and header tables.
func tableCases() []loadCase {
	return []loadCase{
		{
			name: "limits not above zero",
			files: `
-- _data/rate-limits.yaml --
rate_limit_plans:
  - name: Free
    per_minute: 0
    burst_per_second: -5
`,
			want: []wantDiag{
				{"rate-limits.yaml", 3, 17, "per_minute is 0; a limit must be above zero"},
				{"rate-limits.yaml", 4, 23, "burst_per_second is -5; a limit must be above zero"},
			},
		},
		{
			name: "same status twice in the table",
			files: `
-- _data/statuses.yaml --
statuses:
  - {code: 429, text: Too Many Requests, meaning: m, retry: r, retryable: "yes"}
  - {code: 429, text: Again, meaning: m, retry: r, retryable: "yes"}
`,
			want: []wantDiag{{"statuses.yaml", 3, 12, "status 429 is listed twice (first at content/_data/statuses.yaml:2:12)"}},
		},
		{
			name: "retryable outside yes/no/maybe/n/a, or not a word",
			files: `
-- _data/statuses.yaml --
statuses:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: sometimes}
  - {code: 401, text: Unauthorized, meaning: m, retry: r, retryable: 1}
`,
			want: []wantDiag{
				{"statuses.yaml", 2, 69, `retryable is "sometimes", not yes, no, maybe or n/a`},
				{"statuses.yaml", 3, 70, "retryable must be a string, got an integer"},
			},
		},
		{
			name: "header whose status is not in the table, and a bad name",
			files: `
-- _data/rate-limits.yaml --
rate_limit_headers:
  - name: Retry-After
    meaning: m
    status: 503
  - name: "X RateLimit"
    meaning: m
`,
			want: []wantDiag{
				{"rate-limits.yaml", 4, 13, "header Retry-After uses status 503, which the status table does not list"},
				{"rate-limits.yaml", 5, 11, `"X RateLimit" is not an HTTP header name`},
			},
		},
	}
}

// categoryCases are the broken catalogs of category ids and the refund references between categories.
func categoryCases() []loadCase {
	return []loadCase{
		{
			name: "invalid and repeated category ids",
			files: `
-- _data/errors.yaml --
categories:
  - id: Rate_Limit
    title: Rate limit errors
    description: d
    errors: [{code: A, status: 429, refunded: false, cause: c, fix: f}]
  - id: billing
    title: Billing errors
    description: d
    errors: [{code: B, status: 400, refunded: false, cause: c, fix: f}]
  - id: billing
    title: More billing errors
    description: d
    errors: [{code: C, status: 400, refunded: false, cause: c, fix: f}]
`,
			want: []wantDiag{
				{"errors.yaml", 2, 9, `category id "Rate_Limit" is not lower-case words joined by '-'`},
				{"errors.yaml", 10, 9, `category "billing" is defined twice (first at content/_data/errors.yaml:6:9)`},
			},
		},
		{
			name: "refund references: unknown category, unknown code, ambiguous code, unknown status",
			files: `
-- _data/errors.yaml --
categories:
  - id: auth
    title: Authentication errors
    description: d
    errors: [{code: SESSION_EXPIRED, status: 400, refunded: false, cause: c, fix: f}]
  - id: session
    title: Session errors
    description: d
    errors: [{code: SESSION_EXPIRED, status: 429, refunded: false, cause: c, fix: f}]
-- _data/refunds.yaml --
refunds:
  refunded: []
  not_refunded:
    - text: Wrong.
      codes: [billing/SESSION_EXPIRED, NOPE, SESSION_EXPIRED, session/SESSION_EXPIRED]
      statuses: [418]
  timing: t
`,
			want: []wantDiag{
				{"refunds.yaml", 5, 15, `unknown category "billing" in "billing/SESSION_EXPIRED"`},
				{"refunds.yaml", 5, 40, "unknown error code NOPE"},
				{"refunds.yaml", 5, 46, "SESSION_EXPIRED is in more than one category"},
				{"refunds.yaml", 6, 18, "status 418 is not in the status table"},
			},
		},
		{
			name: "refund list contradicts the entry",
			files: `
-- _data/errors.yaml --
categories:
  - id: scraping
    title: Scraping errors
    description: d
    errors: [{code: TIMEOUT, status: 429, refunded: false, cause: c, fix: f}]
-- _data/refunds.yaml --
refunds:
  refunded:
    - {text: Timeouts., codes: [TIMEOUT]}
  not_refunded: []
  timing: t
`,
			want: []wantDiag{{"refunds.yaml", 3, 33, "TIMEOUT is listed under refunded, but its entry says refunded: false"}},
		},
	}
}

// yamlCases are the broken catalogs of YAML that cannot be decoded as the catalog: syntax, repeated keys, shapes, documents.
func yamlCases() []loadCase {
	return []loadCase{
		{
			name: "YAML syntax error",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: [Billing
    description: d
`,
			want: []wantDiag{{"errors.yaml", 4, 5, "',' or ']' must be specified"}},
		},
		{
			name: "repeated key",
			files: `
-- _data/rate-limits.yaml --
rate_limit_plans:
  - name: Free
    per_minute: 30
    per_minute: 60
    burst_per_second: 5
`,
			want: []wantDiag{{"rate-limits.yaml", 4, 5, `a plan has the key "per_minute" twice (first at content/_data/rate-limits.yaml:3:5)`}},
		},
		{
			name: "details and entries that are not mappings",
			files: `
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors:
      - INSUFFICIENT_CREDITS
      - code: B
        status: 400
        refunded: false
        cause: c
        fix: f
        details: [1, 2]
`,
			want: []wantDiag{
				{"errors.yaml", 6, 9, "an error entry must be a mapping of keys to values, got a string"},
				{"errors.yaml", 12, 18, "details must be a mapping, got a list"},
			},
		},
		{
			name: "two YAML documents in one file",
			files: `
-- _data/rate-limits.yaml --
rate_limit_plans:
  - {name: Free, per_minute: 30, burst_per_second: 5}
---
rate_limit_headers:
  - {name: X-RateLimit-Limit, meaning: m}
`,
			want: []wantDiag{{"rate-limits.yaml", 4, 1, "more than one YAML document in the file"}},
		},
	}
}

// fileCases are the broken catalogs of the data files as a whole: top-level keys, sections, tables missing or mistyped.
func fileCases() []loadCase {
	return []loadCase{
		{
			name: "unknown top-level key with a suggestion",
			files: `
-- _data/statuses.yaml --
statuss:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: "no"}
`,
			want: []wantDiag{{"statuses.yaml", 1, 1, `unknown key "statuss" in a data file`}},
		},
		{
			name: "section defined in two files",
			files: `
-- _data/more.yaml --
statuses:
  - {code: 500, text: Internal Error, meaning: m, retry: r, retryable: "yes"}
`,
			want: []wantDiag{{"statuses.yaml", 1, 1, "statuses is defined twice (first at content/_data/more.yaml:1:1)"}},
		},
		{
			name: "errors but no status table anywhere",
			files: `
-- _data/statuses.yaml --
-- _data/errors.yaml --
categories:
  - id: billing
    title: Billing errors
    description: d
    errors: [{code: A, status: 400, refunded: false, cause: c, fix: f}]
`,
			want: []wantDiag{{"errors.yaml", 1, 1, "no data file defines statuses, which the errors' HTTP statuses need"}},
		},
		{
			name: "response field with an unknown type and a category with no errors",
			files: `
-- _data/response.yaml --
response_fields:
  - {field: error, type: text, required: true, notes: n}
-- _data/errors.yaml --
categories:
  - {id: billing, title: Billing errors, description: d, errors: []}
`,
			want: []wantDiag{
				{"errors.yaml", 2, 66, `category "billing" has no errors`},
				{"response.yaml", 2, 26, `type "text" is not a JSON type`},
			},
		},
	}
}
