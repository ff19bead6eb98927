// HTML and XHTML through libxml2's HTML parser: the visible text (no
// script, style, template or markup; entities decoded; block elements end
// lines), the title (<title>, else the first heading), the declared
// language, description, keywords and author, and the canonical link.
#pragma once

#include <string_view>

#include "document_reader.h"
#include "markup_text.h"

namespace lisan::internal {

ReadResult read_html(std::string_view bytes, const ReadLimits& limits);

// The visible text of one HTML or XHTML page (an EPUB chapter) appended to
// `text`; false when libxml2 makes no tree of it.
bool append_html_text(std::string_view bytes, TextBuilder& text);

}  // namespace lisan::internal
