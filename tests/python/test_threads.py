"""Searches from several Python threads: the GIL is released while lisan
searches, so Searchers of their own run in parallel."""

import os
import threading
import time

import lisan

QUERIES = ["Tokayev Washington", "كازاخستان", "perjanjian", "Abraham Accords", "minyak",
           "energi", "Astana", "اتفاقات"]


def run_queries(db, rounds, results):
    searcher = lisan.Searcher(db)
    found = []
    for _ in range(rounds):
        for q in QUERIES:
            found.append([h.id for h in searcher.search(q)])
    results.append(found)


def timed(db, threads, rounds):
    results = []
    workers = [threading.Thread(target=run_queries, args=(db, rounds, results))
               for _ in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start, results


def test_threads_search_in_parallel_and_agree(corpus_index, capsys):
    single = lisan.Searcher(corpus_index)
    expected = [[h.id for h in single.search(q)] for q in QUERIES]
    rounds = 40
    one_seconds, _ = timed(corpus_index, 1, 2 * rounds)
    two_seconds, results = timed(corpus_index, 2, rounds)
    for found in results:
        assert found == expected * rounds
    with capsys.disabled():
        print(f"\n{2 * rounds * len(QUERIES)} searches: one thread {one_seconds:.3f} s, "
              f"two threads {two_seconds:.3f} s, speed-up {one_seconds / two_seconds:.2f} "
              f"on {os.cpu_count()} cores")


def test_one_searcher_shared_by_threads_is_safe(corpus_index):
    shared = lisan.Searcher(corpus_index)
    expected = [h.id for h in shared.search("Tokayev Washington")]
    outcomes = []

    def work():
        outcomes.extend([h.id for h in shared.search("Tokayev Washington")] == expected
                        for _ in range(30))
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == [True] * 120
