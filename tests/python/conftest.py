"""Fixtures of the Python module's tests: the bundled corpus, indexed once
from Python, and the lisan program for comparisons."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import lisan

CORPUS = Path(os.environ.get("LISAN_CORPUS_DIR", Path(__file__).parents[2] / "corpus"))


def corpus_files():
    return sorted(p for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory):
    """An index of the bundled corpus, made by lisan.Indexer.add_path."""
    db = tmp_path_factory.mktemp("corpus") / "db"
    with lisan.Indexer(str(db)) as indexer:
        for path in corpus_files():
            indexer.add_path(str(path))
    return str(db)


@pytest.fixture(scope="session")
def lisan_binary():
    binary = os.environ.get("LISAN_BINARY") or shutil.which("lisan")
    if not binary:
        pytest.skip("the lisan program is not built")
    return binary


def run_lisan(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=300)
