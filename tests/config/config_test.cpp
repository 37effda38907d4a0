// The configuration stage: a full config, includes and sets, merging, targets, tolerances,
// the hash, and every bad config under data/bad/ with its exact file:line:column.
#include "core/config/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace scorecard::config {
namespace {
namespace fs = std::filesystem;

const fs::path kData = fs::path(SCORECARD_SOURCE_DIR) / "tests" / "config" / "data";

std::string error_of(const fs::path& file) {
  try {
    load(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no ConfigError)";
}

const IndicatorUse& use_with_key(const Config& c, const std::string& key) {
  for (const auto& u : c.indicators)
    if (u.key() == key) return u;
  throw std::runtime_error("no indicator " + key);
}

TEST(Load, FullConfigReadsEveryKey) {
  const fs::path file = kData / "full" / "scorecard.yaml";
  const Config c = load(file);
  const fs::path dir = kData / "full";
  EXPECT_EQ(c.path, file.lexically_normal());
  EXPECT_EQ(c.authority.name, "Demo Borough");
  EXPECT_EQ(c.authority.code, "E09000999");
  ASSERT_TRUE(c.authority.population_0_17);
  EXPECT_DOUBLE_EQ(*c.authority.population_0_17, 52000);
  EXPECT_EQ(c.postcode_centroids, dir / "data" / "postcode_centroids.csv");
  ASSERT_EQ(c.plugin_directories.size(), 2u);
  EXPECT_EQ(c.plugin_directories[0], dir / "plugins");
  EXPECT_EQ(c.plugin_directories[1], fs::path("/opt/scorecard/plugins"));
  EXPECT_EQ(c.isolation, Isolation::kProcess);
  EXPECT_DOUBLE_EQ(c.timeout_s, 30);
  EXPECT_EQ(c.memory_mb, 2048);
  ASSERT_EQ(c.sha256.size(), 1u);
  EXPECT_EQ(c.sha256.at("local_permanence.so"),
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  EXPECT_EQ(c.data_directory, dir / "data");
  EXPECT_EQ(c.renames.at("episodes").at("DECOM"), "StartDate");
  EXPECT_EQ(c.renames.at("episodes").at("DEC"), "EndDate");
  EXPECT_EQ(c.renames.at("header").at("CHILD"), "ChildId");
  EXPECT_EQ(c.on_error, OnError::kReport);
  EXPECT_EQ(c.history_quarters, 4);
  EXPECT_EQ(c.small_numbers, 3);
  EXPECT_TRUE(c.suppress);
  EXPECT_EQ(c.history_db, dir / "out" / "history.sqlite");
  EXPECT_EQ(c.hash.size(), 16u);

  // The set's entries come first, in place of the include; the later `code: NI 62` entry
  // merged into the set's entry rather than adding one.
  ASSERT_EQ(c.indicators.size(), 4u);
  EXPECT_EQ(c.indicators[0].key(), "NI 62");
  EXPECT_EQ(c.indicators[1].key(), "cla.count");
  EXPECT_EQ(c.indicators[2].key(), "cla.rate");
  EXPECT_EQ(c.indicators[3].key(), "VP7");

  const IndicatorUse& vp7 = c.indicators[3];
  EXPECT_EQ(vp7.id, "cla.permanence");
  EXPECT_EQ(vp7.set, "");
  EXPECT_EQ(vp7.name, "Children leaving care who achieved permanence");
  EXPECT_EQ(vp7.description, "Leavers to adoption, special guardianship or home, of all leavers.");
  EXPECT_EQ(vp7.theme, "Looked-after children");
  EXPECT_EQ(vp7.polarity, Polarity::kHigherIsBetter);
  EXPECT_EQ(vp7.decimals, 1);
  ASSERT_EQ(vp7.params.size(), 2u);
  EXPECT_EQ(vp7.params.at("exclude_aged_18_leavers").node.Scalar(), "true");
  EXPECT_EQ(vp7.params.at("exclude_aged_18_leavers").where.line, 29);
  ASSERT_TRUE(vp7.target);
  EXPECT_EQ(vp7.target->value, 25);
  EXPECT_TRUE(vp7.target->by_period.empty());
  ASSERT_TRUE(vp7.tolerance);
  EXPECT_DOUBLE_EQ(vp7.tolerance->value, 2.5);
  EXPECT_FALSE(vp7.tolerance->relative);
  EXPECT_EQ(vp7.benchmarks, (std::map<std::string, double>{
                                {"england", 23}, {"statistical_neighbours", 25}, {"region", 24}}));
  EXPECT_EQ(vp7.commentary.at("2018-19 Q3"), "Seven children left care at 18.");
  EXPECT_EQ(vp7.where.file, file.string());
  EXPECT_EQ(vp7.where.line, 22);
  EXPECT_EQ(vp7.where.column, 5);
}

TEST(Load, IncludesResolveRelativeToTheIncludingFileAndNameTheSet) {
  const Config c = load(kData / "full" / "scorecard.yaml");
  const IndicatorUse& ni62 = use_with_key(c, "NI 62");
  EXPECT_EQ(ni62.set, "standard");  // the `set:` key
  EXPECT_EQ(ni62.where.file, (kData / "full" / "sets" / "standard.yaml").string());
  EXPECT_EQ(ni62.where.line, 3);
  EXPECT_EQ(ni62.where.column, 5);
  const IndicatorUse& rate = use_with_key(c, "cla.rate");
  EXPECT_EQ(rate.set, "more");  // no `set:`: the file's stem
  EXPECT_EQ(rate.where.file, (kData / "full" / "sets" / "more.yaml").string());
  EXPECT_EQ(rate.params.at("per").where.line, 4);
}

// Runs the test from another folder and comes back, whatever happens.
class InFolder {
 public:
  explicit InFolder(const fs::path& dir) : before_(fs::current_path()) { fs::current_path(dir); }
  ~InFolder() { fs::current_path(before_); }

 private:
  fs::path before_;
};

// `include: standard` finds the sets scorecard comes with: here (a test program in the build
// tree) the source tree's indicators/, as for the scorecard built beside it.
TEST(Load, IncludeByNameFindsTheSetsScorecardComesWith) {
  const fs::path sets = fs::path(SCORECARD_SOURCE_DIR) / "indicators";
  EXPECT_EQ(sets_directory(), sets);
  EXPECT_EQ(installed_sets(), (std::vector<std::string>{"corporate-parenting-board", "standard"}));
  const Config c = load(kData / "by_name" / "scorecard.yaml");
  const IndicatorUse& ni62 = use_with_key(c, "NI 62");
  EXPECT_EQ(ni62.set, "standard");
  EXPECT_EQ(ni62.target->value, 9);
  EXPECT_EQ(ni62.where.file, (sets / "standard.yaml").string());
  const Config board = load(kData / "by_name" / "board.yaml");
  EXPECT_EQ(use_with_key(board, "SEEN 6W").set, "corporate-parenting-board");
  EXPECT_EQ(board.indicators.front().where.file,
            (sets / "corporate-parenting-board.yaml").string());
}

TEST(Load, MessagesNameFilesAsTheUserWroteThem) {
  const InFolder in(kData);
  const Config c = load("full/scorecard.yaml");
  EXPECT_EQ(use_with_key(c, "cla.rate").where.str(), "full/sets/more.yaml:3:5");
  EXPECT_EQ(c.path, kData / "full" / "scorecard.yaml");
  EXPECT_EQ(c.data_directory, kData / "full" / "data");
  EXPECT_EQ(error_of("bad/include_cycle.yaml"),
            "bad/sets/cycle_b.yaml:3:14: include cycle: bad/include_cycle.yaml -> "
            "bad/sets/cycle_a.yaml -> bad/sets/cycle_b.yaml -> bad/sets/cycle_a.yaml (an "
            "indicator set cannot include itself)");
}

TEST(Load, LaterEntryWithTheSameCodeOverridesTheSetsFields) {
  const Config c = load(kData / "full" / "scorecard.yaml");
  const IndicatorUse& ni62 = use_with_key(c, "NI 62");
  EXPECT_EQ(ni62.id, "cla.stability.short_term");
  EXPECT_EQ(ni62.target->value, 10);                   // the council's
  EXPECT_EQ(ni62.polarity, Polarity::kLowerIsBetter);  // the set's, kept
  ASSERT_TRUE(ni62.tolerance);
  EXPECT_DOUBLE_EQ(ni62.tolerance->value, 5);
  EXPECT_TRUE(ni62.tolerance->relative);
}

TEST(Load, MergeByCodeKeepsOrderAndMergesMapsKeyByKey) {
  const Config c = load(kData / "merge" / "scorecard.yaml");
  ASSERT_EQ(c.indicators.size(), 3u);
  EXPECT_EQ(c.indicators[0].key(), "VP7");
  EXPECT_EQ(c.indicators[1].key(), "cla.count");
  EXPECT_EQ(c.indicators[2].key(), "VP7b");  // same id, own code: a second use

  const IndicatorUse& vp7 = c.indicators[0];
  EXPECT_EQ(vp7.set, "board");
  EXPECT_EQ(vp7.name, "Permanence");
  EXPECT_EQ(vp7.target->value, 30);
  EXPECT_DOUBLE_EQ(vp7.tolerance->value, 2);
  EXPECT_EQ(vp7.params.at("exclude_aged_18_leavers").node.Scalar(), "false");
  EXPECT_EQ(vp7.params.at("exclude_aged_18_leavers").where.file,
            (kData / "merge" / "scorecard.yaml").string());
  EXPECT_EQ(vp7.params.count("ages"), 1u);
  EXPECT_EQ(vp7.benchmarks, (std::map<std::string, double>{{"england", 23}, {"region", 21}}));
  EXPECT_EQ(vp7.commentary.at("2018-19 Q2"), "Set note.");
  EXPECT_EQ(vp7.commentary.at("2018-19 Q3"), "Council's own note.");

  const IndicatorUse& count = c.indicators[1];
  EXPECT_EQ(count.name, "Children looked after (local wording)");
  EXPECT_EQ(count.target->value, 40);
  EXPECT_EQ(count.set, "board");

  EXPECT_EQ(c.indicators[2].id, "cla.permanence");
  EXPECT_TRUE(c.indicators[2].params.empty());
  EXPECT_EQ(c.indicators[2].set, "");
}

TEST(Load, PerPeriodTargets) {
  const Config c = load(kData / "full" / "scorecard.yaml");
  const Target& t = *use_with_key(c, "cla.count").target;
  EXPECT_EQ(t.by_period.size(), 2u);
  EXPECT_EQ(t.by_period.count("2018-19 Q4"), 1u);  // written "2018/19 Q4"
  EXPECT_EQ(t.for_period("2018-19 Q3"), 24);
  EXPECT_EQ(t.for_period("2018-19 Q4"), 25);
  EXPECT_EQ(t.for_period("2018/19 Q3"), 24);
  EXPECT_EQ(t.for_period("2019-20 Q1"), 26);  // `default:`
}

TEST(Target, ForPeriod) {
  Target t;
  t.by_period = {{"2018-19 Q3", 24}};
  EXPECT_EQ(t.for_period("2018-19 Q3"), 24);
  EXPECT_EQ(t.for_period("2018-19 Q4"), std::nullopt);
  EXPECT_EQ(t.for_period("not a period"), std::nullopt);
  t.value = 30;
  EXPECT_EQ(t.for_period("2018-19 Q4"), 30);
  const Target single{25, {}};
  EXPECT_EQ(single.for_period("2018-19 Q1"), 25);
}

// Writes `text` to `dir/name`.
void write(const fs::path& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name) << text;
}

TEST(Load, HashCoversEveryIncludedFile) {
  const fs::path dir = fs::temp_directory_path() / ("config_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  write(dir, "scorecard.yaml",
        "authority: { name: A }\ndata: { directory: d }\nindicators:\n  - include: s.yaml\n");
  write(dir, "s.yaml", "indicators:\n  - use: a\n    target: 1\n");
  const std::string first = load(dir / "scorecard.yaml").hash;
  EXPECT_EQ(load(dir / "scorecard.yaml").hash, first);
  write(dir, "s.yaml", "indicators:\n  - use: a\n    target: 2\n");
  const std::string second = load(dir / "scorecard.yaml").hash;
  EXPECT_NE(second, first);
  EXPECT_EQ(second.find_first_not_of("0123456789abcdef"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Load, DefaultsWhenOptionalKeysAreAbsent) {
  const Config c = load(kData / "merge" / "scorecard.yaml");
  EXPECT_EQ(c.authority.code, "");
  EXPECT_FALSE(c.authority.population_0_17);
  EXPECT_FALSE(c.postcode_centroids);
  EXPECT_TRUE(c.plugin_directories.empty());
  EXPECT_EQ(c.isolation, Isolation::kNone);
  EXPECT_DOUBLE_EQ(c.timeout_s, 60);
  EXPECT_EQ(c.memory_mb, 4096);
  EXPECT_EQ(c.on_error, OnError::kFail);
  EXPECT_EQ(c.history_quarters, 8);
  EXPECT_EQ(c.small_numbers, 5);
  EXPECT_FALSE(c.suppress);
  EXPECT_FALSE(c.history_db);
}

TEST(Load, MissingConfigurationFile) {
  EXPECT_EQ(error_of(kData / "no_such.yaml"),
            (kData / "no_such.yaml").string() + ": cannot read '" +
                (kData / "no_such.yaml").string() + "': there is no such file");
}

// One bad configuration: the file under data/bad/, where the error is and what it says.
struct Bad {
  std::string file;
  int line, column;
  std::string message;       // what() after "file:line:column: ", in full or its beginning
  std::string at_file = "";  // the file the error is in, when not `file` itself
};

class BadConfig : public testing::TestWithParam<Bad> {};

TEST_P(BadConfig, NamesFileLineColumnAndWhatWasExpected) {
  const Bad& bad = GetParam();
  const fs::path file = kData / "bad" / bad.file;
  const fs::path at = bad.at_file.empty() ? file : kData / "bad" / bad.at_file;
  const std::string prefix =
      at.string() + ":" + std::to_string(bad.line) + ":" + std::to_string(bad.column) + ": ";
  const std::string what = error_of(file);
  EXPECT_EQ(what.substr(0, prefix.size()), prefix) << what;
  EXPECT_EQ(what.substr(prefix.size(), bad.message.size()), bad.message) << what;
}

const std::string kDataDir = (kData / "bad").string();

INSTANTIATE_TEST_SUITE_P(
    Config, BadConfig,
    testing::Values(
        Bad{"unknown_key.yaml", 3, 3,
            "unknown key 'diretory' in data (expected one of: directory, columns, on_error, "
            "returns); "
            "did you mean 'directory'?"},
        Bad{"unknown_key_top.yaml", 1, 1,
            "unknown key 'autority' at the top level (expected one of: authority, plugins, data, "
            "indicators, report, benchmarks); did you mean 'authority'?"},
        Bad{"unknown_benchmark.yaml", 5, 19,
            "unknown key 'englnd' in the benchmarks of indicator 'cla.count' (expected one of: "
            "england, statistical_neighbours, region); did you mean 'england'?"},
        Bad{"wrong_type_population.yaml", 3, 20,
            "'population_0_17' in authority: expected a number of children (0 or more), got "
            "'lots'"},
        Bad{"wrong_type_target.yaml", 5, 13,
            "'target' in indicator 'cla.count': expected a number, or a mapping of period to "
            "number such as { \"2018-19 Q3\": 24 }, got 'high'"},
        Bad{"wrong_type_timeout.yaml", 3, 14,
            "'timeout_s' in plugins: expected a number of seconds above 0, got 'soon'"},
        Bad{"wrong_type_suppress.yaml", 6, 13,
            "'suppress' in report: expected true or false, got 'maybe'"},
        Bad{"wrong_type_decimals.yaml", 5, 15,
            "'decimals' in indicator 'cla.count': expected a whole number from 0 to 10, got '1.5'"},
        Bad{"wrong_type_params.yaml", 5, 13,
            "'params' in indicator 'cla.count': expected a mapping of parameter name to value, "
            "got a list"},
        Bad{"wrong_type_directory.yaml", 2, 20, "'directory' in data: expected a path, got a list"},
        Bad{"bad_polarity.yaml", 5, 15,
            "'polarity' in indicator 'cla.count': expected one of: higher_is_better, "
            "lower_is_better, neutral, got 'upwards'"},
        Bad{"bad_sha256.yaml", 3, 23,
            "'local.so' in plugins.sha256: expected a SHA-256 digest (64 hexadecimal digits), got "
            "'abc123'"},
        Bad{"missing_authority_name.yaml", 2, 3, "missing required key 'name' in authority"},
        Bad{"missing_authority.yaml", 1, 1, "missing required key 'authority' at the top level"},
        Bad{"missing_data_directory.yaml", 3, 3, "missing required key 'directory' in data"},
        Bad{"missing_indicators.yaml", 1, 1, "missing required key 'indicators' at the top level"},
        Bad{"bad_on_error.yaml", 4, 13,
            "'on_error' in data: expected one of: fail, report, got 'maybe'"},
        Bad{"bad_tolerance.yaml", 5, 16,
            "'tolerance' in indicator 'cla.count': expected a number of points (0 or more) or a "
            "percentage of the target such as \"5%\", got '-2'"},
        Bad{"bad_tolerance_percent.yaml", 5, 16,
            "'tolerance' in indicator 'cla.count': expected a number of points (0 or more) or a "
            "percentage of the target such as \"5%\", got 'five%'"},
        Bad{"bad_target_period.yaml", 5, 15,
            "a key in the target of indicator 'cla.count' must be a period: '2018-19 Q5' is not "
            "a period: expected a reporting year (2018-19)"},
        Bad{"include_missing.yaml", 4, 14,
            "'include' in an indicators entry: expected an indicator set file, but there is no "
            "file '" +
                kDataDir + "/sets/no_such_set.yaml'"},
        Bad{"include_unknown_set_name.yaml", 4, 14,
            "'include' in an indicators entry: no indicator set named 'standrd' in " +
                (fs::path(SCORECARD_SOURCE_DIR) / "indicators").string() +
                " (the sets there: corporate-parenting-board, standard; a set file of your own "
                "is included by its path, such as sets/standrd.yaml); did you mean 'standard'?"},
        Bad{"include_cycle.yaml", 3, 14,
            "include cycle: " + kDataDir + "/include_cycle.yaml -> " + kDataDir +
                "/sets/cycle_a.yaml -> " + kDataDir + "/sets/cycle_b.yaml -> " + kDataDir +
                "/sets/cycle_a.yaml (an indicator set cannot include itself)",
            "sets/cycle_b.yaml"},
        Bad{"include_self.yaml", 4, 14,
            "include cycle: " + kDataDir + "/include_self.yaml -> " + kDataDir +
                "/include_self.yaml"},
        Bad{"use_and_include.yaml", 4, 5,
            "'use' cannot be written beside 'include' (an entry either includes a set or uses an "
            "indicator)"},
        Bad{"override_unknown_code.yaml", 5, 5,
            "missing required key 'use' in indicator 'NI 62' (no earlier entry has code 'NI 62' "
            "for this one to override)"},
        Bad{"use_swapped_by_code.yaml", 5, 5,
            "code 'X1' already names the entry at " + kDataDir +
                "/use_swapped_by_code.yaml:4:5, which uses 'cla.count', but this entry uses "
                "'cla.starts': give this one its own code, or leave out 'use' to override that "
                "entry"},
        Bad{"entry_without_use.yaml", 4, 5,
            "missing required key 'use' in an indicators entry (an entry names an indicator id "
            "with 'use', includes a set with 'include', or overrides an earlier entry by its "
            "'code')"},
        Bad{"syntax_error.yaml", 3, 11,
            "invalid YAML: end of map flow not found (expected '}' to close a { ... } mapping)"},
        Bad{"syntax_error_in_set.yaml", 2, 11,
            "invalid YAML: illegal map value (expected one 'key: value' per line, indented under "
            "its parent (quote a value that contains ': '))",
            "sets/syntax_error.yaml"},
        Bad{"tab_indentation.yaml", 3, 1,
            "invalid YAML: a tab in the indentation (expected spaces)"},
        Bad{"duplicate_key.yaml", 5, 3,
            "duplicate key 'directory' in data (first written at line 3, column 3)"},
        Bad{"empty.yaml", 1, 1,
            "the file is empty: expected a mapping with authority, data and indicators"},
        Bad{"comments_only.yaml", 1, 1,
            "the file is empty: expected a mapping with authority, data and indicators"},
        Bad{"not_a_mapping.yaml", 1, 1,
            "expected a mapping with authority, data and indicators, got a list"},
        Bad{"indicators_empty.yaml", 3, 13,
            "'indicators' at the top level: expected at least one indicator, got an empty list"},
        Bad{"indicators_only_empty_sets.yaml", 4, 3,
            "'indicators' at the top level: expected at least one indicator, got only sets with "
            "none"}),
    [](const testing::TestParamInfo<Bad>& info) {
      return info.param.file.substr(0, info.param.file.find('.'));
    });

}  // namespace
}  // namespace scorecard::config

namespace scorecard::config {
namespace {

// `benchmarks:` and `authority.dfe_number`: the folder relative to the config, the choices,
// and a clear message for a bad number or choice.
TEST(Load, PublishedBenchmarks) {
  const fs::path dir = fs::temp_directory_path() / ("config_bm_" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto write_config = [&](const std::string& text) {
    std::ofstream(dir / "scorecard.yaml") << text;
    return dir / "scorecard.yaml";
  };
  const std::string head = "data: { directory: d }\nindicators:\n  - use: a\n";
  Config c =
      load(write_config("authority: { name: A, dfe_number: 370 }\n" + head +
                        "benchmarks: { published: ./dfe, neighbours: median, year: latest }\n"));
  EXPECT_EQ(c.dfe_number, "370");
  ASSERT_TRUE(c.benchmarks);
  EXPECT_EQ(c.benchmarks->published, (dir / "dfe").lexically_normal());
  EXPECT_EQ(c.benchmarks->neighbours, PublishedBenchmarksConfig::Neighbours::kMedian);
  EXPECT_EQ(c.benchmarks->year, PublishedBenchmarksConfig::Year::kLatest);
  c = load(write_config("authority: { name: A }\n" + head + "benchmarks: { published: dfe }\n"));
  EXPECT_EQ(c.benchmarks->neighbours, PublishedBenchmarksConfig::Neighbours::kMean);
  EXPECT_EQ(c.benchmarks->year, PublishedBenchmarksConfig::Year::kSame);
  EXPECT_NE(error_of(write_config("authority: { name: A, dfe_number: 37 }\n" + head))
                .find("'dfe_number' in authority: expected the DfE's 3-digit"),
            std::string::npos)
      << error_of(dir / "scorecard.yaml");
  EXPECT_NE(error_of(write_config("authority: { name: A }\n" + head +
                                  "benchmarks: { published: dfe, neighbours: average }\n"))
                .find("expected one of: mean, median"),
            std::string::npos)
      << error_of(dir / "scorecard.yaml");
  fs::remove_all(dir);
}

// `published: NAME` (letters, digits, '-', '_') names the published statistics that come with
// scorecard: from the build, the source tree's indicators/benchmarks/NAME (this test's
// executable has no installed share/scorecard beside it); $SCORECARD_BENCHMARKS_DIR overrides.
// A path (with '/' or '.') is a folder relative to the config, as before.
TEST(Load, PublishedBenchmarksByName) {
  const fs::path dir = fs::temp_directory_path() / ("config_bm_name_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto load_with = [&](const std::string& published) {
    std::ofstream(dir / "scorecard.yaml")
        << "authority: { name: A, code: E08000016 }\ndata: { directory: d }\nindicators:\n"
           "  - use: a\nbenchmarks:\n  published: "
        << published << "\n";
    return dir / "scorecard.yaml";
  };
  const fs::path source = fs::path(SCORECARD_SOURCE_DIR) / "indicators" / "benchmarks";
  Config c = load(load_with("dfe"));
  EXPECT_EQ(c.benchmarks->published, (source / "dfe").lexically_normal());
  // A path, even to a folder of the same name.
  c = load(load_with("./dfe"));
  EXPECT_EQ(c.benchmarks->published, (dir / "dfe").lexically_normal());
  c = load(load_with("dfe-2026/"));
  EXPECT_EQ(c.benchmarks->published, (dir / "dfe-2026/").lexically_normal());

  // A name not there: the message is at the value (line 6, column 14) and lists those there.
  EXPECT_EQ(error_of(load_with("dfee")),
            (dir / "scorecard.yaml").string() +
                ":6:14: 'published' in benchmarks: no published statistics named 'dfee' in " +
                source.string() +
                " (those there: dfe; a folder of your own is given by its path, such as ./dfee); "
                "did you mean 'dfe'?");
  // A name that is also a folder beside the config: which one is meant is not guessed.
  fs::create_directories(dir / "dfe");
  EXPECT_NE(error_of(load_with("dfe"))
                .find("'published' in benchmarks: 'dfe' names the published statistics that come "
                      "with scorecard (" +
                      (source / "dfe").string() + "), and there is also a folder " +
                      (dir / "dfe").string() + " beside this configuration: write ./dfe"),
            std::string::npos)
      << error_of(load_with("dfe"));
  fs::create_directories(dir / "dfe2");
  EXPECT_NE(error_of(load_with("dfe2"))
                .find("there is a folder " + (dir / "dfe2").string() + ": write ./dfe2 for it"),
            std::string::npos)
      << error_of(load_with("dfe2"));

  // Installed elsewhere: $SCORECARD_BENCHMARKS_DIR.
  const fs::path root = dir / "share" / "benchmarks";
  fs::create_directories(root / "dfe-2026");
  ::setenv("SCORECARD_BENCHMARKS_DIR", root.c_str(), 1);
  c = load(load_with("dfe-2026"));
  const std::string listed = error_of(load_with("dfx"));
  ::unsetenv("SCORECARD_BENCHMARKS_DIR");
  EXPECT_EQ(c.benchmarks->published, root / "dfe-2026");
  EXPECT_NE(listed.find("no published statistics named 'dfx' in " + root.string() +
                        " (those there: dfe-2026;"),
            std::string::npos)
      << listed;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace scorecard::config
