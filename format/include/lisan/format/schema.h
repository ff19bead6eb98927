/// @file
/// The index schema: term prefixes, value slots and metadata keys that the
/// indexer writes and the searcher reads. docs/INDEX_FORMAT.md describes it for
/// people; this header is the single place the code takes it from.
///
/// Thread-safety: constants only.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language.h"

/// Term prefixes, value slots and metadata keys of a lisan index.
namespace lisan::schema {

/// Bump when the layout below changes in a way older readers cannot follow.
/// 2: a stem term (Z…) only where the stem differs from the word.
inline constexpr int kSchemaVersion = 2;

// Term prefixes, after Omega's conventions (xapian-omega termprefixes).
// Unprefixed terms are the normalized unstemmed words, with positions.

inline constexpr std::string_view kIdPrefix = "Q";  ///< Q<id>: unique id, boolean
/// The longest term Xapian's glass backend stores ("Term too long (> 245)").
inline constexpr std::size_t kMaxTermBytes = 245;

/// The unique-id term of the document `id`: kIdPrefix + id when that fits in
/// kMaxTermBytes; for a longer id (a deep path, a long file name) the id's
/// first bytes, cut at a UTF-8 boundary, then `#` and 16 hex digits of the
/// whole id's FNV-1a 64, as Omega does for long unique terms. Two long ids
/// that agree on those bytes and that hash are told apart by the stored id.
std::string id_term(std::string_view id);
/// True when id_term(id) is a hashed form, which the stored id must confirm.
bool id_term_is_hashed(std::string_view id) noexcept;
inline constexpr std::string_view kLanguagePrefix = "L";  ///< Lar, Lid, Len, Lund: boolean
inline constexpr std::string_view kTitlePrefix = "S";     ///< S<term>: title words (Omega: subject)
// Stems carry their language (ZA…, ZI…, ZE…) so that an Indonesian and an
// English word that stem alike ("data", "program") stay distinct. A stem is
// written only where it differs from the word: a document with "run" has the
// term "run" but no "ZErun", so a stem is searched as Z<stem> OR <stem>.
inline constexpr std::string_view kArabicStemPrefix = "ZA";      ///< ZA<stem>: Arabic stems
inline constexpr std::string_view kIndonesianStemPrefix = "ZI";  ///< ZI<stem>: Indonesian stems
inline constexpr std::string_view kEnglishStemPrefix = "ZE";     ///< ZE<stem>: English stems
/// Cross-script name key (a Latin consonant skeleton), our own X prefix.
inline constexpr std::string_view kNameKeyPrefix = "XK";
// Keys are kept apart by the script of the word they come from (XKAtkf from
// توكاييف, XKLtkf from Tokayev), so that the searcher can match a query
// word's key against the other script only. Keys are lowercase ASCII.
inline constexpr std::string_view kArabicNameKeyPrefix = "XKA";  ///< keys of Arabic-script words
inline constexpr std::string_view kLatinNameKeyPrefix = "XKL";   ///< keys of Latin-script words

/// Stem prefix for `lang`; empty for Language::kUnknown (no stems written).
std::string_view stem_prefix(Language lang) noexcept;

/// The rule for which stem terms a word gets, for the writer and the readers.
/// True when the index holds a stem term (stem_prefix + stem, without
/// positions) for `token`. Not for stopwords (queries drop them from ranked
/// parts), nor for a word of no stemmed language, nor for a word that is its
/// own stem (English "run", Arabic "كتب"): its unstemmed term already says it.
bool has_stem_term(const Token& token) noexcept;

/// Sets `out` to the stem term of `stem` in `lang` (its prefix, then the
/// stem) and returns it: a reused buffer, so that the writer makes no
/// allocation per word.
std::string& assign_stem_term(std::string& out, Language lang, std::string_view stem);

/// The terms under which the index holds the words of `lang` whose stem is
/// `stem`: the stem term (words that differ from their stem) and the stem as
/// an unstemmed term (words that are their own stem, which get no stem term
/// by has_stem_term). A query for the stem must look for both.
std::array<std::string, 2> stem_lookup_terms(Language lang, std::string_view stem);

/// The prefix of the name key written for `token`, a token of `text`: every
/// Arabic-script word gets one (the script has no capitals to tell names),
/// Latin words only when written with a capital (Tokayev, not tokay).
/// @return kArabicNameKeyPrefix, kLatinNameKeyPrefix, or empty for numbers,
///         stopwords and lowercase Latin words (no key)
std::string_view name_key_prefix(const Token& token, std::string_view text) noexcept;

// Value slots.
inline constexpr unsigned kLanguageSlot = 0;  ///< "ar", "id", "en", "und"
inline constexpr unsigned kSizeSlot = 1;      ///< Xapian::sortable_serialise(bytes)
inline constexpr unsigned kMtimeSlot = 2;     ///< sortable_serialise(seconds since epoch)
inline constexpr unsigned kHashSlot = 3;      ///< 16 hex digits of the content's FNV-1a 64
inline constexpr unsigned kSourceSlot = 4;    ///< absolute source path ("" for JSONL/API)

// Metadata keys.
inline constexpr std::string_view kSchemaVersionKey = "lisan.schema_version";  ///< kSchemaVersion
inline constexpr std::string_view kAnalyzerNameKey = "lisan.analyzer";         ///< kAnalyzerName
inline constexpr std::string_view kAnalyzerVersionKey =
    "lisan.analyzer_version";                                            ///< kAnalyzerVersion
inline constexpr std::string_view kCreatedKey = "lisan.created";         ///< ISO 8601 UTC
inline constexpr std::string_view kLastCommitKey = "lisan.last_commit";  ///< ISO 8601 UTC
/// The field schema (FieldSchema::to_metadata, lisan/format/fields.h);
/// absent: the built-in fields only.
inline constexpr std::string_view kFieldsKey = "lisan.fields";

}  // namespace lisan::schema
