// `scorecard test FILE.yaml`: a test file that passes, one that fails (each failure shown as
// expected against got), and bad test files (exit 2, file:line:column), all run through the
// built program as an analyst would run it.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

fs::path write(const TempDir& tmp, const std::string& name, const std::string& text) {
  const fs::path file = tmp / name;
  std::ofstream(file) << text;
  return file;
}

Result test_command(const TempDir& tmp, const std::string& text,
                    const std::vector<std::string>& extra = {}) {
  write(tmp, "t.yaml", text);
  std::vector<std::string> args{"test", "t.yaml"};
  args.insert(args.end(), extra.begin(), extra.end());
  return scorecard(args, tmp.path());
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Two children looked after at 31/03/2019 (C1 open, C2 ended after it); C3 ceased before it.
const char* const kTwoInCare = R"(tests:
  - name: two in care
    use: cla.count
    tables:
      episodes:
        columns: [CHILD, DECOM, RNE, LS, PLACE, DEC, REC, URN]
        rows:
          - [C1, 2018-01-01, S, C2, U4, ~, ~, X]
          - [C2, 2018-06-01, S, C2, U4, 2019-05-01, E4A, Y]
          - [C3, 2018-06-01, S, C2, U4, 2019-01-01, E4A, Z]
    expect:
      - period: 2018-19
        value: 2
)";

TEST(DefinitionTests, APassingFileExitsZero) {
  TempDir tmp;
  const Result r = test_command(tmp, kTwoInCare);
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(has(r.out, "t.yaml: 1 tests, 1 periods: all passed")) << r.out;
}

TEST(DefinitionTests, AFailureShowsExpectedAgainstGotAndExitsOne) {
  TempDir tmp;
  std::string text = kTwoInCare;
  text.replace(text.find("value: 2"), 8, "value: 3");
  const Result r = test_command(tmp, text);
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  // The expected period's "- period:" is on line 12, column 9.
  EXPECT_TRUE(has(r.out,
                  "FAIL t.yaml:12:9: \"two in care\" (cla.count), period 2018-19 "
                  "(counted 2019-03-31 to 2019-03-31)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "value: expected 3, got 2")) << r.out;
  EXPECT_TRUE(has(r.out, "1 failed")) << r.out;
}

// A ratio: numerator, denominator and value each compared; the value at the indicator's
// decimals (NI 62: 1), so 33.3 matches 1 of 3. Both children in care all year, C1 moved twice.
TEST(DefinitionTests, EachFigureIsComparedAndTheValueAtTheIndicatorsDecimals) {
  TempDir tmp;
  const std::string text = R"(tables:
  episodes:
    columns: [CHILD, DECOM, RNE, LS, PLACE, DEC, REC, URN]
    rows:
      - [C1, 2017-01-01, S, C2, U4, 2018-06-01, X1, A]
      - [C1, 2018-06-01, P, C2, U4, 2018-09-01, X1, B]
      - [C1, 2018-09-01, P, C2, U4, ~, ~, C]
      - [C2, 2017-01-01, S, C2, U4, ~, ~, D]
      - [C3, 2017-01-01, S, C2, U4, ~, ~, E]
tests:
  - name: right
    use: cla.stability.short_term
    expect:
      - { period: 2018-19, numerator: 1, denominator: 3, value: 33.3 }
  - name: wrong
    use: cla.stability.short_term
    expect:
      - { period: 2018-19, numerator: 2, denominator: 4, value: 33.4 }
)";
  const Result r = test_command(tmp, text);
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  EXPECT_FALSE(has(r.out, "\"right\"")) << r.out;
  EXPECT_TRUE(has(r.out, "numerator: expected 2, got 1")) << r.out;
  EXPECT_TRUE(has(r.out, "denominator: expected 4, got 3")) << r.out;
  EXPECT_TRUE(has(r.out,
                  "value: expected 33.4, got 33.3 (33.333333333333336 before rounding to 1 "
                  "decimal)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "2 tests, 2 periods: 1 failed")) << r.out;
}

// Any installed plugin, here one from --plugin-dir. The tables go through the loader as a CSV
// file would: identical rows count once (DATA.md rule 17), so three rows are two.
TEST(DefinitionTests, APluginFromPluginDirAndTheLoadersRules) {
  TempDir tmp;
  const std::string text = R"(tests:
  - name: identical rows count once
    use: clitest.header
    tables:
      header:
        - { CHILD: A, SEX: 1 }
        - { CHILD: A, SEX: 1 }
        - { CHILD: B }
    expect:
      - { period: 2018-19 Q3, value: 2 }
  - name: a plugin that fails
    use: clitest.throws
    tables:
      header: [{ CHILD: A }]
    expect:
      - { period: 2018-19 Q3, error: failed on purpose }
)";
  const Result r = test_command(tmp, text, {"--plugin-dir", kFixturePlugins.string()});
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  const Result without = test_command(tmp, text);
  EXPECT_EQ(without.exit_code, kUsage) << describe(without);
  EXPECT_TRUE(has(without.err, "t.yaml:3:10: no plugin exports indicator 'clitest.header'"))
      << without.err;
}

// --config takes the plugin folders a council's scorecard.yaml names.
TEST(DefinitionTests, TheConfiguredPluginDirectoriesApply) {
  TempDir tmp;
  write(tmp, "scorecard.yaml",
        "authority: { name: X }\nplugins: { directories: [" + kFixturePlugins.string() +
            "] }\ndata: { directory: data }\nindicators: [{ use: clitest.header }]\n");
  const Result r = test_command(tmp, R"(tests:
  - name: rows
    use: clitest.header
    tables:
      header: [{ CHILD: A }, { CHILD: B }]
    expect:
      - { period: 2018-19, value: 2 }
)",
                                {"--config", "scorecard.yaml"});
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
}

// No value at all is written `null`; an indicator that cannot be computed is a failure
// with its reason, not a crash.
TEST(DefinitionTests, NoValueAndNotComputed) {
  TempDir tmp;
  const std::string text = R"(tests:
  - name: nobody ceased, so no ratio
    use: cla.start_exit_ratio
    tables:
      episodes:
        - { CHILD: C1, DECOM: 2018-05-01, RNE: S, LS: C2, PLACE: U4, DEC: ~, REC: ~, URN: A }
    expect:
      - { period: 2018-19, numerator: 1, denominator: 0, value: null }
  - name: no episodes given
    use: cla.count
    expect:
      - { period: 2018-19, value: 1 }
)";
  const Result r = test_command(tmp, text);
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  EXPECT_FALSE(has(r.out, "nobody ceased")) << r.out;
  EXPECT_TRUE(has(r.out, "FAIL t.yaml:12:9: \"no episodes given\"")) << r.out;
  EXPECT_TRUE(has(r.out, "expected figures, got not_computed: needs dataset 'episodes'")) << r.out;
  EXPECT_FALSE(has(r.out, "scorecard-test-")) << r.out;  // not the temporary folder's name
}

struct BadFile {
  const char* what;
  std::string text;
  std::string message;  // in stderr
};

void PrintTo(const BadFile& f, std::ostream* os) { *os << f.what; }

class BadTestFiles : public ::testing::TestWithParam<BadFile> {};

std::string episodes_with(const std::string& row) {
  return "tests:\n"
         "  - name: one\n"
         "    use: cla.count\n"
         "    tables:\n"
         "      episodes:\n"
         "        - " +
         row +
         "\n"
         "    expect:\n"
         "      - { period: 2018-19, value: 1 }\n";
}

TEST_P(BadTestFiles, ExitTwoWithFileLineAndColumn) {
  TempDir tmp;
  const Result r = test_command(tmp, GetParam().text);
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_EQ(r.err.rfind("error: t.yaml:", 0), 0u) << r.err;
  EXPECT_TRUE(has(r.err, GetParam().message)) << r.err;
  EXPECT_EQ(r.out, "") << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadTestFiles,
    ::testing::Values(
        BadFile{"unknown_dataset",
                "tests:\n  - name: one\n    use: cla.count\n    tables:\n      episode: []\n"
                "    expect:\n      - { period: 2018-19, value: 1 }\n",
                "t.yaml:5:7: unknown dataset 'episode' in tables"},
        BadFile{"unknown_dataset_suggests",
                "tests:\n  - name: one\n    use: cla.count\n    tables:\n      episode: []\n"
                "    expect:\n      - { period: 2018-19, value: 1 }\n",
                "did you mean 'episodes'?"},
        BadFile{"unknown_column", episodes_with("{ CHILD: C1, DECOMM: 2018-01-01 }"),
                "t.yaml:6:24: unknown column 'DECOMM' in dataset 'episodes'"},
        // The loader's own check of a date cell, placed at the cell in the test file.
        BadFile{"bad_date", episodes_with("{ CHILD: C1, DECOM: 31/02/2018 }"),
                "t.yaml:6:31: in table episodes: DECOM "},
        BadFile{"bad_code", episodes_with("{ CHILD: C1, DECOM: 2018-01-01, RNE: Q }"),
                "t.yaml:6:48: in table episodes: RNE "},
        BadFile{"dec_before_decom",
                episodes_with("{ CHILD: C1, DECOM: 2018-01-01, DEC: 2017-01-01, REC: E11 }"),
                "t.yaml:6:48: in table episodes: DEC "},
        BadFile{"row_length",
                "tests:\n  - name: one\n    use: cla.count\n    tables:\n      episodes:\n"
                "        columns: [CHILD, DECOM]\n        rows:\n          - [C1]\n"
                "    expect:\n      - { period: 2018-19, value: 1 }\n",
                "t.yaml:8:13: a row of episodes: expected 2 values (one per column: CHILD, "
                "DECOM), got 1"},
        BadFile{"bad_period",
                "tests:\n  - name: one\n    use: cla.count\n    expect:\n"
                "      - { period: 2018-19 Q5, value: 1 }\n",
                "t.yaml:5:19: 'period': "},
        BadFile{"not_a_number",
                "tests:\n  - name: one\n    use: cla.count\n    expect:\n"
                "      - { period: 2018-19, value: lots }\n",
                "t.yaml:5:35: 'value' in an expected period: expected a number, or null for "
                "none, got 'lots'"},
        BadFile{"unknown_key",
                "tests:\n  - name: one\n    use: cla.count\n    expects:\n"
                "      - { period: 2018-19, value: 1 }\n",
                "t.yaml:4:5: unknown key 'expects' in a test"},
        BadFile{"unknown_indicator",
                "tests:\n  - name: one\n    use: cla.cuont\n    expect:\n"
                "      - { period: 2018-19, value: 1 }\n",
                "t.yaml:3:10: no plugin exports indicator 'cla.cuont'"},
        BadFile{"unknown_parameter",
                "tests:\n  - name: one\n    use: cla.stability.short_term\n"
                "    params: { min_placement: 2 }\n    expect:\n"
                "      - { period: 2018-19, value: 1 }\n",
                "t.yaml:4:15: "},
        BadFile{"nothing_expected",
                "tests:\n  - name: one\n    use: cla.count\n    expect:\n"
                "      - { period: 2018-19 }\n",
                "t.yaml:5:9: an expected period needs at least one of"},
        BadFile{"no_tests", "authority: { name: X }\n", "t.yaml:1:1: missing required key 'tests'"},
        BadFile{"not_yaml", "tests: [\n", "t.yaml:"}),
    [](const ::testing::TestParamInfo<BadFile>& info) { return std::string(info.param.what); });

TEST(DefinitionTests, AMissingFileIsBadUsage) {
  TempDir tmp;
  const Result r = scorecard({"test", "nowhere.yaml"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(has(r.err, "nowhere.yaml: cannot read 'nowhere.yaml': there is no such file"))
      << r.err;
}

}  // namespace
}  // namespace scorecard::cli_test
