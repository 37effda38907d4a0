// The other commands end to end: explain, validate, plugins list / check, demo-data, help.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sdk/include/scorecard/abi.h"
#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

// The record lists explain prints: "# numerator records (N)" then N lines, and the same for
// the denominator.
struct Explained {
  std::vector<std::string> header;  // the '#' lines before the lists
  size_t numerator_said = 0, denominator_said = 0;
  std::vector<std::string> numerator, denominator;
};

Explained parse_explain(const std::string& out) {
  Explained e;
  std::vector<std::string>* list = nullptr;
  for (const auto& line : lines_of(out)) {
    if (line.rfind("# numerator records (", 0) == 0) {
      e.numerator_said = std::stoul(line.substr(21));
      list = &e.numerator;
    } else if (line.rfind("# denominator records (", 0) == 0) {
      e.denominator_said = std::stoul(line.substr(23));
      list = &e.denominator;
    } else if (list) {
      list->push_back(line);
    } else {
      e.header.push_back(line);
    }
  }
  return e;
}

// Every indicator whose numerator and denominator count records (the percentages and the
// counts, but not FTE-weighted turnover or sums of days) lists as many records as it counts.
TEST(CliExplain, RecordListsMatchTheRunsNumeratorAndDenominator) {
  TempDir tmp;
  const Result run = scorecard({"run", "--config", kDemoConfig.string(), "--period", "2018-19 Q3",
                                "--out", "out", "--history", "0"},
                               tmp.path());
  ASSERT_EQ(run.exit_code, kOk) << describe(run);
  const json card = read_json(tmp / "out/scorecard.json");
  auto whole = [](const json& v) {
    return v.is_number() && v.get<double>() == std::floor(v.get<double>());
  };
  int checked = 0;
  for (const auto& ind : card.at("indicators")) {
    const std::string code = ind.at("code");
    const json& p = period_of(ind);
    const bool counts_records =
        (ind.at("unit") == "percent" && whole(p.at("numerator")) && whole(p.at("denominator"))) ||
        code == "NI 62" || code == "CLA";
    if (!counts_records) continue;
    SCOPED_TRACE(code);
    ++checked;
    const Result r = scorecard(
        {"explain", code, "--config", kDemoConfig.string(), "--period", "2018-19 Q3"}, tmp.path());
    ASSERT_EQ(r.exit_code, kOk) << describe(r);
    const Explained e = parse_explain(r.out);
    ASSERT_GE(e.header.size(), 2u) << r.out;
    EXPECT_EQ(e.header[0].rfind("# " + code + " ", 0), 0u) << e.header[0];
    EXPECT_EQ(e.header[1].rfind("# 2018-19 Q3: window ", 0), 0u) << e.header[1];
    EXPECT_EQ(e.numerator.size(), e.numerator_said);
    EXPECT_EQ(e.denominator.size(), e.denominator_said);
    EXPECT_EQ(double(e.numerator.size()), p.at("numerator").get<double>());
    EXPECT_EQ(double(e.denominator.size()), p.at("denominator").get<double>());
    const std::set<std::string> denominator(e.denominator.begin(), e.denominator.end());
    for (const auto& id : e.numerator) EXPECT_TRUE(denominator.count(id)) << id;
  }
  EXPECT_GE(checked, 15);
}

TEST(CliExplain, ByIdAsWellAsByCode) {
  const Result by_code =
      scorecard({"explain", "NI 62", "--config", kDemoConfig.string(), "--period", "2018-19 Q3"});
  const Result by_id = scorecard({"explain", "cla.stability.short_term", "--config",
                                  kDemoConfig.string(), "--period", "2018-19 Q3"});
  ASSERT_EQ(by_code.exit_code, kOk) << describe(by_code);
  ASSERT_EQ(by_id.exit_code, kOk) << describe(by_id);
  EXPECT_EQ(by_code.out, by_id.out);
}

TEST(CliExplain, UnknownCodeExits2) {
  const Result r =
      scorecard({"explain", "XX 99", "--config", kDemoConfig.string(), "--period", "2018-19 Q3"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err, "error: no indicator with code or id 'XX 99'\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliExplain, NeedsAPeriod) {
  const Result r = scorecard({"explain", "NI 62", "--config", kDemoConfig.string()});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err, "error: explain needs --period or --as-at\n");
}

TEST(CliExplain, IndicatorNotComputedExits1SayingWhy) {
  TempDir tmp;
  link_demo_data(tmp / "data", {"oc3.csv"});
  write_demo_config(tmp / "scorecard.yaml", tmp / "data");
  const Result r = scorecard(
      {"explain", "EET", "--config", "scorecard.yaml", "--period", "2018-19 Q3"}, tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[1].rfind("# not_computed: needs dataset 'oc3'", 0), 0u) << r.out;
}

// ---------------------------------------------------------------------------------------

TEST(CliValidate, DemoMeetsEveryNeed) {
  const Result r = scorecard({"validate", "--config", kDemoConfig.string()});
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  const size_t episodes = lines_of(read_file(kDemo / "data/episodes.csv")).size() - 1;
  EXPECT_TRUE(has_line(r.out, "episodes: " + std::to_string(episodes) + " rows from 1 file(s)"))
      << r.out;
  EXPECT_EQ(lines_of(r.out).back(), "configuration and data meet every indicator's needs");
}

TEST(CliValidate, MissingDatasetExits1NamingIt) {
  TempDir tmp;
  link_demo_data(tmp / "data", {"oc3.csv"});
  write_demo_config(tmp / "scorecard.yaml", tmp / "data");
  const Result r = scorecard({"validate", "--config", "scorecard.yaml"}, tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  bool named = false;
  for (const auto& line : lines_of(r.out))
    named =
        named || (line.rfind("not computable: ", 0) == 0 && contains(line, "(care_leavers.eet)") &&
                  contains(line, "needs dataset 'oc3'"));
  EXPECT_TRUE(named) << r.out;
  EXPECT_EQ(lines_of(r.out).back(), "1 indicator(s) cannot be computed");
}

TEST(CliValidate, BadDataExits3) {
  TempDir tmp;
  const fs::path folder = kSource / "tests/datasets/bad/episodes_dec_before_decom";
  write_config(tmp / "scorecard.yaml", folder, {"cla.count"});
  const Result r =
      scorecard({"validate", "--config", "scorecard.yaml", "--log-level", "error"}, tmp.path());
  EXPECT_EQ(r.exit_code, kBadData) << describe(r);
  EXPECT_EQ(r.err, "error: " + (folder / "episodes.csv").string() +
                       ":3:8: DEC '01/03/2018' is before DECOM '01/04/2018'\n");
}

TEST(CliValidate, ReportPolicyListsTheRowAndExits0) {
  TempDir tmp;
  const fs::path folder = kSource / "tests/datasets/bad/episodes_dec_before_decom";
  write_config(tmp / "scorecard.yaml", folder, {"cla.count"}, "report");
  const Result r = scorecard({"validate", "--config", "scorecard.yaml"}, tmp.path());
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(has_line(r.out, "reported: " + (folder / "episodes.csv").string() +
                                  ":3:8: DEC '01/03/2018' is before DECOM '01/04/2018'"))
      << r.out;
}

// ---------------------------------------------------------------------------------------

const std::set<std::string> kStandardPlugins = {"care_leavers", "children_in_need", "looked_after",
                                                "permanence",   "proceedings",      "providers",
                                                "workforce"};

TEST(CliPlugins, ListJsonShowsTheSevenStandardPlugins) {
  const Result r = scorecard({"plugins", "list", "--json"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json list = json::parse(r.out);
  EXPECT_EQ(list.at("problems").size(), 0u);
  std::set<std::string> names, ids;
  for (const auto& plugin : list.at("plugins")) {
    const std::string name = plugin.at("library").at("name");
    SCOPED_TRACE(name);
    names.insert(name);
    EXPECT_EQ(plugin.at("status"), "ok") << plugin.at("message");
    EXPECT_EQ(plugin.at("abi").at("major"), SCORECARD_ABI_MAJOR);
    EXPECT_FALSE(plugin.at("indicators").empty());
    for (const auto& ind : plugin.at("indicators")) {
      SCOPED_TRACE(ind.at("id").get<std::string>());
      EXPECT_TRUE(ids.insert(ind.at("id").get<std::string>()).second) << "an id exported twice";
      for (const char* key : {"code", "unit", "polarity"})
        EXPECT_FALSE(ind.at(key).get<std::string>().empty()) << key;
      // The YAML measures' indicators state their needs from the definition they are given.
      if (name == "measures") continue;
      ASSERT_FALSE(ind.at("needs").empty());
      for (const auto& need : ind.at("needs")) {
        EXPECT_FALSE(need.at("dataset").get<std::string>().empty());
        EXPECT_FALSE(need.at("columns").empty());
      }
    }
  }
  std::set<std::string> expected = kStandardPlugins;
  expected.insert("measures");  // the built-in plugin of YAML measures (docs/measures.md)
  EXPECT_EQ(names, expected);
  // Every indicator the standard set uses is exported.
  for (const char* id : {"cla.count", "cla.stability.short_term", "cla.permanence",
                         "care_leavers.eet", "workforce.turnover", "providers.good_or_better"})
    EXPECT_TRUE(ids.count(id)) << id;
}

// The ABI this scorecard and the fixture plugin are built for ("2.3").
const std::string kAbi =
    std::to_string(SCORECARD_ABI_MAJOR) + "." + std::to_string(SCORECARD_ABI_MINOR);

TEST(CliPlugins, ListWithAPluginDirectoryAddsItsPlugins) {
  const Result r = scorecard({"plugins", "list", "--plugin-dir", kFixturePlugins.string()});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(has_line(r.out, (kFixturePlugins / "cli_fixtures.so").string())) << r.out;
  EXPECT_TRUE(
      has_line(r.out, "  cli_fixtures 1.2.3, SDK " SCORECARD_SDK_VERSION ", ABI " + kAbi + ": ok"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "  clitest.throws ")) << r.out;
  EXPECT_TRUE(contains(r.out, "needs header(CHILD)")) << r.out;
}

TEST(CliPlugins, ListWithAMissingPluginDirectory) {
  TempDir tmp;
  const Result r = scorecard({"plugins", "list", "--plugin-dir", "nowhere"}, tmp.path());
  EXPECT_TRUE(has_line(r.out, "problem: plugin directory nowhere does not exist")) << r.out;
  // As `run` with a missing plugins.directories entry: a mistake in what was asked for.
  EXPECT_EQ(r.exit_code, kUsage) << "BUG: a missing --plugin-dir exits " << r.exit_code
                                 << ", a missing plugins.directories entry exits 2\n"
                                 << describe(r);
}

TEST(CliPlugins, CheckAGoodPlugin) {
  const Result r = scorecard({"plugins", "check", (kFixturePlugins / "cli_fixtures.so").string()});
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(
      has_line(r.out, "  cli_fixtures 1.2.3, SDK " SCORECARD_SDK_VERSION ", ABI " + kAbi + ": ok"))
      << r.out;
  for (const char* id : {"clitest.header", "clitest.oc2", "clitest.referrals", "clitest.throws"})
    EXPECT_TRUE(contains(r.out, std::string("  ") + id + " ")) << id;
}

TEST(CliPlugins, CheckALibraryThatIsNotAPluginExits1WithTheReason) {
  const Result r = scorecard({"plugins", "check", kNotAPlugin.string()});
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  EXPECT_EQ(r.out, kNotAPlugin.string() +
                       "\n  not_a_plugin: not a scorecard plugin: it exports no "
                       "scorecard_get_plugin_info (build it with scorecard_add_indicator and "
                       "SCORECARD_EXPORT_INDICATORS)\n");
}

TEST(CliPlugins, CheckAFileThatIsNotALibraryExits1WithTheReason) {
  TempDir tmp;
  write_file(tmp / "notes.so", "these are notes, not a library\n");
  const Result r = scorecard({"plugins", "check", "notes.so"}, tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0], (tmp / "notes.so").string());
  EXPECT_EQ(lines[1].rfind("  load_failed: cannot load: ", 0), 0u) << r.out;
}

TEST(CliPlugins, CheckAWorldWritablePluginIsRefused) {
  TempDir tmp;
  fs::copy_file(kFixturePlugins / "cli_fixtures.so", tmp / "open.so");
  fs::permissions(tmp / "open.so", fs::perms::others_write, fs::perm_options::add);
  const Result r = scorecard({"plugins", "check", "open.so"}, tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  EXPECT_TRUE(contains(r.out, "can be written by users other than its owner")) << r.out;
  EXPECT_FALSE(contains(r.out, "refused: refused:")) << "BUG: the status word is printed twice\n"
                                                     << r.out;
  const Result allowed =
      scorecard({"plugins", "check", "open.so", "--allow-unsafe-plugins"}, tmp.path());
  EXPECT_EQ(allowed.exit_code, kOk) << describe(allowed);
}

TEST(CliPlugins, CheckAMissingFileExits2) {
  TempDir tmp;
  const Result r = scorecard({"plugins", "check", "nowhere.so"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err, "error: no such file: nowhere.so\n");
}

// ---------------------------------------------------------------------------------------

TEST(CliDemoData, WritesAFolderThatRuns) {
  TempDir tmp;
  const Result r =
      scorecard({"demo-data", "--out", "data", "--children", "300", "--seed", "7"}, tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(contains(r.out, "for 300 children to data; population aged 0-17 for the config: "))
      << r.out;
  for (const char* f : {"episodes.csv", "header.csv", "oc3.csv", "workforce.csv"})
    EXPECT_TRUE(fs::exists(tmp / "data" / f)) << f;
  // The same seed writes the same data.
  ASSERT_EQ(
      scorecard({"demo-data", "--out", "again", "--children", "300", "--seed", "7"}, tmp.path())
          .exit_code,
      kOk);
  EXPECT_EQ(read_file(tmp / "data/episodes.csv"), read_file(tmp / "again/episodes.csv"));
  write_demo_config(tmp / "scorecard.yaml", tmp / "data");
  const Result run = scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3",
                                "--out", "out", "--history", "0"},
                               tmp.path());
  EXPECT_LE(run.exit_code, kIncomplete) << describe(run);
  EXPECT_TRUE(fs::exists(tmp / "out/scorecard.json"));
}

TEST(CliHelp, ListsEveryCommandAndTheExitCodes) {
  const Result r = scorecard({"--help"});
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  for (const char* command :
       {"init", "run", "validate", "plugins", "explain", "describe", "demo-data"})
    EXPECT_TRUE(contains(r.out, std::string("  ") + command + " ")) << command;
  EXPECT_TRUE(contains(r.out,
                       "Exit codes: 0 ok; 1 some indicators not computed or in error; 2 "
                       "bad usage or configuration; 3 bad data."))
      << r.out;
  const Result version = scorecard({"--version"});
  EXPECT_EQ(version.exit_code, kOk);
  EXPECT_EQ(version.out.rfind("scorecard ", 0), 0u) << version.out;
}

}  // namespace
}  // namespace scorecard::cli_test

namespace scorecard::cli_test {
namespace {

// `scorecard benchmarks --authority 370` with the DfE files that come with scorecard:
// Barnsley's published NI 62 (14%, 50 of 366), England 10%, its ten neighbours (Rotherham
// first), NI 63 57%, EET 64%, re-referrals 25.5%, second plans 28.2% (the 2025 rows).
TEST(CliBenchmarks, BarnsleyFromTheShippedFiles) {
  TempDir tmp;
  const Result r = scorecard({"benchmarks", "--authority", "370"}, tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  for (const char* text :
       {"Barnsley (DfE 370, E08000016), Yorkshire and The Humber", "NI 62:", "50 of 366",
        "England                                         10%", "Rotherham (372, E08000018)",
        "NI 63:", "57%", "EET:", "64%", "REREF:", "25.5%", "CPP2:", "28.2%",
        "Barnsley is worse than England (significantly worse)"})
    EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
  const Result j = scorecard({"benchmarks", "--authority", "E08000016", "--json"}, tmp.path());
  ASSERT_EQ(j.exit_code, kOk) << describe(j);
  const json doc = json::parse(j.out);
  EXPECT_EQ(doc.at("authority").at("dfe_number"), "370");
  bool seen = false;
  for (const auto& ind : doc.at("indicators"))
    if (ind.at("code") == "NI 62") {
      seen = true;
      EXPECT_EQ(ind.at("own").at("value"), 14);
      EXPECT_EQ(ind.at("neighbours").at("list").size(), 10u);
      EXPECT_NEAR(ind.at("neighbours").at("value").get<double>(), 9.4, 1e-9);
      EXPECT_EQ(ind.at("england").at("vs").at("significance"), "significantly_worse");
    }
  EXPECT_TRUE(seen);
  const Result unknown = scorecard({"benchmarks", "--authority", "E09000999"}, tmp.path());
  EXPECT_EQ(unknown.exit_code, kUsage) << describe(unknown);
  EXPECT_NE(unknown.err.find("no local authority has the code E09000999"), std::string::npos);
}

// `--published dfe`, as `benchmarks.published: dfe` in a configuration: the DfE files that come
// with scorecard by their name, from a directory that has no dfe folder of its own; a dfe folder
// in the current directory is that folder (here empty, so its files are missing).
TEST(CliBenchmarks, APublishedNameIsTheShippedFilesUnlessAFolderHereHasIt) {
  TempDir tmp;
  const Result named =
      scorecard({"benchmarks", "--authority", "370", "--published", "dfe"}, tmp.path());
  ASSERT_EQ(named.exit_code, kOk) << describe(named);
  EXPECT_NE(named.out.find("Barnsley (DfE 370, E08000016)"), std::string::npos) << named.out;
  EXPECT_NE(named.out.find("50 of 366"), std::string::npos) << named.out;
  std::filesystem::create_directory(tmp.path() / "dfe");
  const Result here =
      scorecard({"benchmarks", "--authority", "370", "--published", "dfe"}, tmp.path());
  // A folder without the files is a data fault (3), said of the folder, not of --authority.
  EXPECT_EQ(here.exit_code, kBadData) << describe(here);
  EXPECT_EQ(here.err.rfind("error: dfe: none of the files cla_number_and_rate_per_10k_children.csv"
                           " is there",
                           0),
            0u)
      << describe(here);
}

}  // namespace
}  // namespace scorecard::cli_test
