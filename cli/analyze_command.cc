#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "language_option.h"
#include "lisan/analyzers/analyzer.h"
#include "lisan/analyzers/language_detector.h"

namespace lisan::cli {

Command add_analyze_command(CLI::App& app) {
  struct Options {
    std::string lang;
    bool json = false;
    std::vector<std::string> words;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("analyze", "Show what the analyzer makes of a text");
  sub->add_option("--lang", options->lang, "Analyse as ar, id, en or und (default: detect)");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_option("TEXT", options->words, "Text to analyse (the words are joined by spaces)")
      ->required();
  return {sub, [options] {
            std::string text;
            for (const std::string& w : options->words) text += (text.empty() ? "" : " ") + w;
            const Language lang = language_option(options->lang).value_or(detect_language(text));
            AnalysisContext analysis;
            TokenStream tokens = analysis.analyze(text, lang);
            nlohmann::json out_tokens = nlohmann::json::array();
            while (const Token* t = tokens.next()) {
              if (options->json) {
                out_tokens.push_back({{"term", t->term},
                                      {"stem", t->stem},
                                      {"start", t->begin},
                                      {"end", t->end},
                                      {"pos", t->position}});
              } else {
                std::cout << t->position << '\t' << t->term << '\t' << t->stem << '\t' << t->begin
                          << '-' << t->end << (t->is_stopword ? "\tstopword" : "") << '\n';
              }
            }
            if (options->json) {
              nlohmann::json out = {{"lang", language_code(lang)}, {"tokens", out_tokens}};
              std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                        << '\n';
            } else {
              std::cerr << "language: " << language_code(lang);
              if (tokens.invalid_utf8() > 0) {
                std::cerr << ", " << tokens.invalid_utf8() << " invalid UTF-8 sequence(s)";
              }
              std::cerr << '\n';
            }
            return 0;
          }};
}

}  // namespace lisan::cli
