"""Searching from Python: the mission query, Arabic, errors, options."""

import json

import pytest

import lisan
from conftest import CORPUS, run_lisan

K000 = "000_349ad21918281b15.txt"
K001 = "001_ae5881f801838b21.txt"
K002 = "002_3e3a84fcd55ba876.txt"
K003 = "003_38e6d22ca08bed6e.txt"
K004 = "004_147e57a660519c9c.txt"


def ids(results):
    return [hit.id for hit in results]


def test_tokayev_washington_finds_every_language(corpus_index):
    results = lisan.Searcher(corpus_index).search("Tokayev Washington")
    assert ids(results)[0] == K001
    # The Arabic documents are found across scripts (name keys).
    assert {"ar", "id", "en"} <= {hit.lang for hit in results}
    assert results.total == len(results) == sum(results.language_facets.values())


def test_arabic_phrase_with_harakat(corpus_index):
    found = ids(lisan.Searcher(corpus_index).search('"اتِّفاقات ابراهام"', translate=False))
    assert K003 in found
    assert K004 not in found


def test_snippet_marks_index_the_python_str(corpus_index):
    # Snippets start with "…" (3 bytes, 1 character): byte offsets would be off.
    results = lisan.Searcher(corpus_index).search("Tokayev Washington", lang="id")
    marked = {hit.snippet.text[b:e] for hit in results for b, e in hit.snippet.marks}
    assert marked == {"Tokayev", "Washington"}
    assert "[Tokayev] menghubungi [Washington]" in results.hits[0].snippet.highlighted("[", "]")
    arabic = lisan.Searcher(corpus_index).search("كازاخستان", transliterate=False,
                                                 translate=False)
    assert arabic.hits
    for hit in arabic:
        assert hit.snippet.marks
        for begin, end in hit.snippet.marks:
            # Whole Arabic words (a proclitic may be attached), never a cut one.
            word = hit.snippet.text[begin:end]
            assert "كازاخستان" in word and " " not in word


def test_query_error_has_its_offset_in_characters(corpus_index):
    searcher = lisan.Searcher(corpus_index)
    query = 'كازاخستان "أبراهام'
    with pytest.raises(lisan.QueryError) as raised:
        searcher.search(query)
    assert query[raised.value.offset] == '"'
    assert query.encode()[raised.value.byte_offset:].startswith(b'"')
    assert isinstance(raised.value, lisan.Error)


def test_bad_options_are_clear_errors(corpus_index):
    searcher = lisan.Searcher(corpus_index)
    with pytest.raises(lisan.InvalidArgument, match="unknown search option 'limt'"):
        searcher.search("Tokayev", limt=3)
    with pytest.raises(lisan.InvalidArgument, match="'limit' must be"):
        searcher.search("Tokayev", limit=-1)
    with pytest.raises(lisan.InvalidArgument, match="unknown language code 'xx'"):
        searcher.search("Tokayev", lang="xx")
    with pytest.raises(lisan.InvalidArgument, match="time_limit"):
        searcher.search("Tokayev", time_limit=-2)


def test_options_page_and_filter(corpus_index):
    searcher = lisan.Searcher(corpus_index)
    everything = ids(searcher.search("Kazakhstan", limit=100))
    assert len(everything) >= 3
    assert ids(searcher.search("Kazakhstan", offset=1, limit=2)) == everything[1:3]
    assert {hit.lang for hit in searcher.search("Kazakhstan", lang="en")} == {"en"}
    explained = searcher.search("Tokayev", explain=True)
    assert explained.explanation is not None and explained.explanation.query_description
    assert searcher.search("Tokayev").explanation is None


def test_empty_and_unknown_queries_find_nothing(corpus_index):
    searcher = lisan.Searcher(corpus_index)
    assert len(searcher.search("")) == 0
    assert searcher.search("qwxzyv").total == 0


def test_missing_index_is_an_index_error(tmp_path):
    with pytest.raises(lisan.IndexError):
        lisan.Searcher(str(tmp_path / "nothing-here"))


def test_info(corpus_index):
    info = lisan.Searcher(corpus_index).info()
    assert info.documents == 5
    assert info.languages == {"ar": 2, "en": 1, "id": 2}


QUERIES = ["Tokayev Washington", "كازاخستان", "perjanjian -bilateral", '"Abraham Accords"',
           "Kazakhstan lang:en", "Miami OR Trump", "توكاييف"]


@pytest.mark.parametrize("query", QUERIES)
def test_same_results_as_the_cli(corpus_index, lisan_binary, query):
    cli = run_lisan(lisan_binary, "search", "--db", corpus_index, "--json", "--limit", "10",
                    "--", query)
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    results = lisan.Searcher(corpus_index).search(query, limit=10)
    assert [(h.id, h.rank) for h in results] == [(h["id"], h["rank"]) for h in expected["results"]]
    assert [round(h.score, 6) for h in results] == [round(h["score"], 6)
                                                   for h in expected["results"]]
    assert results.total == expected["total"]


def test_results_as_dicts_are_json(corpus_index):
    out = lisan.Searcher(corpus_index).search("Tokayev").to_dict()
    again = json.loads(json.dumps(out, ensure_ascii=False))
    assert again["hits"][0]["id"] == out["hits"][0]["id"]
    assert set(again["hits"][0]) >= {"rank", "id", "lang", "title", "url", "score", "snippet"}


def test_analyze():
    tokens = lisan.analyze("وبالكتاب The Books", lang="en")
    assert [t.term for t in tokens] == ["وبالكتاب", "the", "books"]
    assert tokens[0].lang == "ar" and tokens[0].is_arabic_script
    assert tokens[2].stem == "book" and tokens[1].is_stopword
    text = "كازاخستان Kazakhstan"
    for token in lisan.analyze(text):
        assert text[token.start:token.end].casefold() == token.term or token.lang == "ar"
    assert lisan.detect_language(CORPUS.joinpath(K003).read_text()) == "ar"
    with pytest.raises(lisan.InvalidArgument):
        lisan.analyze("x", lang="fr")
