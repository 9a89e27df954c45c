"""A stand-in for the requests library, written for docsgen's tests (the
real one is not installed where the tests run).

post() sends the request with urllib to the fake API whose base URL is in
$FAKE_API, in place of https://api.alterlab.io, and returns the parts of a
Response the example reads: status_code, headers (case-insensitive) and
json(). A failed connection raises ConnectionError, a RequestException, as
requests does. Every call is recorded in `calls`.
"""

import http.client
import json as _json
import os
import urllib.error
import urllib.request

from .exceptions import ConnectionError, RequestException  # noqa: F401

API = "https://api.alterlab.io"

calls = []


class Response:
    def __init__(self, status, headers, body):
        self.status_code = status
        self.headers = headers
        self._body = body

    def json(self):
        return _json.loads(self._body)


def post(url, headers=None, json=None, timeout=None):
    calls.append({"url": url, "timeout": timeout})
    if not url.startswith(API + "/"):
        raise RequestException("the stub only knows " + API + ", not " + url)
    req = urllib.request.Request(
        os.environ["FAKE_API"] + url[len(API):],
        data=_json.dumps(json).encode(),
        method="POST",
        headers={**(headers or {}), "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Response(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, e.headers, e.read())
    except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
        raise ConnectionError(str(e)) from e
