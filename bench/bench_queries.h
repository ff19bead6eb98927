// The queries of the latency benchmarks (index_bench --queries, query_bench):
// one- and two-word queries in each language, frequent and rarer words, names.
// Shared so that both programs measure the same thing.
#pragma once

namespace lisan::bench {

inline constexpr const char* kOneWordQueries[] = {
    "government", "president",  "university", "football", "river",    "election",
    "pemerintah", "presiden",   "peraturan",  "undang",   "keuangan", "daerah",
    "الحكومة",    "الرئيس",     "السعودية",   "الملك",    "وزارة",    "المملكة",
    "washington", "kazakhstan", "tokayev",    "jakarta",  "الرياض",   "كاميرون"};

inline constexpr const char* kTwoWordQueries[] = {
    "united states",        "world war",          "football club",    "prime minister",
    "peraturan pemerintah", "republik indonesia", "menteri keuangan", "pajak daerah",
    "المملكة العربية",      "وزارة الصحة",        "خادم الحرمين",     "الأمير محمد",
    "president washington", "kazakhstan tokayev", "presiden jakarta", "وزير الخارجية"};

}  // namespace lisan::bench
