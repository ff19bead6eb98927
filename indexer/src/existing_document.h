// Change detection: the version of a document the index holds already, and
// what tells that an input is that document unchanged.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>

#include "source_file.h"

namespace lisan::internal {

// The stored version of a document. Its values are read when asked: each is
// a B-tree lookup of its own, and a re-run of unchanged JSONL needs the hash
// alone (a re-run was four lookups a document, now two).
class ExistingDocument {
 public:
  ExistingDocument(Xapian::docid docid, Xapian::Document doc)
      : docid_(docid), doc_(std::move(doc)) {}

  Xapian::docid docid() const { return docid_; }
  std::uint64_t size() const;
  std::int64_t mtime() const;
  std::string hash() const;    // hash_hex of its content_hash
  std::string source() const;  // the absolute path it was read from; empty for JSONL

  // True when a file with these facts is the one indexed (same size, same
  // modification time): unchanged without reading it.
  bool same_file_facts(const FileFacts& facts) const;
  // True when it was indexed from another file than `source_path` that
  // still exists: two live files claim one id, and replacing one by the
  // other at every run would lose one. A file moved (its old path gone) or
  // reached by another path to the same file is not another file.
  bool belongs_to_another_file(const std::string& source_path) const;

 private:
  double number(Xapian::valueno slot) const;

  Xapian::docid docid_;
  Xapian::Document doc_;
};

// The document of `db` with the id `id`, if there is one.
std::optional<ExistingDocument> find_existing(const Xapian::Database& db, const std::string& id);

}  // namespace lisan::internal
