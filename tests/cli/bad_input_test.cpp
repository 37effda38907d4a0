// Bad inputs through the real executable: every data fault of tests/datasets/bad/ under both
// error policies, every configuration fault of tests/config/data/bad/, and the faults only
// the command line can make. Each case asserts the exact message (file, line and column where
// there is one) and the exit code: 2 bad usage or configuration, 3 bad data.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

const fs::path kDataCorpus = kSource / "tests" / "datasets" / "bad";
const fs::path kConfigCorpus = kSource / "tests" / "config" / "data" / "bad";

// ---------------------------------------------------------------------------------------
// Data faults: tests/datasets/bad/<case>/ with expected.txt (the message relative to the
// folder, then `report: row` or `report: file`).

struct DataCase {
  std::string folder;
  // Indicators that read the faulty column (the clitest.* ones, from tests/cli/fixtures, read
  // every column of a dataset no standard indicator reads in full).
  std::vector<std::string> indicators;
  // The exit code under on_error: report for a row fault: 0 when every indicator computes
  // from the rows left, 1 when the folder lacks something an indicator needs.
  int report_exit = kOk;
};

const std::vector<std::string> kEpisodes = {"cla.count", "cla.starts"};

const std::vector<DataCase> kDataCases = {
    {"episodes_bad_date", kEpisodes},
    {"episodes_binary_garbage", kEpisodes},
    {"episodes_blank_child", kEpisodes},
    {"episodes_blank_line_in_middle", kEpisodes},
    {"episodes_dec_before_decom", kEpisodes},
    {"episodes_duplicate_header", kEpisodes},
    {"episodes_empty_file", kEpisodes},
    {"episodes_excel_workbook", kEpisodes},
    {"episodes_long_row", kEpisodes},
    {"episodes_missing_decom", kEpisodes},
    // The folder's episodes.csv has only CHILD, URN, DECOM and RNE: no DEC, LS or PLACE.
    {"episodes_quoted_newline_bad_date", kEpisodes, kIncomplete},
    {"episodes_short_row", kEpisodes},
    {"episodes_unknown_code", kEpisodes},
    {"episodes_unterminated_quote", kEpisodes},
    {"episodes_utf16", kEpisodes},
    {"header_invalid_utf8", {"clitest.header"}},
    {"header_unknown_sex", {"clitest.header"}},
    {"oc2_bad_integer", {"clitest.oc2"}},
    {"oc3_unknown_in_touch", {"care_leavers.eet"}},
    {"referrals_bad_flag", {"clitest.referrals"}},
    {"workforce_fte_not_a_number", {"workforce.turnover"}},
};

struct Expected {
  std::string message;  // with the folder's path in front, as the program prints it
  bool row = false;     // report: row (else report: file)
  std::string file;
  int line = 0, column = 0;
};

Expected expected_for(const std::string& folder) {
  const fs::path dir = kDataCorpus / folder;
  std::ifstream in(dir / "expected.txt");
  std::string message, policy;
  std::getline(in, message);
  std::getline(in, policy);
  Expected e;
  e.message = (dir / message).string();
  e.row = policy == "report: row";
  // "episodes.csv:3:8: ..." -> file, line, column
  const auto c1 = message.find(':'), c2 = message.find(':', c1 + 1), c3 = message.find(':', c2 + 1);
  e.file = (dir / message.substr(0, c1)).string();
  e.line = std::stoi(message.substr(c1 + 1, c2 - c1 - 1));
  e.column = std::stoi(message.substr(c2 + 1, c3 - c2 - 1));
  return e;
}

Result run_case(const TempDir& tmp, const DataCase& c, const std::string& on_error) {
  write_config(tmp / "scorecard.yaml", kDataCorpus / c.folder, c.indicators, on_error,
               {kFixturePlugins});
  return scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3", "--history", "0",
                    "--out", "out", "--log-level", "error"},
                   tmp.path());
}

TEST(CliDataCorpus, EveryFolderOfTheCorpusHasACase) {
  std::set<std::string> listed;
  for (const auto& c : kDataCases) listed.insert(c.folder);
  for (const auto& entry : fs::directory_iterator(kDataCorpus)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(listed.count(name)) << name << " is in " << kDataCorpus
                                    << " but not in kDataCases: add it with indicators that "
                                       "read its faulty column";
  }
  EXPECT_GE(kDataCases.size(), 20u);
}

class CliDataFault : public testing::TestWithParam<DataCase> {};

// Under on_error: fail every fault stops the run with exit 3, the exact message, and no report.
TEST_P(CliDataFault, FailPolicyExits3WithTheMessageAndWritesNothing) {
  const DataCase& c = GetParam();
  const Expected want = expected_for(c.folder);
  TempDir tmp;
  const Result r = run_case(tmp, c, "fail");
  EXPECT_EQ(r.exit_code, kBadData) << describe(r);
  EXPECT_EQ(r.err, "error: " + want.message + "\n") << describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(tmp / "out/scorecard.json"));
}

// Under on_error: report a bad row is left out and listed in the JSON's data_quality and in
// the HTML's data-quality section (never silently dropped); a file that is not a table still
// stops the run with exit 3.
TEST_P(CliDataFault, ReportPolicyListsTheRowOrRefusesTheFile) {
  const DataCase& c = GetParam();
  const Expected want = expected_for(c.folder);
  TempDir tmp;
  const Result r = run_case(tmp, c, "report");
  if (!want.row) {
    EXPECT_EQ(r.exit_code, kBadData) << describe(r);
    EXPECT_EQ(r.err, "error: " + want.message + "\n") << describe(r);
    EXPECT_FALSE(fs::exists(tmp / "out/scorecard.json"));
    return;
  }
  EXPECT_EQ(r.exit_code, c.report_exit) << describe(r);
  ASSERT_TRUE(fs::exists(tmp / "out/scorecard.json")) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  const json& issues = card.at("data_quality");
  ASSERT_EQ(issues.size(), 1u) << issues.dump(2);
  const json& issue = issues.front();
  EXPECT_EQ(issue.at("message"), want.message);
  EXPECT_EQ(issue.at("file"), want.file);
  EXPECT_EQ(issue.at("line"), want.line);
  EXPECT_EQ(issue.at("column"), want.column);
  EXPECT_EQ(issue.at("dataset"), c.folder.substr(0, c.folder.find('_')));

  const std::string html = read_file(tmp / "out/scorecard.html");
  const auto section = html.find("id=\"data-quality\"");
  ASSERT_NE(section, std::string::npos);
  EXPECT_TRUE(contains(html.substr(section), html_escape(want.message)))
      << "the HTML's data-quality section does not show " << want.message;

  // Every indicator either computed from the rows that are left or says why not.
  for (const auto& ind : card.at("indicators"))
    EXPECT_EQ(ind.at("status") == "ok", c.report_exit == kOk) << ind.at("message");
}

INSTANTIATE_TEST_SUITE_P(Corpus, CliDataFault, testing::ValuesIn(kDataCases),
                         [](const testing::TestParamInfo<DataCase>& info) {
                           return info.param.folder;
                         });

// The kept rows are the rows read less the one reported: the fixture counts them.
TEST(CliDataCorpus, ReportPolicyKeepsEveryOtherRow) {
  TempDir tmp;
  const DataCase c{"header_unknown_sex", {"clitest.header"}};
  const Result r = run_case(tmp, c, "report");
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  // header.csv has two children; the second's SEX is 3.
  EXPECT_EQ(period_of(card.at("indicators").at(0)).at("value"), 1);
}

// ---------------------------------------------------------------------------------------
// Configuration faults: tests/config/data/bad/*.yaml, with the messages config_test checks.

struct ConfigCase {
  std::string file;
  int line, column;
  std::string message;       // after "file:line:column: ", in full or its beginning
  std::string at_file = "";  // the file the error is in, when not `file` itself
};

const std::string kBadDir = kConfigCorpus.string();

const std::vector<ConfigCase> kConfigCases = {
    {"unknown_key.yaml", 3, 3,
     "unknown key 'diretory' in data (expected one of: directory, columns, on_error, returns); did "
     "you "
     "mean 'directory'?"},
    {"unknown_key_top.yaml", 1, 1,
     "unknown key 'autority' at the top level (expected one of: authority, plugins, data, "
     "indicators, report, benchmarks); did you mean 'authority'?"},
    {"unknown_benchmark.yaml", 5, 19,
     "unknown key 'englnd' in the benchmarks of indicator 'cla.count' (expected one of: "
     "england, statistical_neighbours, region); did you mean 'england'?"},
    {"wrong_type_population.yaml", 3, 20,
     "'population_0_17' in authority: expected a number of children (0 or more), got 'lots'"},
    {"wrong_type_target.yaml", 5, 13,
     "'target' in indicator 'cla.count': expected a number, or a mapping of period to number "
     "such as { \"2018-19 Q3\": 24 }, got 'high'"},
    {"wrong_type_timeout.yaml", 3, 14,
     "'timeout_s' in plugins: expected a number of seconds above 0, got 'soon'"},
    {"wrong_type_suppress.yaml", 6, 13,
     "'suppress' in report: expected true or false, got 'maybe'"},
    {"wrong_type_decimals.yaml", 5, 15,
     "'decimals' in indicator 'cla.count': expected a whole number from 0 to 10, got '1.5'"},
    {"wrong_type_params.yaml", 5, 13,
     "'params' in indicator 'cla.count': expected a mapping of parameter name to value, got a "
     "list"},
    {"wrong_type_directory.yaml", 2, 20, "'directory' in data: expected a path, got a list"},
    {"bad_polarity.yaml", 5, 15,
     "'polarity' in indicator 'cla.count': expected one of: higher_is_better, lower_is_better, "
     "neutral, got 'upwards'"},
    {"bad_sha256.yaml", 3, 23,
     "'local.so' in plugins.sha256: expected a SHA-256 digest (64 hexadecimal digits), got "
     "'abc123'"},
    {"missing_authority_name.yaml", 2, 3, "missing required key 'name' in authority"},
    {"missing_authority.yaml", 1, 1, "missing required key 'authority' at the top level"},
    {"missing_data_directory.yaml", 3, 3, "missing required key 'directory' in data"},
    {"missing_indicators.yaml", 1, 1, "missing required key 'indicators' at the top level"},
    {"bad_on_error.yaml", 4, 13, "'on_error' in data: expected one of: fail, report, got 'maybe'"},
    {"bad_tolerance.yaml", 5, 16,
     "'tolerance' in indicator 'cla.count': expected a number of points (0 or more) or a "
     "percentage of the target such as \"5%\", got '-2'"},
    {"bad_tolerance_percent.yaml", 5, 16,
     "'tolerance' in indicator 'cla.count': expected a number of points (0 or more) or a "
     "percentage of the target such as \"5%\", got 'five%'"},
    {"bad_target_period.yaml", 5, 15,
     "a key in the target of indicator 'cla.count' must be a period: '2018-19 Q5' is not a "
     "period: expected a reporting year (2018-19)"},
    {"include_missing.yaml", 4, 14,
     "'include' in an indicators entry: expected an indicator set file, but there is no file '" +
         kBadDir + "/sets/no_such_set.yaml'"},
    {"include_unknown_set_name.yaml", 4, 14,
     "'include' in an indicators entry: no indicator set named 'standrd' in " +
         (kSource / "indicators").string() +
         " (the sets there: corporate-parenting-board, standard; a set file of your own is "
         "included by its path, such as sets/standrd.yaml); did you mean 'standard'?"},
    {"include_cycle.yaml", 3, 14,
     "include cycle: " + kBadDir + "/include_cycle.yaml -> " + kBadDir + "/sets/cycle_a.yaml -> " +
         kBadDir + "/sets/cycle_b.yaml -> " + kBadDir +
         "/sets/cycle_a.yaml (an indicator set cannot include itself)",
     "sets/cycle_b.yaml"},
    {"include_self.yaml", 4, 14,
     "include cycle: " + kBadDir + "/include_self.yaml -> " + kBadDir + "/include_self.yaml"},
    {"use_and_include.yaml", 4, 5,
     "'use' cannot be written beside 'include' (an entry either includes a set or uses an "
     "indicator)"},
    {"override_unknown_code.yaml", 5, 5,
     "missing required key 'use' in indicator 'NI 62' (no earlier entry has code 'NI 62' for "
     "this one to override)"},
    {"use_swapped_by_code.yaml", 5, 5,
     "code 'X1' already names the entry at " + kBadDir +
         "/use_swapped_by_code.yaml:4:5, which uses 'cla.count', but this entry uses "
         "'cla.starts': give this one its own code, or leave out 'use' to override that entry"},
    {"entry_without_use.yaml", 4, 5,
     "missing required key 'use' in an indicators entry (an entry names an indicator id with "
     "'use', includes a set with 'include', or overrides an earlier entry by its 'code')"},
    {"syntax_error.yaml", 3, 11,
     "invalid YAML: end of map flow not found (expected '}' to close a { ... } mapping)"},
    {"syntax_error_in_set.yaml", 2, 11,
     "invalid YAML: illegal map value (expected one 'key: value' per line, indented under its "
     "parent (quote a value that contains ': '))",
     "sets/syntax_error.yaml"},
    {"tab_indentation.yaml", 3, 1, "invalid YAML: a tab in the indentation (expected spaces)"},
    {"duplicate_key.yaml", 5, 3,
     "duplicate key 'directory' in data (first written at line 3, column 3)"},
    {"empty.yaml", 1, 1,
     "the file is empty: expected a mapping with authority, data and indicators"},
    {"comments_only.yaml", 1, 1,
     "the file is empty: expected a mapping with authority, data and indicators"},
    {"not_a_mapping.yaml", 1, 1,
     "expected a mapping with authority, data and indicators, got a list"},
    {"indicators_empty.yaml", 3, 13,
     "'indicators' at the top level: expected at least one indicator, got an empty list"},
    {"indicators_only_empty_sets.yaml", 4, 3,
     "'indicators' at the top level: expected at least one indicator, got only sets with none"},
};

class CliConfigFault : public testing::TestWithParam<ConfigCase> {};

// `run` and `validate` both refuse the file with exit 2, naming file, line and column.
TEST_P(CliConfigFault, RunAndValidateExit2NamingFileLineColumn) {
  const ConfigCase& c = GetParam();
  const fs::path file = kConfigCorpus / c.file;
  const fs::path at = c.at_file.empty() ? file : kConfigCorpus / c.at_file;
  const std::string want = "error: " + at.string() + ":" + std::to_string(c.line) + ":" +
                           std::to_string(c.column) + ": " + c.message;
  TempDir tmp;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", "--config", file.string(), "--period", "2018-19 Q3", "--out", "out"},
           {"validate", "--config", file.string()}}) {
    SCOPED_TRACE(args.front());
    std::vector<std::string> all = args;
    all.insert(all.end(), {"--log-level", "error"});
    const Result r = scorecard(all, tmp.path());
    EXPECT_EQ(r.exit_code, kUsage) << describe(r);
    EXPECT_EQ(r.err.substr(0, want.size()), want) << describe(r);
    EXPECT_EQ(lines_of(r.err).size(), 1u) << describe(r);
    EXPECT_EQ(r.out, "");
  }
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

INSTANTIATE_TEST_SUITE_P(Corpus, CliConfigFault, testing::ValuesIn(kConfigCases),
                         [](const testing::TestParamInfo<ConfigCase>& info) {
                           return info.param.file.substr(0, info.param.file.find('.'));
                         });

TEST(CliConfigCorpus, EveryFileOfTheCorpusHasACase) {
  std::set<std::string> listed;
  for (const auto& c : kConfigCases) listed.insert(c.file);
  for (const auto& entry : fs::directory_iterator(kConfigCorpus)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      EXPECT_TRUE(listed.count(entry.path().filename().string())) << entry.path();
    }
  }
}

// ---------------------------------------------------------------------------------------
// Faults only the command line (or the run's start, after the file is read) can make.

// Runs `run` with the demo configuration and the extra arguments, in a fresh folder.
Result run_demo_with(const TempDir& tmp, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"run",         "--config", kDemoConfig.string(), "--out", "out",
                                "--log-level", "error"};
  args.insert(args.end(), extra.begin(), extra.end());
  return scorecard(args, tmp.path());
}

TEST(CliCommandLine, PeriodThatDoesNotParse) {
  TempDir tmp;
  const Result r = run_demo_with(tmp, {"--period", "2018-19 Q5"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err,
            "error: '2018-19 Q5' is not a period: expected a reporting year (2018-19), a quarter "
            "(2018-19 Q3 or 2018/19 Q3), a month (2019-01) or a date (2019-03-31 or "
            "31/03/2019)\n");
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(CliCommandLine, AsAtThatIsNotADate) {
  TempDir tmp;
  const Result r = run_demo_with(tmp, {"--as-at", "2019-02-30"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err,
            "error: --as-at '2019-02-30' is not a date (expected yyyy-mm-dd or dd/mm/yyyy)\n");
}

TEST(CliCommandLine, MissingPeriod) {
  TempDir tmp;
  const Result r = run_demo_with(tmp, {});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err, "error: run needs --period (e.g. \"2018-19 Q3\") or --as-at\n");
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(CliCommandLine, PeriodAndAsAtTogether) {
  TempDir tmp;
  const Result r = run_demo_with(tmp, {"--period", "2018-19", "--as-at", "2019-03-31"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "--period excludes --as-at")) << describe(r);
}

TEST(CliCommandLine, MissingConfigOption) {
  const Result r = scorecard({"run", "--period", "2018-19 Q3"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "--config is required")) << describe(r);
}

TEST(CliCommandLine, ConfigurationFileThatDoesNotExist) {
  TempDir tmp;
  const Result r =
      scorecard({"run", "--config", "nowhere.yaml", "--period", "2018-19 Q3"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err, "error: nowhere.yaml: cannot read 'nowhere.yaml': there is no such file\n");
}

TEST(CliCommandLine, UnknownCommand) {
  const Result r = scorecard({"frobnicate"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  // The message must name what was not understood, not only say a command is required.
  EXPECT_TRUE(contains(r.err, "frobnicate")) << "BUG: an unknown command is not named\n"
                                             << describe(r);
}

TEST(CliCommandLine, NoCommand) {
  const Result r = scorecard({});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "A subcommand is required")) << describe(r);
}

TEST(CliCommandLine, UnknownOption) {
  TempDir tmp;
  const Result r = run_demo_with(tmp, {"--period", "2018-19 Q3", "--frobnicate"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "The following argument was not expected: --frobnicate"))
      << describe(r);
  EXPECT_FALSE(fs::exists(tmp / "out"));
}

TEST(CliCommandLine, UnknownLogLevel) {
  const Result r = scorecard({"--log-level", "loud", "plugins", "list"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "--log-level: loud not in {trace,debug,info,warn,error,off}"))
      << describe(r);
}

TEST(CliCommandLine, HistoryThatIsNotANumber) {
  TempDir tmp;
  const Result r = run_demo_with(tmp, {"--period", "2018-19 Q3", "--history", "lots"});
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "--history: Value lots not in range 0 to 40")) << describe(r);
}

// report.history_quarters must be 0 to 40; --history overrides it and should be held to the
// same range rather than quietly taking the default (for -3) or computing 101 periods.
TEST(CliCommandLine, HistoryOutOfRange) {
  for (const char* n : {"-3", "41"}) {
    SCOPED_TRACE(n);
    TempDir tmp;
    const Result r = run_demo_with(tmp, {"--period", "2018-19 Q3", "--history", n});
    EXPECT_EQ(r.exit_code, kUsage) << "BUG: --history " << n << " is accepted\n" << describe(r);
    EXPECT_TRUE(contains(r.err, "--history")) << describe(r);
  }
}

TEST(CliCommandLine, DemoDataWithANegativeNumberOfChildren) {
  TempDir tmp;
  const Result r = scorecard({"demo-data", "--out", "data", "--children", "-1"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has_line(r.err, "--children: Value -1 not in range 0 to 100000000")) << describe(r);
  EXPECT_FALSE(fs::exists(tmp / "data"));
}

// A configuration that parses but whose indicators the plugins do not know, or whose
// parameters they do not declare or of the wrong type: exit 2 at the line and column.
class CliStartFault : public testing::Test {
 protected:
  Result run_with(const std::string& indicators) {
    write_file(tmp_ / "scorecard.yaml",
               "authority: { name: Test Borough }\n"
               "data: { directory: \"" +
                   (kDemo / "data").string() +
                   "\" }\n"
                   "indicators:\n" +
                   indicators);
    return scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3", "--out", "out",
                      "--log-level", "error"},
                     tmp_.path());
  }
  void expect_usage(const Result& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, kUsage) << describe(r);
    EXPECT_EQ(r.err, "error: " + message + "\n");
    EXPECT_FALSE(fs::exists(tmp_ / "out"));
  }
  TempDir tmp_;
};

TEST_F(CliStartFault, UnknownIndicatorId) {
  expect_usage(run_with("  - use: cla.count\n"
                        "  - use: cla.frobnicate\n"),
               "scorecard.yaml:5:5: no plugin exports indicator 'cla.frobnicate' (`scorecard "
               "plugins list --config " +
                   (tmp_ / "scorecard.yaml").string() + "` shows what this configuration loads)");
}

TEST_F(CliStartFault, UndeclaredParameter) {
  expect_usage(run_with("  - use: cla.permanence\n"
                        "    params: { exclude_aged_18: true }\n"),
               "scorecard.yaml:5:15: unknown parameter 'exclude_aged_18' for indicator "
               "'cla.permanence' (expected one of: permanence_reasons, exclude_aged_18_leavers)");
}

TEST_F(CliStartFault, ParameterOfTheWrongType) {
  expect_usage(run_with("  - use: cla.permanence\n"
                        "    params: { exclude_aged_18_leavers: maybe }\n"),
               "scorecard.yaml:5:40: parameter 'exclude_aged_18_leavers': expected a boolean "
               "(true or false), got 'maybe'");
}

TEST_F(CliStartFault, IntegerParameterGivenText) {
  const Result r = run_with(
      "  - use: cla.stability.short_term\n"
      "    params: { window_months: twelve }\n");
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err.rfind("error: scorecard.yaml:5:30: parameter 'window_months': expected ", 0), 0u)
      << describe(r);
  EXPECT_TRUE(contains(r.err, "got 'twelve'")) << describe(r);
}

TEST_F(CliStartFault, MissingPluginDirectory) {
  write_file(tmp_ / "scorecard.yaml",
             "authority: { name: Test Borough }\n"
             "plugins: { directories: [no_such_plugins] }\n"
             "data: { directory: \"" +
                 (kDemo / "data").string() +
                 "\" }\n"
                 "indicators:\n"
                 "  - use: cla.count\n");
  const Result r = scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3",
                              "--out", "out", "--log-level", "error"},
                             tmp_.path());
  expect_usage(r, "plugin directory " + (tmp_ / "no_such_plugins").string() + " does not exist");
}

// A plugin others can write is refused (a warning naming it and why); an indicator only it
// exports is then unknown: exit 2. --allow-unsafe-plugins loads it.
TEST_F(CliStartFault, RefusedPluginsIndicatorIsUnknown) {
  fs::create_directories(tmp_ / "open");
  fs::copy_file(kFixturePlugins / "cli_fixtures.so", tmp_ / "open/cli_fixtures.so");
  fs::permissions(tmp_ / "open/cli_fixtures.so", fs::perms::others_write, fs::perm_options::add);
  write_config(tmp_ / "scorecard.yaml", kDemo / "data", {"clitest.header"}, "fail",
               {tmp_ / "open"});
  const std::vector<std::string> args = {"run",      "--config",   "scorecard.yaml",
                                         "--period", "2018-19 Q3", "--history",
                                         "0",        "--out",      "out"};
  const Result r = scorecard(args, tmp_.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  const std::string plugin = (tmp_ / "open/cli_fixtures.so").string();
  EXPECT_TRUE(has_line(r.err, "warning: plugin " + plugin + ": refused: " + plugin +
                                  " can be written by users other than its owner (chmod go-w "
                                  "it, or pass --allow-unsafe-plugins)"))
      << r.err;
  EXPECT_TRUE(contains(r.err,
                       "error: scorecard.yaml:9:5: no plugin exports indicator "
                       "'clitest.header'"))
      << r.err;
  EXPECT_FALSE(fs::exists(tmp_ / "out"));

  std::vector<std::string> unsafe = args;
  unsafe.push_back("--allow-unsafe-plugins");
  const Result allowed = scorecard(unsafe, tmp_.path());
  EXPECT_EQ(allowed.exit_code, kOk) << describe(allowed);
}

// A data folder that is not there is a mistake in the configuration (like a plugin folder
// that is not there: exit 2), not bad data: nothing was read that could be bad.
TEST_F(CliStartFault, DataDirectoryThatDoesNotExist) {
  write_config(tmp_ / "scorecard.yaml", tmp_ / "no_such_data", {"cla.count"});
  const Result r = scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3",
                              "--out", "out", "--log-level", "error"},
                             tmp_.path());
  EXPECT_EQ(r.err, "error: data folder " + (tmp_ / "no_such_data").string() + " does not exist\n");
  EXPECT_EQ(r.exit_code, kUsage) << "BUG: a missing data folder exits " << r.exit_code
                                 << " (bad data), a missing plugin folder exits 2\n"
                                 << describe(r);
  EXPECT_FALSE(fs::exists(tmp_ / "out"));
}

// --out naming a file that is not a folder is bad usage; nothing was wrong with the data.
TEST(CliCommandLine, OutThatIsAFile) {
  TempDir tmp;
  write_file(tmp / "taken", "not a folder\n");
  const Result r = scorecard({"run", "--config", kDemoConfig.string(), "--period", "2018-19 Q3",
                              "--out", "taken", "--log-level", "error"},
                             tmp.path());
  EXPECT_EQ(r.err, "error: cannot create output directory taken: Not a directory\n");
  EXPECT_EQ(r.exit_code, kUsage) << "BUG: an --out that is a file exits " << r.exit_code
                                 << " (bad data)\n"
                                 << describe(r);
  EXPECT_EQ(read_file(tmp / "taken"), "not a folder\n");
}

}  // namespace
}  // namespace scorecard::cli_test
