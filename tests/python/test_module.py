"""The module as installed: `cmake --install --component python` into a
prefix, imported from there; its type stubs name what it has."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lisan

STUBS = Path(__file__).parents[2] / "python" / "lisan" / "__init__.pyi"


def test_installed_module_imports(tmp_path):
    build = os.environ.get("LISAN_BUILD_DIR")
    site = os.environ.get("LISAN_PYTHON_INSTALL_DIR")
    if not build or not site:
        pytest.skip("run by ctest, which names the build folder")
    subprocess.run(["cmake", "--install", build, "--component", "python", "--prefix",
                    str(tmp_path)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(tmp_path / site)
    out = subprocess.run([sys.executable, "-c", "import lisan; print(lisan.__file__); "
                          "print(lisan.detect_language('Tokayev visited the city'))"],
                         env=env, cwd=tmp_path, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[0].startswith(str(tmp_path))
    assert out[1] == "en"
    assert (tmp_path / site / "lisan" / "__init__.pyi").exists()


def stub_names():
    tree = ast.parse(STUBS.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
    return names


def test_stubs_name_every_public_name():
    assert set(lisan.__all__) <= stub_names()
    for name in lisan.__all__:
        assert hasattr(lisan, name)


def instances(corpus_index):
    """One object of each result class, from a real search."""
    results = lisan.Searcher(corpus_index).search("Tokayev", facets=["modified:year"])
    hit = results.hits[0]
    return {"SearchResults": results, "Hit": hit, "Snippet": hit.snippet,
            "Facet": results.facets[0], "FacetValue": results.facets[0].values[0],
            "IndexInfo": lisan.Searcher(corpus_index).info(), "Token": lisan.analyze("word")[0]}


def test_stub_members_exist(corpus_index):
    made = instances(corpus_index)
    tree = ast.parse(STUBS.read_text())
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or not hasattr(lisan, node.name):
            continue
        cls = getattr(lisan, node.name)
        for member in node.body:
            if isinstance(member, ast.FunctionDef) and member.name != "__init__":
                assert hasattr(cls, member.name), f"{node.name}.{member.name}"
            if isinstance(member, ast.AnnAssign) and not issubclass(cls, Exception):
                # Set on each object when a search makes it.
                assert hasattr(made[node.name], member.target.id), f"{node.name}.{member.target.id}"


def test_help_explains_search_options():
    doc = lisan.Searcher.search.__doc__
    for option in ["limit", "offset", "lang", "snippets", "time_limit", "explain"]:
        assert option in doc
