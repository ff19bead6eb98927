#!/usr/bin/env python3
"""The search page end to end in headless Chromium.

Indexes the seed corpus, starts `lisan serve` on 127.0.0.1 (a free port),
opens the page in Chromium driven over the DevTools protocol (through
--remote-debugging-pipe: no extra packages), types a query, presses Enter and
checks what a person would see: results with highlighted words, language
facets that filter, Arabic laid out right to left, pages. Saves screenshots
(PNG, and the same name ending -ar.png for the Arabic results).

  browser_test.py --lisan BIN --corpus DIR --chromium BIN --screenshot PNG

Exits 0 on success, 1 on failure, 77 (skipped) when Chromium is missing.
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time


class Failure(Exception):
    pass


class Browser:
    """Chromium over --remote-debugging-pipe: commands on fd 3, answers on fd 4,
    each message a JSON object ended by a NUL byte."""

    def __init__(self, chromium, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds_3_and_4():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        # The flags of a quiet headless browser on a machine with no network:
        # no first-run, sync, component or background fetches.
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-extensions",
             "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "--window-size=1100,900", "about:blank"],
            # 3 and 4 are listed too: the closing of unlisted descriptors
            # happens after preexec_fn has put the pipes there.
            pass_fds=(3, 4, to_browser_r, from_browser_w), preexec_fn=fds_3_and_4,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)

    def _read_message(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise Failure("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise Failure(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def open(self, url):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = attached["sessionId"]
        self.call("Page.enable")
        self.call("Page.navigate", {"url": url})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True,
                            "awaitPromise": True})
        if "exceptionDetails" in result:
            raise Failure(f"script failed: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except Failure:
                pass  # the page may be between documents
            time.sleep(0.1)
        raise Failure(f"timed out waiting for {what} ({expression})")

    def type_and_enter(self, selector, text):
        self.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                      " e.focus(); e.select(); return true; })()")
        self.call("Input.insertText", {"text": text})
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent",
                      {"type": kind, "key": "Enter", "code": "Enter",
                       "windowsVirtualKeyCode": 13, "text": "\r"})

    def click(self, selector):
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent",
                      {"type": kind, "x": box[0], "y": box[1], "button": "left",
                       "clickCount": 1})

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))


def check(condition, message):
    if not condition:
        raise Failure(message)


RESULTS = ("Array.from(document.querySelectorAll('.result')).map(r => ({id: r.dataset.id, "
           "lang: r.dataset.lang, title: r.querySelector('.title').textContent, "
           "marks: Array.from(r.querySelectorAll('.snippet b')).map(b => b.textContent), "
           "rtl: r.querySelector('.snippet').matches(':dir(rtl)')}))")
DONE = "document.body.dataset.state === 'done'"


def run(args, workdir):
    db = os.path.join(workdir, "db")
    subprocess.run([args.lisan, "index", "--db", db, args.corpus], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # A document whose title, id and text hold bidirectional overrides.
    tricky = json.dumps({"id": "invoice\u202egpj.exe", "title": "Invoice \u202egpj.exe",
                         "text": "Zanzibarian ledger \u202edetrevni\u202c and \u2066more\u2069"})
    subprocess.run([args.lisan, "index", "--db", db, "-"], input=tricky + "\n", check=True,
                   text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = subprocess.Popen([args.lisan, "serve", "--db", db, "--listen", "127.0.0.1:0",
                               # not the limit under test: a slow build must not fail it
                               "--query-time-limit", "60"],
                              stdout=subprocess.PIPE, text=True)
    browser = None
    try:
        announced = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
        check(announced, "lisan serve did not announce its address")
        base = f"http://127.0.0.1:{announced.group(1)}"
        browser = Browser(args.chromium, os.path.join(workdir, "profile"))

        # 1. Type a query and press Enter.
        browser.open(base + "/")
        browser.wait_for("!!document.querySelector('#q') && document.readyState === 'complete'",
                         "the search page")
        browser.type_and_enter("#q", "Tokayev Washington")
        browser.wait_for(DONE, "results")
        hits = browser.evaluate(RESULTS)
        check(len(hits) >= 3, f"expected at least 3 results, got {hits}")
        check(hits[0]["id"] == "001_ae5881f801838b21.txt", f"wrong first result: {hits[0]}")
        check("Tokayev" in hits[0]["marks"], f"Tokayev not highlighted: {hits[0]}")
        check(browser.evaluate("location.search").startswith("?q=Tokayev"),
              "the address does not keep the query")
        facets = browser.evaluate(
            "Array.from(document.querySelectorAll('.facet')).map(f => f.dataset.lang)")
        check(facets[:1] == [""] and "en" in facets and "id" in facets, f"facets: {facets}")
        browser.screenshot(args.screenshot)

        # 2. The English facet filters, and the other languages stay offered.
        browser.click(".facet[data-lang='en']")
        browser.wait_for(DONE + " && location.search.includes('lang=en')", "filtered results")
        hits = browser.evaluate(RESULTS)
        check(hits and all(h["lang"] == "en" for h in hits), f"not only English: {hits}")
        check(browser.evaluate("document.querySelectorAll('.facet').length") >= 3,
              "other languages vanished from the facets")

        # 3. Arabic: results laid out right to left, the matched word marked.
        browser.type_and_enter("#q", "كازاخستان")
        browser.wait_for(DONE + " && document.querySelectorAll('.result').length > 0 && "
                         "!location.search.includes('lang=')", "Arabic results")
        hits = browser.evaluate(RESULTS)
        arabic = [h for h in hits if h["lang"] == "ar"]
        check(len(arabic) == 2, f"expected both Arabic documents: {hits}")
        check(all(h["rtl"] for h in arabic), f"Arabic snippets not right to left: {arabic}")
        check(all(h["marks"] for h in arabic), f"no highlighted word in Arabic: {arabic}")
        browser.screenshot(re.sub(r"(\.png)?$", "-ar.png", args.screenshot, count=1))

        # 4. Pages: two results a page, then the next page.
        browser.call("Page.navigate", {"url": base + "/?q=Kazakhstan&limit=2"})
        browser.wait_for(DONE + " && document.querySelectorAll('.result').length === 2",
                         "the first page")
        first = [h["id"] for h in browser.evaluate(RESULTS)]
        browser.click("#next")
        browser.wait_for(DONE + " && location.search.includes('offset=2')", "the second page")
        second = [h["id"] for h in browser.evaluate(RESULTS)]
        check(second and not set(first) & set(second), f"pages overlap: {first} {second}")
        check(browser.evaluate("document.querySelector('#summary').textContent")
              .startswith("Results 3–"), "the summary does not count from 3")

        # 5. Bidirectional overrides in a title, an id or a snippet are not
        # shown, and indexed text sits in <bdi>.
        browser.call("Page.navigate", {"url": base + "/?q=Zanzibarian"})
        browser.wait_for(DONE + " && document.querySelectorAll('.result').length === 1",
                         "the result with overrides")
        shown = browser.evaluate(
            "(() => { const r = document.querySelector('.result'); return {"
            "text: r.textContent, title: r.querySelector('.title').textContent, "
            "isolated: r.querySelectorAll('.title bdi, .meta bdi').length}; })()")
        check(not re.search("[\u202a-\u202e\u2066-\u2069]", shown["text"]),
              f"bidirectional controls shown: {shown['text']!r}")
        check(shown["title"] == "Invoice gpj.exe", f"title: {shown['title']!r}")
        check(shown["isolated"] == 2, f"title and id not in <bdi>: {shown}")

        # 6. A bad request shows the server's error, not a broken page.
        browser.call("Page.navigate", {"url": base + "/?q=a&limit=500"})
        browser.wait_for("document.body.dataset.state === 'error'", "the error message")
        check("limit" in browser.evaluate("document.querySelector('#error').textContent"),
              "the error does not say what was wrong")

        # 7. An index with fields: its keyword facets, and a click that filters.
        field_facets(args, workdir, browser)
    finally:
        if browser:
            browser.close()
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            raise Failure("lisan serve did not stop on SIGTERM")
    check(code == 0, f"lisan serve exited with {code} after SIGTERM")


def start_server(args, db):
    server = subprocess.Popen([args.lisan, "serve", "--db", db, "--listen", "127.0.0.1:0",
                               "--query-time-limit", "60"], stdout=subprocess.PIPE, text=True)
    announced = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
    if not announced:
        server.kill()
        raise Failure("lisan serve did not announce its address")
    return server, f"http://127.0.0.1:{announced.group(1)}"


def field_facets(args, workdir, browser):
    sample = os.path.join(args.corpus, "fields")
    db = os.path.join(workdir, "fields-db")
    subprocess.run([args.lisan, "index", "--db", db, "--schema",
                    os.path.join(sample, "schema.json"), os.path.join(sample, "news.jsonl")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server, base = start_server(args, db)
    try:
        browser.call("Page.navigate", {"url": base + "/?q=Kazakhstan"})
        browser.wait_for(DONE + " && document.querySelectorAll('.field-facet').length > 0",
                         "the field facets")
        sources = browser.evaluate(
            "Array.from(document.querySelectorAll(\".field-facet[data-field='source'] .facet\"))"
            ".map(b => [b.dataset.filter, b.querySelector('.count').textContent])")
        check(["source:aljazeera.com", "1"] in sources, f"source facet: {sources}")
        browser.click(".facet[data-filter='source:aljazeera.com']")
        browser.wait_for(DONE + " && location.search.includes('filter=')", "filtered by source")
        hits = browser.evaluate(RESULTS)
        check([h["id"] for h in hits] == ["seed-000"], f"not only the aljazeera.com one: {hits}")
        check(browser.evaluate("document.querySelector(\".facet[data-filter='source:aljazeera.com']\")"
                               ".getAttribute('aria-pressed')") == "true",
              "the chosen value is not shown as chosen")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lisan", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--screenshot", required=True)
    args = parser.parse_args()
    chromium = shutil.which(args.chromium)
    if not chromium:
        print(f"SKIPPED: {args.chromium} is not installed (scripts/install-deps.sh installs "
              "Debian's chromium package)")
        return 77
    args.chromium = chromium
    with tempfile.TemporaryDirectory(prefix="lisan-browser-") as workdir:
        try:
            run(args, workdir)
        except Failure as failure:
            print(f"FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"passed; screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
