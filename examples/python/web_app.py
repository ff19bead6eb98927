#!/usr/bin/env python3
"""A search page over a lisan index with the standard library's wsgiref:

    python3 web_app.py INDEX [PORT]      then open http://127.0.0.1:PORT/?q=Tokayev

GET /?q=QUERY shows an HTML page of hits; GET /search?q=QUERY returns them as
JSON. Each request thread gets its own Searcher (a Searcher serves one search
at a time).
"""

import html
import json
import sys
import threading
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIServer, make_server

import lisan

PAGE = """<!doctype html><meta charset="utf-8"><title>lisan</title>
<form><input name="q" value="{query}" autofocus> <button>Search</button></form>
<p>{summary}</p><ol>{hits}</ol>"""


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def make_app(index):
    local = threading.local()

    def searcher():
        if not hasattr(local, "searcher"):
            local.searcher = lisan.Searcher(index)
        return local.searcher

    def hit_html(hit):
        snippet = "".join(
            html.escape(part) if i % 2 == 0 else f"<b>{html.escape(part)}</b>"
            for i, part in enumerate(split_marks(hit.snippet)))
        return (f'<li dir="auto"><a href="{html.escape(hit.url or "#")}">'
                f"{html.escape(hit.title)}</a> <small>{hit.lang}</small><br>{snippet}</li>")

    def app(environ, start_response):
        params = parse_qs(environ.get("QUERY_STRING", ""))
        query = params.get("q", [""])[0]
        try:
            results = searcher().search(query, time_limit=2.0)
        except lisan.Error as e:
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return [json.dumps({"error": str(e)}).encode()]
        if environ.get("PATH_INFO") == "/search":
            start_response("200 OK", [("Content-Type", "application/json; charset=utf-8")])
            return [json.dumps(results.to_dict(), ensure_ascii=False).encode()]
        page = PAGE.format(query=html.escape(query),
                           summary=f"{results.total} documents" if query else "",
                           hits="".join(hit_html(h) for h in results))
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [page.encode()]

    return app


def split_marks(snippet):
    """The snippet's text cut at its marks: plain, marked, plain, ..."""
    parts, at = [], 0
    for begin, end in snippet.marks:
        parts += [snippet.text[at:begin], snippet.text[begin:end]]
        at = end
    return parts + [snippet.text[at:]]


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    port = int(sys.argv[2]) if len(sys.argv) == 3 else 8080
    with make_server("127.0.0.1", port, make_app(sys.argv[1]),
                     server_class=ThreadingWSGIServer) as server:
        print(f"serving on http://127.0.0.1:{port}/")
        server.serve_forever()
