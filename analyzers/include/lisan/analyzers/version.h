/// @file
/// The analyzer's identity, recorded in every index so that a searcher never
/// analyses queries differently from how the documents were analysed.
///
/// Bump kAnalyzerVersion whenever a change alters the terms produced for any
/// input (normalization, segmentation, stemming, keys): older indexes must then
/// be rebuilt, and the searcher says so instead of silently missing matches.
#pragma once

#include <string_view>

namespace lisan {

/// The analyzer's name, stored in each index's metadata.
inline constexpr std::string_view kAnalyzerName = "lisan-icu-snowball";
/// Bumped whenever the terms produced for some input change.
inline constexpr int kAnalyzerVersion = 4;  // 4: no name keys for ordinary Arabic words

}  // namespace lisan
