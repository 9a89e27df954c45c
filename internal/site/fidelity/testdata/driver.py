"""Runs the Python example of the Error Codes page once, for docsgen's tests.

Usage: driver.py EXAMPLE.py URL API_KEY

The clock is fake: time.time() is fixed at NOW and time.sleep() only records
how long it was asked to wait, so a test sees every wait without waiting.
Prints one JSON object: what scrape() returned or raised, the waits, the
lines the example printed and the timeout of each request.
"""

import contextlib
import importlib.util
import io
import json
import sys
import time

NOW = 1_700_000_000

sleeps = []
time.time = lambda: float(NOW)
time.sleep = sleeps.append

import requests  # noqa: E402  (the stub, through PYTHONPATH)

spec = importlib.util.spec_from_file_location("example", sys.argv[1])
example = importlib.util.module_from_spec(spec)
spec.loader.exec_module(example)

result = {}
printed = io.StringIO()
try:
    with contextlib.redirect_stdout(printed):
        result["returned"] = example.scrape(sys.argv[2], sys.argv[3])
except Exception as e:  # the example raises plain Exceptions by design
    result["raised"] = type(e).__name__
    result["requestException"] = isinstance(e, requests.RequestException)
    result["message"] = str(e)
result["sleeps"] = sleeps
result["printed"] = printed.getvalue().splitlines()
result["timeouts"] = [c["timeout"] for c in requests.calls]
print(json.dumps(result))
