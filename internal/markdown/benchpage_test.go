package markdown

// benchPage is a realistic ~200-line documentation page with a table, two
// code blocks, a callout, lists, links and a footnote.
const benchPage = `# Rate Limits

Every API key has a request budget. This page explains the limits of each plan, the
headers that report them, and how a client should react when it runs out.

## Plan limits

Limits depend on the plan. Burst limits apply per second, sustained limits per minute. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

| Plan | Requests / min | Burst / s | Concurrent jobs |
|---|---:|---:|---:|
| Free | 60 | 5 | 2 |
| Starter | 300 | 20 | 10 |
| Growth | 1200 | 50 | 25 |
| Scale | 6000 | 200 | 100 |
| Enterprise | 30000 | 1000 | 500 |

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## Rate-limit headers

Every response carries three headers that describe the current window. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

### `+"`"+`X-RateLimit-Limit`+"`"+`

The requests allowed in the window. Clients should read it on every response rather than
counting requests themselves, because other clients may share the key.

### `+"`"+`X-RateLimit-Remaining`+"`"+`

The requests left in the window. Clients should read it on every response rather than
counting requests themselves, because other clients may share the key.

### `+"`"+`X-RateLimit-Reset`+"`"+`

The Unix time when the window resets. Clients should read it on every response rather than
counting requests themselves, because other clients may share the key.

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## When you hit the limit

A request over the limit gets `+"`"+`429 Too Many Requests`+"`"+` and is not billed. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

> [!WARNING]
> Retrying immediately after a `+"`"+`429`+"`"+` makes things worse: the retry counts too.

`+"`"+``+"`"+``+"`"+`json
{
  "error": {
    "code": "RATE_LIMIT_EXCEEDED",
    "message": "Too many requests",
    "status": 429,
    "details": {"limit": 60, "remaining": 0, "reset": 1767225600}
  },
  "request_id": "req_8f2c"
}
`+"`"+``+"`"+``+"`"+`

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## Retries and backoff

Wait for the time in `+"`"+`Retry-After`+"`"+`, then retry with exponential backoff. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

`+"`"+``+"`"+``+"`"+`python title="backoff.py" {6-8}
import random
import time
import requests

def call(url, key, attempts=5):
    for n in range(attempts):
        r = requests.post(API, headers={"X-API-Key": key}, json={"url": url})
        if r.status_code == 429:
            time.sleep(int(r.headers.get("Retry-After", "1")))
            continue
        if r.status_code >= 500:
            time.sleep(2 ** n + random.random())
            continue
        return r.json()
    raise RuntimeError("gave up")
`+"`"+``+"`"+``+"`"+`

:::tip Use the SDK
The official SDKs implement this backoff for you; see the [SDK guide](/sdks/).
:::

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## Concurrency

Concurrent jobs count against the same budget as synchronous requests. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## Batch requests

A batch counts as one request per URL it contains, not as one request. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## Webhooks

Webhook deliveries do not count against your limits; polling does. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

## Monitoring usage

The dashboard shows usage per key over the last thirty days. See [the error reference](/reference/errors/#rate_limit_exceeded) for the
error body, and [plans](/pricing/) for what each tier includes. Requests that fail with
`+"`"+`5xx`+"`"+` are **refunded**; requests rejected with `+"`"+`4xx`+"`"+` are *not*.

- **Point 1**: keep requests spread out; a steady 2 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 2**: keep requests spread out; a steady 3 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).
- **Point 3**: keep requests spread out; a steady 4 requests per second beats
  bursts that hit the limit and wait. See [usage](#monitoring-usage).

Further reading: https://example.com/limits explains token buckets in depth, and the
footnote explains windows.[^w]

[^w]: Windows are fixed, not sliding: they reset at the minute boundary.`
