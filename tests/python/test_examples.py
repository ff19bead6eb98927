"""The examples in examples/python run as their docstrings say."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from wsgiref.util import setup_testing_defaults

from conftest import CORPUS

EXAMPLES = Path(__file__).parents[2] / "examples" / "python"


def test_search_folder_prints_the_hits(tmp_path):
    out = subprocess.run([sys.executable, str(EXAMPLES / "search_folder.py"),
                          str(tmp_path / "db"), str(CORPUS), "Tokayev Washington"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "  1. [id]" in out.stdout and "001_ae5881f801838b21.txt" in out.stdout
    assert "[Tokayev]" in out.stdout


def test_search_folder_shows_where_a_query_is_wrong(tmp_path):
    out = subprocess.run([sys.executable, str(EXAMPLES / "search_folder.py"),
                          str(tmp_path / "db"), str(CORPUS), 'Tokayev "Washington'],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    assert "        ^" in out.stderr


def load_web_app():
    spec = importlib.util.spec_from_file_location("web_app", EXAMPLES / "web_app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def call(app, path, query):
    environ = {"PATH_INFO": path, "QUERY_STRING": f"q={query}"}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(app(environ, lambda s, headers: status.append(s)))
    return status[0], body.decode()


def test_web_app_answers_json_and_html(corpus_index):
    app = load_web_app().make_app(corpus_index)
    status, body = call(app, "/search", "Tokayev")
    assert status.startswith("200")
    assert json.loads(body)["hits"][0]["id"] == "001_ae5881f801838b21.txt"
    status, body = call(app, "/", "Tokayev")
    assert status.startswith("200") and "<b>Tokayev</b>" in body
    status, body = call(app, "/search", "%22unclosed")
    assert status.startswith("400") and "error" in json.loads(body)
