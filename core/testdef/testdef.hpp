// testdef: definition tests written in YAML (`scorecard test FILE.yaml`, docs/cli.md): tiny
// tables written inline, an indicator use with its parameters, and the numerator, denominator
// and value expected in each period. In: the test file, the dataset schemas, a plugin
// Registry. Out: one result per expected period, each failure as expected against got.
// The figures come from pipeline::run, the code path of `scorecard run`: the inline tables are
// written as CSV files and read by the datasets loader, so a cell goes through the same
// conversion and checks as a cell of a council's extract.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/datasets/datasets.hpp"
#include "core/plugins/loader.hpp"

namespace scorecard::testdef {

// One cell as written; `where` is its place in the test file.
struct Cell {
  std::string text;  // "" for a blank (null) cell
  config::Location where;
};

// A table of one dataset, written inline. A column no row names is absent from the table, as
// a column missing from a CSV file is; a column some rows leave out is blank in them.
struct InlineTable {
  std::string dataset;
  config::Location where;            // the dataset's name in the file
  std::vector<std::string> columns;  // DfE names, upper-case, in the order first written
  std::vector<config::Location> column_where;
  std::vector<std::vector<std::optional<Cell>>> rows;  // one per row, one per column
  std::vector<config::Location> row_where;
};

// A figure expected: a number, or none at all (`null`: e.g. no value when nobody is counted).
struct Expected {
  std::optional<double> number;
  std::string text;  // as written, for messages
  config::Location where;
};

// What one period of a test should give. Unset fields are not checked.
struct Expectation {
  std::string period;  // as written: "2018-19 Q3", "2018-19", "2019-03-31"
  config::Location where;
  std::optional<Expected> numerator, denominator, value;
  std::optional<std::string> error;  // the indicator fails (error or not computed) saying this
};

struct TestCase {
  std::string name;
  config::Location where;
  config::IndicatorUse use;  // id and params as a scorecard.yaml `use:` entry writes them
  std::map<std::string, InlineTable> tables;  // the file's shared tables, then the test's own
  std::optional<int> decimals;                // the value is compared at this many decimals
  std::vector<Expectation> expect;
};

struct TestFile {
  std::string name;  // as given, for messages
  Authority authority;
  std::vector<TestCase> cases;
};

// Reads and checks a test file: every key known, every dataset and column in `schemas`, every
// period a period, every figure a number. Throws config::ConfigError naming file:line:column.
TestFile read_test_file(const std::string& file, const datasets::SchemaSet& schemas);

// The outcome of one expected period.
struct PeriodOutcome {
  const TestCase* test = nullptr;
  const Expectation* expectation = nullptr;
  std::string window;                 // "2018-04-01 to 2019-03-31", what was counted
  std::vector<std::string> failures;  // "value: expected 50, got 66.7 (66.666667)"; empty: pass
  bool passed() const { return failures.empty(); }
};

// Runs every test of `file` against the plugins in `registry`, with the dataset schemas of a
// run (pipeline::schema_directory()). A cell the loader refuses (a bad date, a code not in the
// schema's list) or a use the registry cannot serve throws config::ConfigError at the test file's
// line and column: a bad test file, not a failure.
std::vector<PeriodOutcome> run_tests(const TestFile& file, const plugins::Registry& registry);

}  // namespace scorecard::testdef
