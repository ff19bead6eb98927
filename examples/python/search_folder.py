#!/usr/bin/env python3
"""Indexes a folder (or a .jsonl file) and searches it:

    python3 search_folder.py INDEX FOLDER "Tokayev Washington"

Reports the files it skipped and why, then prints the best ten hits with
their snippets, the matched words between [ and ].
"""

import sys

import lisan


def main(index, folder, query):
    def problem(p):
        print(f"  {p.source}: {p.message}", file=sys.stderr)

    with lisan.Indexer(index, on_problem=problem) as indexer:
        indexer.add_path(folder)
    try:
        results = lisan.Searcher(index).search(query)
    except lisan.QueryError as e:
        print(f"{query}\n{' ' * e.offset}^ {e}", file=sys.stderr)
        return 1
    print(f"{results.total} documents match; by language: {results.language_facets}")
    if results.suggestion:
        print(f"did you mean: {results.suggestion}")
    for hit in results:
        print(f"{hit.rank:>3}. [{hit.lang}] {hit.title}  ({hit.id}, {hit.score:.3f})")
        print(f"     {hit.snippet.highlighted('[', ']')}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
