"""A small Mode API client in the Python standard library, as another team would write one.

Reads MODE_BASE_URL, MODE_API_TOKEN and MODE_API_SECRET. Each client beside this file uses it
to show one way of talking to Mode, right or wrong, for the simulator to judge.
"""
import base64
import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("MODE_BASE_URL", "https://app.mode.com/api").rstrip("/")
ORIGIN = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(BASE))
_pair = "{}:{}".format(os.environ["MODE_API_TOKEN"], os.environ["MODE_API_SECRET"])
AUTH = "Basic " + base64.b64encode(_pair.encode()).decode()
ACCOUNT = "northwind"


class ConnectionLost(Exception):
    """The connection was reset or closed before an answer came."""


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body) if self.body else None


def url_for(path):
    """A path under the account (`/spaces`), an API path (`/api/...`, as links are) or a URL."""
    if path.startswith("http"):
        return path
    if path.startswith("/api/"):
        return ORIGIN + path
    return BASE + path


def send(method, path, body=None):
    """One request, no retry. Raises ConnectionLost when no answer came."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url_for(path), data=data, method=method)
    request.add_header("Authorization", AUTH)
    request.add_header("Accept", "application/hal+json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())
    except (ConnectionError, http.client.RemoteDisconnected, urllib.error.URLError) as error:
        raise ConnectionLost(str(error)) from error


def send_politely(method, path, body=None):
    """Like send, but waits as long as a 429's Retry-After says and tries again."""
    while True:
        answer = send(method, path, body)
        if answer.status != 429:
            return answer
        time.sleep(float(answer.headers.get("Retry-After", "1")))


def walk(path, key, request=send_politely):
    """Every item of a listing, following next_page links to the end."""
    items = []
    while path:
        answer = request("GET", path)
        if answer.status != 200:
            raise RuntimeError("GET {} answered {}".format(path, answer.status))
        page = answer.json()
        items.extend(page.get("_embedded", {}).get(key, []))
        path = page["_links"].get("next_page", {}).get("href")
    return items
