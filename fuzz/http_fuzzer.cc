// libFuzzer target: the request handling of `lisan serve` on arbitrary bytes,
// as if one client sent them and half-closed: the front's framing, httplib's
// parsing and routing, and lisan's handlers over a small real index. Every
// answer is HTTP; a 500 (an exception no handler expected), a crash or a
// hang is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "lisan/indexer/indexer.h"
#include "search_server.h"

namespace {

// A scratch index of a few documents in each language, removed at exit.
class FuzzIndex {
 public:
  FuzzIndex() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lisan-http-fuzz-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    dir_ = pattern;
    lisan::Indexer indexer((dir_ / "db").string());
    indexer.add_document(
        {.id = "en-1", .text = "Tokayev met officials in Washington on Kazakhstan"});
    indexer.add_document(
        {.id = "id-1", .text = "Kazakhstan bergabung dengan Abraham Accords di Washington"});
    indexer.add_document({.id = "ar-1", .text = "زار توكاييف واشنطن وتحدث عن كازاخستان"});
    indexer.finish();
    lisan::cli::ServerOptions options;
    options.db_paths = {(dir_ / "db").string()};
    options.port = 0;
    options.threads = 1;
    server_ = std::make_unique<lisan::cli::SearchServer>(options);
  }
  ~FuzzIndex() {
    server_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  lisan::cli::SearchServer& server() { return *server_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<lisan::cli::SearchServer> server_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static FuzzIndex index;
  const std::string out =
      index.server().answer(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!out.empty() && !out.starts_with("HTTP/1.1 ")) std::abort();
  if (out.find("HTTP/1.1 500") != std::string::npos) std::abort();
  return 0;
}
