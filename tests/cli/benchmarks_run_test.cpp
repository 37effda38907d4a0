// `benchmarks:` end to end (issue 14): the demo benchmarked as Barnsley from the DfE files that
// come with scorecard (the "done when"), and the configuration mistakes `benchmarks:`
// can hold, each an exit 2 whose message names the configuration file and the problem, found
// before any data is read.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

const fs::path kDfe = kSource / "indicators" / "benchmarks" / "dfe";

// The standard indicators whose published equivalent indicators/benchmarks/dfe.yaml maps, by
// the demo's codes, with the standard set's parameters matching the published definition.
// (The standard EA11 counts voluntary leavers where the census counts every leaver, so it has
// the twelfth mapped id but gets a note instead: see below.)
const std::vector<std::string> kBenchmarked = {"CLA",   "CLA rate", "CLA starts", "NI 62",
                                               "NI 63", "EET",      "HA",         "DENT",
                                               "REREF", "CPP2",     "SW CASES"};
// Those with an interval (a percentage: Wilson; a rate per 10,000: Byar) and so a
// significance word against each benchmark; the others (counts, an average caseload) have
// none, and the page says it was not tested.
const std::set<std::string> kWithInterval = {"CLA rate", "NI 62", "NI 63", "EET",
                                             "HA",       "DENT",  "REREF", "CPP2"};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no '" + from + "' in the demo config");
  return text.replace(at, from.size(), to);
}

// The demo's configuration, its data folder the demo's own (absolute), edited by `edit`.
fs::path demo_config(const TempDir& tmp, const std::function<std::string(std::string)>& edit = {}) {
  const fs::path file = tmp / "scorecard.yaml";
  write_demo_config(file, kDemo / "data");
  if (edit) write_file(file, edit(read_file(file)));
  return file;
}

// "FILE:LINE:1: " for the line of `benchmarks:` in the file (1 for the first line).
std::string at_benchmarks(const fs::path& file) {
  const std::string text = read_file(file);
  const size_t at = text.find("\nbenchmarks:");
  if (at == std::string::npos) throw std::runtime_error("no benchmarks: in " + file.string());
  const long line = std::count(text.begin(), text.begin() + static_cast<long>(at) + 1, '\n') + 1;
  return file.string() + ":" + std::to_string(line) + ":1: ";
}

// ---- the demo as Barnsley ------------------------------------------------------------------

// The demo's authority.code is E08000016 (Barnsley, DfE 370) and its benchmarks.published the
// DfE folder, by name (dfe: indicators/benchmarks/dfe, run from the build). Its data is
// synthetic and from 2018-19, so it takes each file's latest year (year: latest).
//
// NI 62 from la_cla_placement_stability.csv, 2025, worked by hand in tests/benchmarks
// (BarnsleyNi62For2025ByHand): England 10; Yorkshire and The Humber (E12000003) 11; the ten
// neighbours of sn_model_2025_wide.csv row 370, Rotherham (372, E08000018, 13) first, mean
// 94 / 10 = 9.4; Barnsley's own published 14, rank 133 of the 151 LAs with a figure (132
// lower), quartile ceil(4 * 133 / 151) = D.
TEST(CliBenchmarksRun, TheDemoAsBarnsleyHasEveryMappedIndicatorBenchmarked) {
  TempDir tmp;
  const fs::path config = demo_config(tmp);
  ASSERT_TRUE(contains(read_file(config), "  code: E08000016\n"));
  const Result r =
      scorecard({"run", "--config", config.string(), "--period", "2018-19 Q3", "--out", "out"},
                tmp.path(), 120);
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json card = read_json(tmp / "out" / "scorecard.json");

  const json& source = card.at("published_benchmarks");
  EXPECT_EQ(fs::path(source.at("directory").get<std::string>()), kDfe.lexically_normal());
  EXPECT_EQ(source.at("dfe_number"), "370");
  EXPECT_EQ(source.at("code"), "E08000016");
  EXPECT_EQ(source.at("name"), "Barnsley");
  EXPECT_EQ(source.at("region_code"), "E12000003");
  EXPECT_EQ(source.at("region_name"), "Yorkshire and The Humber");
  EXPECT_EQ(source.at("neighbour_model"), "sn_model_2025_wide.csv");

  const std::set<std::string> words = {"significantly_better", "similar", "significantly_worse",
                                       "significantly_higher", "significantly_lower"};
  for (const std::string& code : kBenchmarked) {
    SCOPED_TRACE(code);
    const json& ind = indicator_with_code(card, code);
    ASSERT_EQ(ind.at("status"), "ok");
    EXPECT_EQ(ind.at("benchmark_note"), "");
    const json& p = period_of(ind).at("published");
    ASSERT_TRUE(p.is_object());
    ASSERT_EQ(p.at("available"), true) << p.dump(1);
    EXPECT_EQ(p.at("year").get<int>() >= 2024, true) << "year: latest";
    EXPECT_TRUE(p.at("england").is_number()) << p.dump(1);
    EXPECT_EQ(p.at("region").at("code"), "E12000003");
    EXPECT_EQ(p.at("region").at("name"), "Yorkshire and The Humber");
    EXPECT_TRUE(p.at("region").at("value").is_number());
    EXPECT_EQ(p.at("neighbours").at("method"), "mean");
    const json& list = p.at("neighbours").at("list");
    ASSERT_EQ(list.size(), 10u);
    EXPECT_EQ(list.at(0).at("dfe_number"), "372");
    EXPECT_EQ(list.at(0).at("name"), "Rotherham");
    EXPECT_EQ(list.at(9).at("dfe_number"), "394");
    EXPECT_EQ(list.at(9).at("name"), "Sunderland");
    for (const auto& n : list)
      EXPECT_TRUE(n.at("value").is_number() || !n.at("marker").get<std::string>().empty())
          << n.dump();
    EXPECT_TRUE(p.at("neighbours").at("value").is_number());
    ASSERT_TRUE(p.at("rank").is_number_integer()) << p.dump(1);
    EXPECT_GE(p.at("rank").get<int>(), 1);
    EXPECT_LE(p.at("rank").get<int>(), p.at("ranked").get<int>());
    EXPECT_GT(p.at("ranked").get<int>(), 100);  // of the 153 LAs
    const std::string quartile = p.at("quartile");
    EXPECT_TRUE(quartile == "A" || quartile == "B" || quartile == "C" || quartile == "D");
    // England, the neighbours and the region, each with its significance word.
    std::set<std::string> named;
    for (const auto& b : period_of(ind).at("benchmarks")) {
      named.insert(b.at("name").get<std::string>());
      if (kWithInterval.count(code)) {
        EXPECT_TRUE(words.count(b.at("significance").get<std::string>())) << b.dump();
      } else {
        EXPECT_EQ(b.at("significance"), "none") << b.dump();
      }
    }
    EXPECT_EQ(named, (std::set<std::string>{"england", "statistical_neighbours", "region"}));
    if (kWithInterval.count(code)) {
      EXPECT_TRUE(period_of(ind).at("interval").is_object());
    }
  }

  const json& ni62 = period_of(indicator_with_code(card, "NI 62")).at("published");
  EXPECT_EQ(ni62.at("year"), 2025);
  EXPECT_EQ(ni62.at("year_label"), "2024-25 (year ending 31 March 2025)");
  EXPECT_EQ(ni62.at("england"), 10);
  EXPECT_EQ(ni62.at("region").at("value"), 11);
  EXPECT_EQ(ni62.at("neighbours").at("list").at(0).at("code"), "E08000018");
  EXPECT_EQ(ni62.at("neighbours").at("list").at(0).at("value"), 13);
  EXPECT_NEAR(ni62.at("neighbours").at("value").get<double>(), 9.4, 1e-9);
  EXPECT_EQ(ni62.at("neighbours").at("missing"), 0);
  EXPECT_EQ(ni62.at("own").at("value"), 14);
  EXPECT_EQ(ni62.at("rank"), 133);
  EXPECT_EQ(ni62.at("ranked"), 151);
  EXPECT_EQ(ni62.at("quartile"), "D");

  // The standard EA11 has a mapped id but not the published definition: a note, no figures.
  const json& ea11 = indicator_with_code(card, "EA11");
  EXPECT_TRUE(contains(ea11.at("benchmark_note").get<std::string>(),
                       "No published benchmark: the parameters differ from the published "
                       "definition"))
      << ea11.at("benchmark_note");
  EXPECT_TRUE(period_of(ea11).at("published").is_null());

  // The page: a dot plot (with its words) and a neighbours' list per benchmarked indicator.
  const std::string html = read_file(tmp / "out" / "scorecard.html");
  size_t plots = 0;
  for (size_t at = html.find("<svg class=\"dots\""); at != std::string::npos;
       at = html.find("<svg class=\"dots\"", at + 1))
    ++plots;
  EXPECT_EQ(plots, kBenchmarked.size());
  EXPECT_TRUE(contains(html,
                       "<details class=\"neighbours\"><summary>The 10 statistical "
                       "neighbours (mean 9.4%)</summary>"));
  EXPECT_TRUE(contains(html,
                       "<tr><th scope=\"row\">Rotherham</th><td>372</td><td>E08000018</td>"
                       "<td class=\"num\">13.0%</td></tr>"));
  EXPECT_TRUE(contains(html, "published rank 133 of 151, quartile D (A = best)"));
  EXPECT_TRUE(contains(html, "significance not tested: no interval for a count or an average"));
}

// ---- configuration mistakes: exit 2, the file and line, the problem ----------------------------

void expect_config_error(const fs::path& config, const std::string& message) {
  const std::string where = at_benchmarks(config);
  const Result v = scorecard({"validate", "--config", config.string()});
  EXPECT_EQ(v.exit_code, kUsage) << describe(v);
  EXPECT_TRUE(contains(v.err, "error: " + where + message)) << where + message << "\n"
                                                            << describe(v);
  // `run` stops with the same message before it reads the data or computes anything.
  TempDir tmp;
  const Result r = scorecard(
      {"run", "--config", config.string(), "--period", "2018-19 Q3", "--out", "out"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(contains(r.err, "error: " + where + message)) << describe(r);
  EXPECT_FALSE(contains(r.err, "computed")) << describe(r);
  EXPECT_FALSE(fs::exists(tmp / "out" / "scorecard.json"));
}

TEST(CliBenchmarksConfig, NoAuthorityCodeOrNumber) {
  TempDir tmp;
  const fs::path config =
      demo_config(tmp, [](std::string t) { return replaced(t, "  code: E08000016\n", ""); });
  expect_config_error(config,
                      "benchmarks need the authority: set authority.code (its ONS code, e.g. "
                      "E08000016) or authority.dfe_number (the DfE's number, e.g. 370)");
}

// cla_number_and_rate_per_10k_children.csv names E08000016 (new_la_code) Barnsley, 370
// (old_la_code), and 371 Doncaster (E08000017).
TEST(CliBenchmarksConfig, CodeAndDfeNumberNamingDifferentAuthorities) {
  TempDir tmp;
  const fs::path config = demo_config(tmp, [](std::string t) {
    return replaced(t, "  code: E08000016\n", "  code: E08000016\n  dfe_number: 371\n");
  });
  expect_config_error(config,
                      "authority.code E08000016 is DfE number 370 (Barnsley) in the published "
                      "files (cla_number_and_rate_per_10k_children.csv), but authority.dfe_number "
                      "is 371 (Doncaster)");
  // The two naming the same LA are fine.
  write_file(config, replaced(read_file(config), "dfe_number: 371", "dfe_number: 370"));
  const Result ok = scorecard({"validate", "--config", config.string()});
  EXPECT_EQ(ok.exit_code, kOk) << describe(ok);
}

TEST(CliBenchmarksConfig, AnAuthorityTheFilesDoNotKnow) {
  TempDir tmp;
  const fs::path config = demo_config(
      tmp, [](std::string t) { return replaced(t, "code: E08000016", "code: E09000999"); });
  expect_config_error(
      config, "benchmarks: " + (kDfe / "cla_number_and_rate_per_10k_children.csv").string() +
                  ": no local authority has the code E09000999");
}

TEST(CliBenchmarksConfig, ThePublishedFolderIsMissing) {
  TempDir tmp;
  const fs::path config = demo_config(tmp, [](std::string t) {
    return replaced(t, "published: dfe", "published: ./no-such-folder");
  });
  expect_config_error(config, "the published statistics folder " +
                                  (tmp / "no-such-folder").string() + " does not exist");
}

// ---- benchmarks.published by name ----------------------------------------------------------

// A name not among those that come with scorecard: the message is at the value (line and
// column of `dfe2099`) and lists those there.
TEST(CliBenchmarksConfig, ANameNotAmongThoseThatComeWithScorecard) {
  TempDir tmp;
  const fs::path config = demo_config(
      tmp, [](std::string t) { return replaced(t, "published: dfe", "published: dfee"); });
  const std::string text = read_file(config);
  const size_t at = text.find("published: dfee");
  const long line = std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1;
  const size_t column = at - text.rfind('\n', at) + std::string("published: ").size();
  const Result v = scorecard({"validate", "--config", config.string()});
  EXPECT_EQ(v.exit_code, kUsage) << describe(v);
  EXPECT_TRUE(contains(v.err, config.string() + ":" + std::to_string(line) + ":" +
                                  std::to_string(column) +
                                  ": 'published' in benchmarks: no published statistics named "
                                  "'dfee' in " +
                                  (kSource / "indicators" / "benchmarks").string() +
                                  " (those there: dfe; a folder of your own is given by its "
                                  "path, such as ./dfee); did you mean 'dfe'?"))
      << describe(v);
}

}  // namespace
}  // namespace scorecard::cli_test
