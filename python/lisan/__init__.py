"""lisan: multilingual full-text search for Arabic, Indonesian and English.

    import lisan

    with lisan.Indexer("news.db") as indexer:
        indexer.add({"id": "1", "title": "...", "text": "..."})
        indexer.add_path("corpus/")

    searcher = lisan.Searcher("news.db")
    for hit in searcher.search("Tokayev Washington", limit=5):
        print(hit.rank, hit.id, hit.title, hit.snippet.highlighted("[", "]"))

The classes wrap lisan's C++ library with the same contracts (docs/API.md):
one Indexer writes an index at a time; a Searcher serves one search at a
time, so give each thread its own; the GIL is released while lisan works.
"""

from lisan._native import (
    Error,
    Facet,
    FacetValue,
    Hit,
    IndexError,
    Indexer,
    IndexInfo,
    IndexProblem,
    IndexProgress,
    IndexReport,
    InvalidArgument,
    IoError,
    QueryError,
    SearchExplanation,
    Searcher,
    SearchResults,
    Snippet,
    TimeLimitExceeded,
    Token,
    analyze,
    detect_language,
)

__all__ = [
    "Error",
    "Facet",
    "FacetValue",
    "Hit",
    "IndexError",
    "Indexer",
    "IndexInfo",
    "IndexProblem",
    "IndexProgress",
    "IndexReport",
    "InvalidArgument",
    "IoError",
    "QueryError",
    "SearchExplanation",
    "Searcher",
    "SearchResults",
    "Snippet",
    "TimeLimitExceeded",
    "Token",
    "analyze",
    "detect_language",
]
