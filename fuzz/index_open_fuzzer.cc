// libFuzzer target: opening a damaged index through lisan's real paths.
//
// A small valid index (documents in Arabic, English and Indonesian, two
// commits) is written once; each input damages a copy of it. Input: byte 0
// picks one of the index's files (its table files in name order, see
// damaged_files), bytes 1-4 an offset in it (little endian, modulo its size), and the
// rest is written over the file from there (the file grows when it runs past
// its end; an input of one byte truncates the file to nothing). The copy is
// then opened as `lisan search`, `lisan info` and `lisan index` open it: a
// Searcher (its table checks, a search with snippets, the index's info) and
// an Indexer (the writer's checks; on an index they pass, a document replaced
// and committed). lisan::Error is the clean refusal; anything else (a signal,
// a sanitizer report, another exception, a hang) is a finding.
#include <stdlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "lisan/analyzers/error.h"
#include "lisan/indexer/indexer.h"
#include "lisan/searcher/searcher.h"
#include "scratch_folder.h"

namespace fs = std::filesystem;

namespace {

// A scratch folder, removed when the fuzzer exits.
void add(lisan::Indexer& indexer, const char* id, const char* text) {
  lisan::SourceDocument doc;
  doc.id = id;
  doc.text = text;
  indexer.add_document(doc);
}

// The valid index's files, by name. Two commits (the second through the
// batched writer, replacing a document) so that its tables hold more than
// one revision's blocks, as a real index does.
std::map<std::string, std::string> make_valid_index(const fs::path& folder) {
  {
    lisan::Indexer first(folder.string());
    add(first, "en", "Kazakhstan joins the Abraham Accords, the White House said in Washington.");
    add(first, "id", "Kazakhstan akan bergabung dengan Abraham Accords, kata pemerintah.");
    add(first, "ar", "ستعلن كازاخستان يوم الخميس انضمامها إلى اتفاقات أبراهام");
    first.finish();
  }
  {
    lisan::Indexer second(folder.string());
    add(second, "en", "Kazakhstan established diplomatic relations with Israel in 1992.");
    add(second, "id-2", "Pertemuan antara pemimpin AS dan Asia Tengah di Washington.");
    second.finish();
  }
  std::map<std::string, std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name != "iamglass" && !name.ends_with(".glass")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[name] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

struct Fixture {
  lisan::fuzz::ScratchFolder scratch{"lisan-index-fuzz"};
  std::map<std::string, std::string> files = make_valid_index(scratch.path() / "valid");
  fs::path work = scratch.path() / "work";
};

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The files an input may damage: the table files, and with
// LISAN_FUZZ_VERSION_FILE=1 the version file too. Xapian's own check (what
// `xapian-check` and `lisan index` run) overflows a heap buffer on some
// damaged version files: a crash inside libxapian that lisan cannot prevent
// (fuzz/known_crashes/, docs/RELIABILITY.md), found within seconds, so the
// default run leaves that file whole.
std::vector<std::string> damaged_files() {
  static const bool version_file = std::getenv("LISAN_FUZZ_VERSION_FILE") != nullptr;
  std::vector<std::string> names;
  for (const auto& [name, bytes] : fixture().files) {
    if (version_file || name != "iamglass") names.push_back(name);
  }
  return names;
}

// The valid index, with the input's damage, in fixture().work.
void write_damaged_copy(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  fs::remove_all(f.work);
  fs::create_directories(f.work);
  const std::vector<std::string> names = damaged_files();
  const auto target = f.files.find(names[data[0] % names.size()]);
  for (const auto& [name, bytes] : f.files) {
    if (name != target->first) write_file(f.work / name, bytes);
  }
  std::string damaged = target->second;
  if (size == 1) {
    damaged.clear();
  } else if (!damaged.empty()) {
    std::uint32_t offset = 0;
    for (std::size_t i = 1; i < 5 && i < size; ++i) {
      offset |= static_cast<std::uint32_t>(data[i]) << (8 * (i - 1));
    }
    const std::size_t at = offset % damaged.size();
    const std::size_t from = std::min<std::size_t>(size, 5);
    const std::string payload(reinterpret_cast<const char*>(data) + from, size - from);
    damaged.resize(std::max(damaged.size(), at + payload.size()));
    damaged.replace(at, payload.size(), payload);
  }
  write_file(f.work / target->first, damaged);
}

void open_for_search(const std::string& db) {
  try {
    lisan::Searcher searcher({db});
    lisan::SearchOptions options;
    options.limit = 5;
    (void)searcher.search("Kazakhstan Washington", options);
    (void)searcher.search("كازاخستان", options);
    (void)searcher.info();
  } catch (const lisan::Error&) {
    // Refused cleanly: what a damaged index must give.
  }
}

void open_for_writing(const std::string& db) {
  try {
    lisan::Indexer indexer(db);
    add(indexer, "en", "Kazakhstan and Israel, a replaced document.");
    add(indexer, "new", "Dokumen baru tentang Kazakhstan.");
    (void)indexer.finish();
  } catch (const lisan::Error&) {
  }
}

// True when Xapian's check of every block passes, as `lisan index` requires.
bool passes_check(const std::string& db) {
  try {
    lisan::verify_index(db);
    return true;
  } catch (const lisan::Error&) {
    return false;
  }
}

// `lisan search` opens an index without that check (it reads every block:
// too slow for every search), and Xapian 1.4 trusts the blocks it reads, so
// a damaged block can crash a search inside libxapian: this target found
// one in seconds (fuzz/known_crashes/, docs/RELIABILITY.md). lisan cannot
// prevent it short of checking at each search, so by default the searches
// run on inputs that pass the check, and LISAN_FUZZ_UNCHECKED_SEARCH=1 runs
// them on every input.
bool search_unchecked() {
  static const bool unchecked = std::getenv("LISAN_FUZZ_UNCHECKED_SEARCH") != nullptr;
  return unchecked;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  write_damaged_copy(data, size);
  const std::string db = fixture().work.string();
  if (search_unchecked() || passes_check(db)) open_for_search(db);
  open_for_writing(db);
  return 0;
}
