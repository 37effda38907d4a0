#include "core/testdef/testdef.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <utility>

#include "core/config/measures.hpp"
#include "core/config/yaml_reading.hpp"
#include "core/periods/periods.hpp"
#include "core/pipeline/pipeline.hpp"

namespace scorecard::testdef {
namespace fs = std::filesystem;
using config::ConfigError;
using config::Field;
using config::Location;
using config::Mapping;

namespace {

// ---------------------------------------------------------------------------------------
// Reading the file.

std::vector<std::string> names_of(const datasets::SchemaSet& schemas) {
  std::vector<std::string> names;
  for (const auto& [name, schema] : schemas) names.push_back(name);
  return names;
}

const datasets::DatasetSchema& schema_of(const Field& f, const datasets::SchemaSet& schemas) {
  if (auto it = schemas.find(f.key); it != schemas.end()) return it->second;
  std::string message = "unknown dataset '" + f.key + "' " + f.context +
                        " (the datasets: " + config::joined(names_of(schemas)) + ")";
  if (auto near = config::closest(f.key, names_of(schemas)))
    message += "; did you mean '" + *near + "'?";
  throw ConfigError(f.key_at, message);
}

// The column's index in `table`, added when new; throws for a column the schema lacks.
size_t column_index(InlineTable& table, const datasets::DatasetSchema& schema,
                    const std::string& written, const Location& where) {
  const std::string name = CodeSet::normalise(written);
  if (!schema.find(name)) {
    std::vector<std::string> known;
    for (const auto& c : schema.columns) known.push_back(c.name);
    std::string message = "unknown column '" + written + "' in dataset '" + table.dataset +
                          "' (its columns: " + config::joined(known) + ")";
    if (auto near = config::closest(name, known)) message += "; did you mean '" + *near + "'?";
    throw ConfigError(where, message);
  }
  for (size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i] == name) return i;
  table.columns.push_back(name);
  table.column_where.push_back(where);
  for (auto& row : table.rows) row.resize(table.columns.size());
  return table.columns.size() - 1;
}

Cell read_cell(const YAML::Node& node, const Location& where, const std::string& column) {
  if (!node.IsDefined() || node.IsNull()) return {"", where};
  if (!node.IsScalar())
    throw ConfigError(where, "the cell of column " + column + ": expected one value, got " +
                                 config::describe(node));
  const std::string& text = node.Scalar();
  if (text.find_first_of("\r\n") != std::string::npos)
    throw ConfigError(where, "the cell of column " + column + " holds a line break");
  return {text, where};
}

// Rows written as mappings: - { CHILD: C1, DECOM: 2018-04-01 }
void read_row_mappings(const Field& f, const datasets::DatasetSchema& schema, InlineTable& t) {
  for (const YAML::Node& item : f.value) {
    const Location row_at = config::location_of(f.key_at.file, item.Mark());
    const Mapping row(item, row_at, "in a row of " + f.key, "a mapping of column to value");
    t.rows.emplace_back(t.columns.size());
    t.row_where.push_back(row_at);
    for (const Field& cell : row.fields()) {
      const size_t i = column_index(t, schema, cell.key, cell.key_at);
      if (t.rows.back()[i])
        throw ConfigError(cell.key_at, "column " + t.columns[i] + " is written twice in this row");
      t.rows.back()[i] = read_cell(cell.value, cell.value_at, t.columns[i]);
    }
  }
}

// Rows written as lists under their columns: { columns: [CHILD, DECOM], rows: [[C1, ...]] }
void read_row_lists(const Field& f, const datasets::DatasetSchema& schema, InlineTable& t) {
  const Mapping m(f, "in table " + f.key, "a mapping with columns and rows");
  m.allow_only({"columns", "rows"});
  const Field& columns = m.require("columns");
  if (!columns.value.IsSequence() || columns.value.size() == 0)
    config::fail_expected(columns, "a list of column names");
  for (const YAML::Node& c : columns.value) {
    const Location at = config::location_of(f.key_at.file, c.Mark());
    if (!c.IsScalar() || c.Scalar().empty())
      throw ConfigError(at, "expected a column name, got " + config::describe(c));
    const size_t before = t.columns.size();
    if (column_index(t, schema, c.Scalar(), at) != before)
      throw ConfigError(at, "column " + c.Scalar() + " is listed twice");
  }
  const Field& rows = m.require("rows");
  if (rows.blank()) return;
  if (!rows.value.IsSequence()) config::fail_expected(rows, "a list of rows, each a list");
  for (const YAML::Node& item : rows.value) {
    const Location row_at = config::location_of(f.key_at.file, item.Mark());
    if (!item.IsSequence())
      throw ConfigError(row_at, "a row of " + f.key + ": expected a list of " +
                                    std::to_string(t.columns.size()) + " values, got " +
                                    config::describe(item));
    if (item.size() != t.columns.size())
      throw ConfigError(
          row_at, fmt::format("a row of {}: expected {} values (one per column: "
                              "{}), got {}",
                              f.key, t.columns.size(), config::joined(t.columns), item.size()));
    t.rows.emplace_back(t.columns.size());
    t.row_where.push_back(row_at);
    for (size_t i = 0; i < item.size(); ++i)
      t.rows.back()[i] =
          read_cell(item[i], config::location_of(f.key_at.file, item[i].Mark()), t.columns[i]);
  }
}

std::map<std::string, InlineTable> read_tables(const Field& f, const datasets::SchemaSet& schemas) {
  std::map<std::string, InlineTable> tables;
  if (f.blank()) return tables;
  const Mapping m(f, "in tables", "a mapping of dataset name to its rows");
  for (const Field& d : m.fields()) {
    const datasets::DatasetSchema& schema = schema_of(d, schemas);
    InlineTable t;
    t.dataset = d.key;
    t.where = d.key_at;
    if (d.blank() || d.value.IsSequence())
      read_row_mappings(d, schema, t);
    else if (d.value.IsMap())
      read_row_lists(d, schema, t);
    else
      config::fail_expected(d, "a list of rows, or a mapping with columns and rows");
    if (t.columns.empty())
      throw ConfigError(d.key_at, "table " + d.key + " has no columns: write at least one");
    tables[d.key] = std::move(t);
  }
  return tables;
}

std::optional<Expected> read_figure(const Mapping& m, const std::string& key) {
  const Field* f = m.find(key);
  if (!f) return std::nullopt;
  Expected e;
  e.where = f->value_at;
  if (f->blank()) {
    e.text = "none";
    return e;
  }
  if (!f->value.IsScalar()) config::fail_expected(*f, "a number, or null for none");
  e.text = f->value.Scalar();
  e.number = config::parse_number(e.text);
  if (!e.number) config::fail_expected(*f, "a number, or null for none");
  return e;
}

Expectation read_expectation(const YAML::Node& node, const Location& where) {
  const Mapping m(node, where, "in an expected period",
                  "a mapping with period, numerator, denominator, value or error");
  m.allow_only({"period", "numerator", "denominator", "value", "error"});
  Expectation e;
  e.where = where;
  const Field& period = m.require("period");
  e.period = config::read_text(period);
  try {
    periods::parse(e.period);
  } catch (const periods::PeriodError& err) {
    throw ConfigError(period.value_at, std::string("'period': ") + err.what());
  }
  e.numerator = read_figure(m, "numerator");
  e.denominator = read_figure(m, "denominator");
  e.value = read_figure(m, "value");
  if (const Field* err = m.find("error")) e.error = config::read_text(*err);
  if (e.error && (e.numerator || e.denominator || e.value))
    throw ConfigError(where, "an expected period has either figures or an error, not both");
  if (!e.error && !e.numerator && !e.denominator && !e.value)
    throw ConfigError(where,
                      "an expected period needs at least one of numerator, denominator, value or "
                      "error");
  return e;
}

TestCase read_case(const YAML::Node& node, const Location& where,
                   const std::map<std::string, InlineTable>& shared,
                   const datasets::SchemaSet& schemas) {
  const Mapping m(node, where, "in a test",
                  "a mapping with name, use, params, tables, decimals and expect");
  m.allow_only({"name", "use", "params", "tables", "decimals", "expect"});
  TestCase t;
  t.where = where;
  t.name = config::read_text(m.require("name"));
  const Field& use = m.require("use");
  t.use.id = config::read_text(use);
  t.use.where = use.value_at;
  if (const Field* p = m.find("params"); p && !p->blank()) {
    const Mapping params(*p, "in the params of " + t.use.id,
                         "a mapping of parameter name to value");
    for (const Field& f : params.fields())
      t.use.params.emplace(f.key, config::RawParam{f.value, f.value_at, f.key_at});
  }
  t.tables = shared;
  if (const Field* own = m.find("tables"))
    for (auto& [name, table] : read_tables(*own, schemas)) t.tables[name] = std::move(table);
  if (const Field* d = m.find("decimals"))
    t.decimals = static_cast<int>(config::read_whole(*d, "a whole number of decimals", 0, 10));
  const Field& expect = m.require("expect");
  if (!expect.value.IsSequence() || expect.value.size() == 0)
    config::fail_expected(expect, "a list of expected periods");
  for (const YAML::Node& item : expect.value)
    t.expect.push_back(read_expectation(item, config::location_of(where.file, item.Mark())));
  return t;
}

void read_authority(const Field& f, Authority& a) {
  const Mapping m(f, "in authority", "a mapping with name, code, population_0_17");
  m.allow_only({"name", "code", "population_0_17"});
  if (const Field* n = m.find("name")) a.name = config::read_text(*n);
  if (const Field* c = m.find("code")) a.code = config::read_text(*c);
  if (const Field* p = m.find("population_0_17"))
    a.population_0_17 = config::read_number(*p, "a number of children (0 or more)",
                                            [](double v) { return v >= 0; });
}

// ---------------------------------------------------------------------------------------
// Running a test.

// A folder of its own for a test's tables, removed with them when the object goes.
class TableFolder {
 public:
  TableFolder() {
    std::string templ = (fs::temp_directory_path() / "scorecard-test-XXXXXX").string();
    if (!mkdtemp(templ.data()))
      throw std::runtime_error("cannot make a temporary folder for the test's tables in " +
                               fs::temp_directory_path().string());
    path_ = templ;
  }
  ~TableFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TableFolder(const TableFolder&) = delete;
  TableFolder& operator=(const TableFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string csv_field(const std::string& text) {
  const bool quote = text.find_first_of(",\"") != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' ' ||
                                        text.front() == '\t' || text.back() == '\t'));
  if (!quote) return text;
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// <dataset>.csv: the header on line 1, row i on line i + 2 (no cell holds a line break).
void write_csv(const InlineTable& t, const fs::path& folder) {
  std::ofstream out(folder / (t.dataset + ".csv"), std::ios::binary);
  for (size_t i = 0; i < t.columns.size(); ++i) out << (i ? "," : "") << t.columns[i];
  out << "\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i)
      out << (i ? "," : "") << (row[i] ? csv_field(row[i]->text) : std::string());
    out << "\n";
  }
  if (!out.flush())
    throw std::runtime_error("cannot write the test's table " + t.dataset + " to " +
                             folder.string());
}

// Where in the test file the loader's complaint about line `line`, column `column` of the
// table's CSV file was written: the cell, else its row, else the table.
Location where_written(const InlineTable& t, size_t line, size_t column) {
  if (line < 2 || line - 2 >= t.rows.size()) {
    if (column >= 1 && column <= t.column_where.size()) return t.column_where[column - 1];
    return t.where;
  }
  const auto& row = t.rows[line - 2];
  if (column >= 1 && column <= row.size() && row[column - 1]) return row[column - 1]->where;
  return t.row_where[line - 2];
}

// The loader's sentence without its CSV location, which means nothing to the test's author.
std::string without_location(const model::DataQualityIssue& issue) {
  const std::string prefix = fmt::format("{}:{}:{}: ", issue.file, issue.line, issue.column);
  if (issue.message.rfind(prefix, 0) == 0) return issue.message.substr(prefix.size());
  return issue.message;
}

[[noreturn]] void bad_cell(const TestCase& test, const datasets::DataError& e) {
  const auto table = test.tables.find(e.issue.dataset);
  if (table == test.tables.end()) throw ConfigError(test.where, without_location(e.issue));
  throw ConfigError(where_written(table->second, e.issue.line, e.issue.column),
                    "in table " + e.issue.dataset + ": " + without_location(e.issue));
}

std::string number_text(double v) { return fmt::format("{}", v); }

std::string figure_text(const std::optional<double>& v) {
  return v ? number_text(*v) : std::string("none");
}

double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

void compare(const char* what, const Expected& expected, const std::optional<double>& got,
             std::optional<int> decimals, std::vector<std::string>& failures) {
  if (!expected.number || !got) {
    if (expected.number.has_value() != got.has_value())
      failures.push_back(
          fmt::format("{}: expected {}, got {}", what, expected.text, figure_text(got)));
    return;
  }
  if (decimals) {
    const double want = rounded(*expected.number, *decimals), have = rounded(*got, *decimals);
    if (!close(want, have))
      failures.push_back(
          fmt::format("{}: expected {}, got {} ({} before rounding to {} "
                      "decimal{})",
                      what, expected.text, number_text(have), number_text(*got), *decimals,
                      *decimals == 1 ? "" : "s"));
    return;
  }
  if (!close(*expected.number, *got))
    failures.push_back(
        fmt::format("{}: expected {}, got {}", what, expected.text, number_text(*got)));
}

PeriodOutcome check(const TestCase& test, const Expectation& e, const model::Scorecard& card,
                    const fs::path& folder) {
  PeriodOutcome o;
  o.test = &test;
  o.expectation = &e;
  const model::IndicatorResult& r = card.indicators.front();
  if (r.status != model::Status::kOk) {
    std::string message = r.message;
    for (size_t at = message.find(folder.string()); at != std::string::npos;
         at = message.find(folder.string()))
      message.replace(at, folder.string().size(), "the test's tables");
    if (!e.error)
      o.failures.push_back(
          fmt::format("expected figures, got {}: {}", model::to_string(r.status), message));
    else if (message.find(*e.error) == std::string::npos)
      o.failures.push_back(fmt::format("error: expected a message saying '{}', got {}: {}",
                                       *e.error, model::to_string(r.status), message));
    return o;
  }
  const model::PeriodResult& p = r.periods.back();  // the reporting period comes last
  o.window = p.from.iso() + " to " + p.to.iso();
  const Observation& got = p.observation;
  if (e.error) {
    o.failures.push_back(fmt::format("expected an error saying '{}', got value {}", *e.error,
                                     figure_text(got.value)));
    return o;
  }
  if (e.numerator) compare("numerator", *e.numerator, got.numerator, std::nullopt, o.failures);
  if (e.denominator)
    compare("denominator", *e.denominator, got.denominator, std::nullopt, o.failures);
  if (e.value)
    compare("value", *e.value, got.value, test.decimals.value_or(r.decimals), o.failures);
  return o;
}

}  // namespace

TestFile read_test_file(const std::string& file, const datasets::SchemaSet& schemas) {
  const config::Document doc =
      config::read_document(file, std::nullopt, "a mapping with authority, tables and tests");
  const Mapping top(doc, "at the top level", "a mapping with authority, tables and tests");
  top.allow_only({"authority", "tables", "tests", "measures"});
  TestFile out;
  out.name = file;
  out.authority.name = "Test authority";
  if (const Field* a = top.find("authority")) read_authority(*a, out.authority);
  std::map<std::string, InlineTable> shared;
  if (const Field* t = top.find("tables")) shared = read_tables(*t, schemas);
  const Field& tests = top.require("tests");
  if (!tests.value.IsSequence() || tests.value.size() == 0)
    config::fail_expected(tests, "a list of tests");
  for (const YAML::Node& item : tests.value)
    out.cases.push_back(
        read_case(item, config::location_of(doc.name, item.Mark()), shared, schemas));
  // `measures: FILE`: a configuration whose YAML measures (docs/measures.md) the tests `use`
  // by their ids, relative to this file.
  if (const Field* m = top.find("measures")) {
    const std::string written = config::read_text(*m);
    const fs::path path = fs::path(written).is_absolute()
                              ? fs::path(written)
                              : (fs::path(doc.name).parent_path() / written).lexically_normal();
    config::Measures measures;
    measures.define_all(config::read_document(path.string(), m->value_at,
                                              "a configuration with an indicators list"));
    for (TestCase& c : out.cases) {
      std::vector<config::IndicatorUse> one{c.use};
      measures.resolve(one);
      c.use = one.front();
    }
  }
  return out;
}

std::vector<PeriodOutcome> run_tests(const TestFile& file, const plugins::Registry& registry) {
  std::vector<PeriodOutcome> outcomes;
  for (const TestCase& test : file.cases) {
    TableFolder folder;
    for (const auto& [name, table] : test.tables) write_csv(table, folder.path());
    config::Config cfg;
    cfg.path = fs::absolute(file.name);
    cfg.authority = file.authority;
    cfg.data_directory = folder.path();
    cfg.on_error = config::OnError::kFail;
    cfg.indicators = {test.use};
    cfg.history_quarters = 0;
    for (const Expectation& e : test.expect) {
      pipeline::RunOptions options;
      options.period = periods::parse(e.period);
      options.history = 0;
      options.threads = 1;
      model::Scorecard card;
      try {
        card = pipeline::run(cfg, registry, options);
      } catch (const datasets::DataError& err) {
        bad_cell(test, err);
      }
      outcomes.push_back(check(test, e, card, folder.path()));
    }
  }
  return outcomes;
}

}  // namespace scorecard::testdef
