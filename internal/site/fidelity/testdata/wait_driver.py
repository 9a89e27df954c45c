"""Runs wait_for_reset() of the Rate Limits page once, for docsgen's tests.

Usage: wait_driver.py SNIPPET.py [X-RateLimit-Reset]

The clock is fake (time.time() is NOW, time.sleep() records); the response
is a stand-in with only the header given. Prints the waits as JSON.
"""

import importlib.util
import json
import sys
import time

NOW = 1_700_000_000

sleeps = []
time.time = lambda: float(NOW)
time.sleep = sleeps.append


class Response:
    headers = {"X-RateLimit-Reset": sys.argv[2]} if len(sys.argv) > 2 else {}


spec = importlib.util.spec_from_file_location("snippet", sys.argv[1])
snippet = importlib.util.module_from_spec(spec)
spec.loader.exec_module(snippet)
snippet.wait_for_reset(Response())
print(json.dumps(sleeps))
