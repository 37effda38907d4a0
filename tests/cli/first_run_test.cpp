// A new user's first run (issue 17): `init` on their own folder, `describe`, `plugins list
// --config`, parameters that read as written, and typed parameters in the outputs.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

const fs::path kDemoData = kDemo / "data";

// A configuration of the demo data and the given indicator entries (YAML, each line indented
// by two spaces), written to DIR/scorecard.yaml.
void write_entries(const TempDir& tmp, const std::string& entries,
                   const std::string& plugins = "") {
  write_file(tmp / "scorecard.yaml", "authority: { name: Test Borough }\n" + plugins +
                                         "data: { directory: \"" + kDemoData.string() +
                                         "\" }\n"
                                         "indicators:\n" +
                                         entries);
}

Result run_quarter(const TempDir& tmp, const std::string& config = "scorecard.yaml") {
  return scorecard({"run", "--config", config, "--period", "2018-19 Q3", "--history", "0", "--out",
                    "out", "--no-html", "--no-xlsx", "--log-level", "error"},
                   tmp.path());
}

// ---------------------------------------------------------------------------------------
// Item 1: `within_months: 6` alone means six months, although within_days defaults to 42.

TEST(CliParameters, OneOfTwoAlternativesClearsTheOthersDefault) {
  TempDir tmp;
  write_entries(tmp,
                "  - use: cla.recent_event\n"
                "    code: PEP A\n"
                "    params: { event_type: PEP, within_months: 6 }\n"
                "  - use: cla.recent_event\n"
                "    code: PEP B\n"
                "    params: { event_type: PEP, within_days: null, within_months: 6 }\n");
  const Result r = run_quarter(tmp);
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  const json& a = indicator_with_code(card, "PEP A");
  const json& b = indicator_with_code(card, "PEP B");
  EXPECT_EQ(a.at("status"), "ok") << a.at("message");
  EXPECT_EQ(period_of(a).at("value"), period_of(b).at("value"));
  EXPECT_EQ(period_of(a).at("denominator"), period_of(b).at("denominator"));
  // Item 6: params as typed values: within_days blank (null), within_months an integer.
  EXPECT_EQ(a.at("params"),
            (json{{"event_type", "PEP"}, {"within_days", nullptr}, {"within_months", 6}}));
}

TEST(CliParameters, BothAlternativesInOneEntryIsAnErrorNamingBoth) {
  TempDir tmp;
  write_entries(tmp,
                "  - use: cla.recent_event\n"
                "    params: { within_days: 30, within_months: 6 }\n");
  const Result r = run_quarter(tmp);
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err,
            "error: scorecard.yaml:5:32: parameters 'within_days' and 'within_months' of "
            "indicator 'cla.recent_event' are alternatives: set one of them (the other is set at "
            "scorecard.yaml:5:15)\n");
}

// The standard set's PEP 6M sets within_months: 6; an override with within_days counts days.
TEST(CliParameters, AnOverridesAlternativeReplacesTheSets) {
  TempDir tmp;
  write_entries(tmp,
                "  - include: standard\n"
                "  - code: PEP 6M\n"
                "    params: { within_days: 30 }\n");
  const Result r = scorecard({"describe", "PEP 6M", "--config", "scorecard.yaml"}, tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(contains(r.out,
                       "within_days (integer, may be blank), default 42; this "
                       "configuration: 30\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out,
                       "within_months (integer, may be blank), default blank; this "
                       "configuration: blank (another parameter is set instead)\n"))
      << r.out;
}

// ---------------------------------------------------------------------------------------
// Item 6: `scorecard describe`, and typed defaults in `plugins list --json`.

TEST(CliDescribe, ByCodePrintsTheDefinitionAnAnalystChecks) {
  const Result r = scorecard({"describe", "NI 62"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const Result as_json = scorecard({"describe", "cla.stability.short_term", "--json"});
  ASSERT_EQ(as_json.exit_code, kOk) << describe(as_json);
  const json d = json::parse(as_json.out);
  EXPECT_EQ(d.at("code"), "NI 62");
  // The text holds what the plugin declares, as the JSON does.
  const std::string name = d.at("name"), source = d.at("definition_source");
  EXPECT_EQ(lines_of(r.out).front(), "NI 62: " + name);
  EXPECT_TRUE(contains(r.out, "  id          cla.stability.short_term (indicator version "))
      << r.out;
  EXPECT_TRUE(contains(r.out, "  definition  " + source + "\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  unit        percent, 1 decimal place\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  polarity    lower_is_better\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  period      snapshot: as at the last day of the period\n"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "    window_months (integer), default 12\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "    placement_rne (list), default [\"S\",\"P\",\"B\"]\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "    episodes: CHILD (string), DECOM (date)")) << r.out;
  // Parameter defaults are typed JSON values.
  std::map<std::string, json> defaults;
  for (const auto& p : d.at("parameters")) defaults[p.at("name")] = p.at("default");
  EXPECT_EQ(defaults.at("window_months"), 12);
  EXPECT_EQ(defaults.at("placement_rne"), (json{"S", "P", "B"}));
  EXPECT_EQ(defaults.at("exclude_temporary"), true);
}

TEST(CliDescribe, UnknownCodeExits2SuggestingTheNearest) {
  const Result r = scorecard({"describe", "NI 622"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err.rfind("error: no indicator with code or id 'NI 622' in the installed plugins", 0),
            0u)
      << r.err;
  EXPECT_TRUE(contains(r.err, "did you mean 'NI 62'?")) << r.err;
  // A code only a configuration gives: --config finds it, with its parameters as set.
  const Result set_code = scorecard({"describe", "SEEN 6W"});
  EXPECT_EQ(set_code.exit_code, kUsage) << describe(set_code);
  EXPECT_TRUE(contains(set_code.err, "needs --config")) << set_code.err;
  const Result in_config =
      scorecard({"describe", "SEEN 6W", "--config", kDemoConfig.string(), "--json"});
  ASSERT_EQ(in_config.exit_code, kOk) << describe(in_config);
  const json d = json::parse(in_config.out);
  EXPECT_EQ(d.at("id"), "cla.recent_event");
  EXPECT_EQ(d.at("set"), "standard");
  for (const auto& p : d.at("parameters")) {
    if (p.at("name") == "event_type") {
      EXPECT_EQ(p.at("value"), "VISIT");
    }
    if (p.at("name") == "within_days") {
      EXPECT_EQ(p.at("value"), 42);
    }
  }
}

TEST(CliPlugins, ListJsonGivesTypedDefaultsAndAlternatives) {
  const Result r = scorecard({"plugins", "list", "--json"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  std::map<std::string, json> params;  // "id/name" -> the parameter
  // The parsed document is kept: a range-for over a member of a temporary would dangle.
  const json doc = json::parse(r.out);
  for (const auto& plugin : doc.at("plugins"))
    for (const auto& ind : plugin.at("indicators"))
      for (const auto& p : ind.at("parameters"))
        params[ind.at("id").get<std::string>() + "/" + p.at("name").get<std::string>()] = p;
  EXPECT_EQ(params.at("cla.recent_event/within_days").at("default"), 42);
  EXPECT_EQ(params.at("cla.recent_event/within_days").at("alternatives"),
            json::array({"within_months"}));
  EXPECT_EQ(params.at("cla.recent_event/within_months").at("default"), nullptr);
  EXPECT_EQ(params.at("cla.recent_event/within_months").at("may_be_blank"), true);
  EXPECT_EQ(params.at("cla.recent_event/event_type").at("default"), "VISIT");
  EXPECT_TRUE(params.at("workforce.turnover/leaving_reasons").at("default").is_array());
  EXPECT_EQ(params.at("workforce.turnover/leaving_reasons").at("default").at(0), "RESIGNED");
  EXPECT_EQ(params.at("cla.placed_over_20_miles/miles").at("default"), 20.0);
}

// ---------------------------------------------------------------------------------------
// Item 7: `plugins list --config FILE` lists what that configuration loads.

TEST(CliPlugins, ListWithAConfigLoadsItsFoldersAndPins) {
  TempDir tmp;
  const std::string fixtures = kFixturePlugins.string();
  write_entries(tmp, "  - use: cla.count\n", "plugins: { directories: [\"" + fixtures + "\"] }\n");
  const fs::path listed = kFixturePlugins / "cli_fixtures.so";
  auto status_of = [&](const Result& r) -> std::string {
    const json doc = json::parse(r.out);  // kept: a range-for over a temporary's member dangles
    for (const auto& f : doc.at("plugins"))
      if (f.at("file") == listed.string()) return f.at("status");
    return "(not listed)";
  };
  const Result plain = scorecard({"plugins", "list", "--json"}, tmp.path());
  EXPECT_EQ(status_of(plain), "(not listed)");
  const Result with =
      scorecard({"plugins", "list", "--config", "scorecard.yaml", "--json"}, tmp.path());
  ASSERT_EQ(with.exit_code, kOk) << describe(with);
  EXPECT_EQ(status_of(with), "ok");
  // A pin that does not match: the configuration would refuse it, and so does the listing.
  write_entries(tmp, "  - use: cla.count\n",
                "plugins:\n  directories: [\"" + fixtures +
                    "\"]\n  sha256: { cli_fixtures.so: " + std::string(64, '0') + " }\n");
  const Result pinned =
      scorecard({"plugins", "list", "--config", "scorecard.yaml", "--json"}, tmp.path());
  EXPECT_EQ(pinned.exit_code, kIncomplete) << describe(pinned);
  EXPECT_EQ(status_of(pinned), "refused");
  // A bad configuration is reported as by run: exit 2, file:line:column.
  write_file(tmp / "bad.yaml", "authority: { name: X }\ndata: { diretory: d }\n");
  const Result bad = scorecard({"plugins", "list", "--config", "bad.yaml"}, tmp.path());
  EXPECT_EQ(bad.exit_code, kUsage) << describe(bad);
  EXPECT_EQ(bad.err.rfind("error: bad.yaml:2:9: unknown key 'diretory' in data", 0), 0u) << bad.err;
}

// ---------------------------------------------------------------------------------------
// Item 5: `scorecard init --data DIR`.

// What init printed: code -> "" (can compute) or "status: message" (cannot).
std::map<std::string, std::string> init_verdicts(const std::string& out) {
  std::map<std::string, std::string> verdicts;
  bool can = false, cannot = false;
  for (const auto& line : lines_of(out)) {
    if (line.rfind("can compute (", 0) == 0) {
      can = true;
      continue;
    }
    if (line.rfind("cannot compute (", 0) == 0) {
      can = false, cannot = true;
      continue;
    }
    if (line.rfind("  ", 0) != 0 || (!can && !cannot)) continue;
    const size_t open = line.find(" (");
    const size_t close = line.find(')', open);
    const std::string code = line.substr(2, open - 2);
    verdicts[code] = can ? "" : line.substr(close + 2);
  }
  return verdicts;
}

TEST(CliInit, ThePrintedListIsWhatRunThenDoes) {
  TempDir tmp;
  // The demo's extracts without oc3.csv, and a header.csv whose DOB is "Date of Birth".
  link_demo_data(tmp / "extracts", {"oc3.csv", "header.csv"});
  std::string header = read_file(kDemoData / "header.csv");
  const size_t dob = header.find("DOB");
  ASSERT_NE(dob, std::string::npos);
  ASSERT_LT(dob, header.find('\n'));
  header.replace(dob, 3, "Date of Birth");
  write_file(tmp / "extracts/header.csv", header);

  const Result init = scorecard(
      {"init", "--data", "extracts", "--out", "config/scorecard.yaml", "--log-level", "error"},
      tmp.path());
  ASSERT_EQ(init.exit_code, kIncomplete) << describe(init);
  EXPECT_EQ(lines_of(init.out).front(), "wrote config/scorecard.yaml");
  EXPECT_TRUE(has_line(init.out,
                       "guessed rename (commented out in the file): header.DOB is 'Date of Birth'"))
      << init.out;
  const std::string written = read_file(tmp / "config/scorecard.yaml");
  EXPECT_TRUE(contains(written, "  directory: \"../extracts\"\n")) << written;
  EXPECT_TRUE(contains(written, "  #   header: { DOB: \"Date of Birth\" }\n")) << written;
  EXPECT_TRUE(contains(written, "  - include: standard")) << written;

  const std::map<std::string, std::string> verdicts = init_verdicts(init.out);
  const Result run = run_quarter(tmp, "config/scorecard.yaml");
  ASSERT_EQ(run.exit_code, kIncomplete) << describe(run);
  const json card = read_json(tmp / "out/scorecard.json");
  ASSERT_EQ(verdicts.size(), card.at("indicators").size()) << init.out;
  std::set<std::string> not_computed;
  for (const auto& ind : card.at("indicators")) {
    const std::string code = ind.at("code"), status = ind.at("status");
    SCOPED_TRACE(code);
    ASSERT_TRUE(verdicts.count(code)) << init.out;
    const std::string expected =
        status == "ok" ? "" : status + ": " + ind.at("message").get<std::string>();
    EXPECT_EQ(verdicts.at(code), expected);
    if (status != "ok") not_computed.insert(code);
  }
  // What is missing here: oc3 (care leavers' activity), DOB, and the population.
  EXPECT_TRUE(not_computed.count("EET")) << init.out;
  EXPECT_TRUE(not_computed.count("CLA rate")) << init.out;
  EXPECT_GT(not_computed.size(), 2u);
  EXPECT_LT(not_computed.size(), card.at("indicators").size());

  // init never overwrites a configuration.
  const Result again =
      scorecard({"init", "--data", "extracts", "--out", "config/scorecard.yaml"}, tmp.path());
  EXPECT_EQ(again.exit_code, kUsage) << describe(again);
  EXPECT_EQ(read_file(tmp / "config/scorecard.yaml"), written);
}

TEST(CliInit, OnTheDemoDataEveryIndicatorButTheRateComputes) {
  TempDir tmp;
  const Result init =
      scorecard({"init", "--data", kDemoData.string(), "--log-level", "error"}, tmp.path());
  ASSERT_EQ(init.exit_code, kIncomplete) << describe(init);
  const std::map<std::string, std::string> verdicts = init_verdicts(init.out);
  for (const auto& [code, verdict] : verdicts)
    EXPECT_EQ(verdict.empty(), code != "CLA rate") << code << ": " << verdict;
  EXPECT_FALSE(contains(init.out, "guessed rename")) << init.out;
  const std::string written = read_file(tmp / "scorecard.yaml");
  EXPECT_FALSE(contains(written, "columns:")) << written;
}

TEST(CliInit, AFolderThatIsNotThereExits2) {
  TempDir tmp;
  const Result r = scorecard({"init", "--data", "nowhere"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err, "error: --data nowhere: no such folder\n");
  EXPECT_FALSE(fs::exists(tmp / "scorecard.yaml"));
}

}  // namespace
}  // namespace scorecard::cli_test
