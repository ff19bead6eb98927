"""Indexing from Python: documents, problems, the context manager, locking."""

import threading

import pytest

import lisan
from conftest import CORPUS


def test_documents_from_python(tmp_path):
    db = str(tmp_path / "db")
    with lisan.Indexer(db) as indexer:
        indexer.add({"id": "a", "title": "Astana", "text": "Tokayev visited Washington."})
        added = indexer.add_many({"id": f"n{i}", "text": f"catatan nomor {i} tentang minyak",
                                  "lang": "id"} for i in range(200))
        assert added == 200
    hits = lisan.Searcher(db).search("Tokayev").hits
    assert [h.id for h in hits] == ["a"] and hits[0].title == "Astana"
    assert lisan.Searcher(db).search("minyak", limit=1).total == 200


def test_replacing_a_document(tmp_path):
    db = str(tmp_path / "db")
    with lisan.Indexer(db) as indexer:
        indexer.add({"id": "x", "text": "first version about oil"})
    with lisan.Indexer(db) as indexer:
        indexer.add({"id": "x", "text": "second version about gas"})
    searcher = lisan.Searcher(db)
    assert searcher.search("oil").total == 0
    assert [h.id for h in searcher.search("gas")] == ["x"]


@pytest.mark.parametrize("doc, message", [
    ({"text": "no id"}, "has no 'id'"),
    ({"id": "", "text": "empty id"}, "has no 'id'"),
    ({"id": "k", "body": "wrong key"}, "unknown key 'body'"),
    ({"id": "k", "text": 42}, "'text' must be a str"),
    ({"id": "k", "text": "x", "lang": "fr"}, "unknown language code 'fr'"),
    ("not a mapping", "is a mapping"),
])
def test_bad_documents_are_refused_clearly(tmp_path, doc, message):
    with lisan.Indexer(str(tmp_path / "db")) as indexer:
        with pytest.raises(lisan.InvalidArgument, match=message):
            indexer.add(doc)
        indexer.add({"id": "good", "text": "still indexed after a bad one"})
    assert lisan.Searcher(str(tmp_path / "db")).search("indexed").total == 1


def test_problems_and_progress_reach_the_callbacks(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Tokayev in Washington")
    (folder / "binary.bin").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "empty.txt").write_text("")
    problems, progress = [], []
    indexer = lisan.Indexer(str(tmp_path / "db"), on_problem=problems.append,
                            on_progress=progress.append)
    indexer.add_path(str(folder))
    report = indexer.finish()
    assert indexer.closed
    assert report.added == 1
    assert report.skipped == {"binary": 1, "empty": 1}
    assert sorted(p.skipped for p in problems) == ["binary", "empty"]
    assert progress and progress[-1].documents == 1


def test_an_exception_in_a_callback_stops_and_is_raised(tmp_path):
    def fail(progress):
        raise RuntimeError("stop here")
    indexer = lisan.Indexer(str(tmp_path / "db"), on_progress=fail)
    with pytest.raises(RuntimeError, match="stop here"):
        indexer.add_path(str(CORPUS))
    with pytest.raises(lisan.Error, match="callback raised"):
        indexer.add({"id": "later", "text": "refused"})
    indexer.close()
    # What was indexed before the exception was committed.
    assert lisan.Searcher(str(tmp_path / "db")).info().documents >= 1


def test_one_writer_at_a_time(tmp_path):
    db = str(tmp_path / "db")
    first = lisan.Indexer(db)
    with pytest.raises(lisan.IndexError, match="locked"):
        lisan.Indexer(db)
    first.close()
    with pytest.raises(lisan.InvalidArgument, match="closed"):
        first.add({"id": "a", "text": "x"})
    lisan.Indexer(db).close()  # the lock is released by close()


def test_missing_path_is_an_io_error(tmp_path):
    with lisan.Indexer(str(tmp_path / "db")) as indexer:
        with pytest.raises(lisan.IoError):
            indexer.add_path(str(tmp_path / "no-such-folder"))


def test_an_index_folder_holding_other_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(lisan.IndexError):
        lisan.Indexer(str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_one_indexer_used_from_two_threads_is_serialized(tmp_path):
    db = str(tmp_path / "db")
    errors = []
    with lisan.Indexer(db) as indexer:
        def add(prefix):
            try:
                for i in range(100):
                    indexer.add({"id": f"{prefix}{i}", "text": f"kata {prefix} nomor {i}"})
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)
        threads = [threading.Thread(target=add, args=(p,)) for p in "ab"]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert lisan.Searcher(db).info().documents == 200
