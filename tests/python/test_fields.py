"""Fields from Python: a schema, typed values in and out, filters, ranges,
sorting, facets, deletion by id."""

import datetime
import json
from pathlib import Path

import pytest

import lisan
from conftest import CORPUS, run_lisan

SCHEMA = {"source": "keyword", "date": "date", "tags": "keyword", "price": "number",
          "author": "text"}

DOCS = [
    {"id": "a", "text": "Tokayev visited Washington", "lang": "en",
     "fields": {"source": "reuters", "date": datetime.date(2025, 11, 6), "tags": ["politics", "asia"],
                "price": 10, "author": "Aisha Rahman"}},
    {"id": "b", "text": "Tokayev met investors in Almaty", "lang": "en",
     "fields": {"source": "aljazeera", "date": datetime.datetime(2025, 12, 1, 9, 30,
                                                                  tzinfo=datetime.timezone.utc),
                "tags": ["economy"], "price": 12.5}},
    {"id": "c", "text": "Tokayev spoke about energy", "lang": "en",
     "fields": {"source": "reuters", "date": "2024-03-15", "tags": ["energy", "asia"]}},
]


@pytest.fixture()
def fields_index(tmp_path):
    db = str(tmp_path / "db")
    with lisan.Indexer(db, schema=SCHEMA) as indexer:
        indexer.add_many(DOCS)
        assert indexer.schema["price"] == "number"
    return db


def ids(results):
    return [hit.id for hit in results]


def test_filters_and_ranges(fields_index):
    searcher = lisan.Searcher(fields_index)
    assert sorted(ids(searcher.search("Tokayev", filters="source:reuters"))) == ["a", "c"]
    assert ids(searcher.search("Tokayev", filters=["source:reuters", "date:2025.."])) == ["a"]
    assert sorted(ids(searcher.search("Tokayev -source:reuters"))) == ["b"]
    assert sorted(ids(searcher.search("Tokayev", filters="price:10..12"))) == ["a"]
    assert sorted(ids(searcher.search("Tokayev tags:(energy OR economy)"))) == ["b", "c"]
    assert ids(searcher.search("author:rahman")) == ["a"]
    assert searcher.search("Tokayev", filters="date:2030..").total == 0  # an empty range


def test_filter_scores_are_unchanged(fields_index):
    searcher = lisan.Searcher(fields_index)
    plain = {h.id: h.score for h in searcher.search("Tokayev")}
    for hit in searcher.search("Tokayev", filters="source:reuters"):
        assert hit.score == pytest.approx(plain[hit.id])


def test_sort_by_date_and_by_a_field_some_lack(fields_index):
    searcher = lisan.Searcher(fields_index)
    assert ids(searcher.search("Tokayev", sort="-date")) == ["b", "a", "c"]
    assert ids(searcher.search("Tokayev", sort="date")) == ["c", "a", "b"]
    # c has no price: last in either direction.
    assert ids(searcher.search("Tokayev", sort="price")) == ["a", "b", "c"]
    assert ids(searcher.search("Tokayev", sort="-price")) == ["b", "a", "c"]


def test_facets(fields_index):
    results = lisan.Searcher(fields_index).search("Tokayev", facets=["tags", "date:year"])
    tags, years = results.facets
    assert tags.field == "tags" and not tags.estimated
    assert {(v.value, v.count) for v in tags.values} == {("asia", 2), ("politics", 1),
                                                         ("economy", 1), ("energy", 1)}
    assert tags.values[0].value == "asia"
    assert [(v.value, v.count) for v in years.values] == [("2025", 2), ("2024", 1)]


def test_hit_fields_are_typed(fields_index):
    hits = {h.id: h for h in lisan.Searcher(fields_index).search("Tokayev")}
    assert hits["a"].fields["date"] == datetime.date(2025, 11, 6)
    assert hits["a"].fields["price"] == 10 and isinstance(hits["a"].fields["price"], int)
    assert hits["a"].fields["tags"] == ["politics", "asia"]
    assert hits["b"].fields["price"] == 12.5
    assert hits["b"].fields["date"] == datetime.datetime(2025, 12, 1, 9, 30,
                                                         tzinfo=datetime.timezone.utc)
    only = lisan.Searcher(fields_index).search("Tokayev", fields=["source"])
    assert all(set(h.fields) == {"source"} for h in only)
    json.dumps(lisan.Searcher(fields_index).search("Tokayev").to_dict())  # JSON-ready


def test_bad_values_are_dropped_and_reported(tmp_path):
    problems = []
    db = str(tmp_path / "db")
    with lisan.Indexer(db, schema=SCHEMA, on_problem=problems.append) as indexer:
        indexer.add({"id": "x", "text": "Tokayev", "fields": {"price": "cheap", "color": "red"}})
    assert any("price" in p.message for p in problems)
    assert any("color" in p.message for p in problems)
    assert lisan.Searcher(db).search("Tokayev").total == 1
    with lisan.Indexer(db) as indexer:
        with pytest.raises(lisan.InvalidArgument, match="'fields' must be a mapping"):
            indexer.add({"id": "y", "text": "t", "fields": ["source"]})
        with pytest.raises(lisan.InvalidArgument, match="bool"):
            indexer.add({"id": "y", "text": "t", "fields": {"price": True}})


def test_unknown_fields_in_queries_and_options(fields_index):
    searcher = lisan.Searcher(fields_index)
    with pytest.raises(lisan.QueryError) as raised:
        searcher.search("Tokayev price:abc")
    assert "Tokayev price:abc"[raised.value.offset:].startswith("price") or \
        raised.value.offset >= len("Tokayev ")
    with pytest.raises(lisan.InvalidArgument):
        searcher.search("Tokayev", sort="nosuchfield")
    with pytest.raises(lisan.InvalidArgument):
        searcher.search("Tokayev", facets=["author"])  # a text field cannot be counted


def test_changing_a_type_is_refused(fields_index):
    with pytest.raises(lisan.InvalidArgument, match="price"):
        lisan.Indexer(fields_index, schema={"price": "keyword"})
    assert lisan.Searcher(fields_index).info().fields["price"] == "number"


def test_remove_then_add_again(fields_index):
    with lisan.Indexer(fields_index) as indexer:
        assert indexer.remove("a") is True
        assert indexer.remove("no-such-id") is False
    report_searcher = lisan.Searcher(fields_index)
    assert "a" not in ids(report_searcher.search("Tokayev"))
    indexer = lisan.Indexer(fields_index)
    indexer.add({"id": "a", "text": "Tokayev again", "fields": {"source": "ap"}})
    report = indexer.finish()
    assert report.added == 1
    hits = {h.id: h for h in lisan.Searcher(fields_index).search("Tokayev")}
    assert hits["a"].fields == {"source": "ap"}


def test_same_facets_and_fields_as_the_cli(lisan_binary, tmp_path):
    db = str(tmp_path / "db")
    sample = CORPUS / "fields"
    index = run_lisan(lisan_binary, "index", "--db", db, "--schema", str(sample / "schema.json"),
                      str(sample / "news.jsonl"))
    assert index.returncode == 0, index.stderr
    cli = json.loads(run_lisan(lisan_binary, "search", "--db", db, "--json", "--facet", "tags",
                               "Kazakhstan").stdout)
    ours = lisan.Searcher(db).search("Kazakhstan", facets=["tags"]).to_dict()
    assert [h["id"] for h in ours["hits"]] == [h["id"] for h in cli["results"]]
    assert [h.get("fields") for h in ours["hits"]] == [h.get("fields") for h in cli["results"]]
    assert {v["value"]: v["count"] for v in ours["facets"][0]["values"]} == \
        {v["value"]: v["count"] for v in cli["facets"]["tags"]}
