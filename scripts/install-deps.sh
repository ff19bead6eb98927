#!/usr/bin/env bash
# Installs lisan's dependencies from Debian packages, only those that are
# missing. Runs apt-get as root, or through sudo otherwise.
#   scripts/install-deps.sh          what building and running lisan needs
#   scripts/install-deps.sh --python that and what the Python module needs
#   scripts/install-deps.sh --tests  all that and what the tests, benchmarks and fuzzers need
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libxapian-dev                   # the search engine library
  libicu-dev                      # segmentation, normalization, transliteration
  libcli11-dev                    # command-line parsing
  nlohmann-json3-dev              # JSON: JSONL input, document data, --json output
  zlib1g-dev                      # reading dictzip dictionaries and .jsonl.gz corpora
  dict-freedict-eng-ara dict-freedict-ara-eng dict-freedict-eng-ind  # query translation
  libcpp-httplib-dev              # HTTP server of `lisan serve`
  libsimdjson-dev                 # parsing JSONL input
  libjemalloc-dev                 # the programs' allocator (cmake/LisanAllocator.cmake)
  libxml2-dev                     # reading HTML, XHTML and the XML of DOCX, ODT and EPUB
  libzip-dev                      # opening DOCX, ODT and EPUB (zip archives)
  libpoppler-cpp-dev              # reading PDF
)
python_packages=(
  python3-dev pybind11-dev        # the lisan Python module (python/)
)
test_packages=(
  "${python_packages[@]}"
  python3-pytest                  # the Python module's tests (tests/python)
  xapian-tools                    # xapian-check, -delve, -tcpsrv: index checks, remote shards
  libgtest-dev libgmock-dev       # tests
  libbenchmark-dev                # benchmarks
  clang libfuzzer-14-dev libclang-rt-14-dev  # libFuzzer targets (fuzz/)
  python3 chromium                # the search page's end-to-end test in headless Chromium
  wrk                             # bench/load_test.sh: HTTP load on loopback
  doxygen                         # API reference; a test checks the public headers are documented
  python3-gi python3-cairo python3-gi-cairo gir1.2-pango-1.0 fonts-dejavu-core  # PDFs made by the tests (pango, cairo)
  qpdf                            # an encrypted PDF for the PDF reader's test
  xapian-omega poppler-utils unzip  # bench/formats_throughput.py: omindex and its helpers
)
case "${1:-}" in
  "") ;;
  --python) packages+=("${python_packages[@]}") ;;
  --tests) packages+=("${test_packages[@]}") ;;
  *) echo "usage: $0 [--python | --tests]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null; then
  run=(sudo)
else
  echo "error: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
