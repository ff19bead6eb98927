# Writes a C++ file holding the search page's files as string literals.
#   cmake -DWEB_DIR=… -DOUTPUT=… -P EmbedWebAssets.cmake
# Each entry: file in WEB_DIR | URL path | media type (all sent as UTF-8).
set(assets
  "index.html|/|text/html"
  "index.html|/index.html|text/html"
  "app.js|/app.js|text/javascript"
  "style.css|/style.css|text/css")
set(delimiter "lisan_web")

set(literals "")
set(entries "")
set(index 0)
foreach(asset IN LISTS assets)
  string(REPLACE "|" ";" fields "${asset}")
  list(GET fields 0 file)
  list(GET fields 1 path)
  list(GET fields 2 type)
  file(READ "${WEB_DIR}/${file}" body)
  string(FIND "${body}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string delimiter )${delimiter}\"")
  endif()
  string(APPEND literals "constexpr char kAsset${index}[] = R\"${delimiter}(${body})${delimiter}\";\n")
  string(APPEND entries "      {\"${path}\", \"${type}; charset=utf-8\", {kAsset${index}, sizeof kAsset${index} - 1}},\n")
  math(EXPR index "${index} + 1")
endforeach()

file(CONFIGURE OUTPUT "${OUTPUT}.tmp" CONTENT [=[
// Generated from web/ by cmake/EmbedWebAssets.cmake; do not edit.
#include "web_assets.h"

namespace lisan::cli {
namespace {

@literals@
}  // namespace

const std::vector<WebAsset>& web_assets() {
  static const std::vector<WebAsset> assets = {
@entries@  };
  return assets;
}

}  // namespace lisan::cli
]=] @ONLY)
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
