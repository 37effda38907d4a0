// Fuzz target: the typed loader (datasets::load) over the real schemas of indicators/datasets.
// The input is written as episodes.csv in a data folder of its own (a first line "@NAME"
// chooses another dataset of the schemas: "@oc2" loads oc2.csv; the text after a line "#>" is a
// later extract, <dataset>_2.csv). Every column of the schema is requested, with one local
// rename, and the folder is loaded under both error policies. Checked:
//  - only datasets::DataError escapes, with a message starting "file:line:column: ";
//  - the policies agree: `report` with no issue loads what `fail` loads; `report` with issues
//    means `fail` throws the first issue's message; a file refused under `report` is refused
//    under `fail`;
//  - every kept row meets the schema: types (dates 1900-2200, finite numbers, flags 0/1),
//    codes from the list, UTF-8 trimmed text, required cells, row checks; no two kept rows
//    share a key or are the same row; the counts add up; latest_date is the latest date;
//  - a text without quotes, CRs or NULs loads as the same text with every field quoted
//    (never a simple record, so read row by row): the same tables, Codes, counts, issues and
//    warnings, whichever way the loader read each record.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/datasets/csv.hpp"
#include "core/datasets/datasets.hpp"
#include "tests/datasets/quoted.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace scorecard::fuzz {
namespace {
namespace ds = datasets;

const ds::SchemaSet& schemas() {
  static const ds::SchemaSet s = ds::load_schemas(SCORECARD_SOURCE_DIR "/indicators/datasets");
  return s;
}

struct Outcome {
  StringPool pool;
  ds::LoadResult result;
  std::optional<ds::DataError> error;
};

std::unique_ptr<Outcome> load_with(const ds::LoadOptions& base, ds::OnError policy,
                                   const std::vector<ds::DatasetRequest>& requests) {
  auto out = std::make_unique<Outcome>();
  ds::LoadOptions options = base;
  options.on_error = policy;
  try {
    out->result = ds::load(options, requests, schemas(), out->pool);
  } catch (const ds::DataError& e) {
    out->error = e;
  }
  return out;
}

void check_issue(const model::DataQualityIssue& issue, const std::string& dataset,
                 const std::filesystem::path& folder) {
  check(issue.dataset == dataset, "an issue names another dataset");
  check(issue.line >= 1 && issue.column >= 1, "an issue at line or column 0");
  const std::string at =
      issue.file + ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column) + ": ";
  check(issue.message.compare(0, at.size(), at) == 0,
        "an issue's message does not start with its file:line:column");
  check(issue.file.compare(0, folder.string().size(), folder.string()) == 0,
        "an issue names a file outside the data folder");
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_table(const Table& a, const Table& b) {
  if (a.rows != b.rows || a.columns.size() != b.columns.size()) return false;
  for (size_t i = 0; i < a.columns.size(); ++i) {
    const Column& x = a.columns[i];
    const Column& y = b.columns[i];
    if (x.name != y.name || x.type != y.type || x.ints != y.ints || x.blank != y.blank ||
        x.decimals.size() != y.decimals.size())
      return false;
    for (size_t r = 0; r < x.decimals.size(); ++r)
      if (!same_bits(x.decimals[r], y.decimals[r])) return false;
  }
  return true;
}

bool trimmed(std::string_view s) {
  return !s.empty() && s.front() != ' ' && s.front() != '\t' && s.back() != ' ' && s.back() != '\t';
}

// The value of cell (c, r) as a comparable word (decimals by value, -0 == 0).
uint64_t cell_word(const Column& c, size_t r) {
  if (c.blank[r]) return ~uint64_t{0};
  if (c.type != ColumnType::kDecimal) return static_cast<uint32_t>(c.ints[r]);
  const double d = c.decimals[r] + 0.0;
  uint64_t w = 0;
  std::memcpy(&w, &d, sizeof w);
  return w;
}

void check_loaded(const Outcome& o, const ds::DatasetSchema& schema,
                  const std::filesystem::path& folder) {
  const ds::LoadResult& res = o.result;
  size_t rejected = 0;
  std::optional<int32_t> latest;
  for (const auto& [name, table] : res.tables) {
    check(name == schema.name, "a table of a dataset not asked for");
    const ds::DatasetInfo& info = res.info.at(name);
    check(table.rows == info.rows_read - info.duplicates - info.replaced - info.rejected,
          "the table's rows do not add up");
    rejected += info.rejected;
    for (const Column& c : table.columns) {
      check(c.blank.size() == table.rows, "a column with another number of rows");
      check((c.type == ColumnType::kDecimal ? c.decimals.size() : c.ints.size()) == table.rows,
            "a column with another number of values");
      const ds::ColumnSchema* cs = schema.find(c.name);
      const bool required = std::count(schema.required.begin(), schema.required.end(), c.name);
      std::set<std::string> codes;
      if (cs)
        for (const auto& code : cs->codes) codes.insert(CodeSet::normalise(code));
      for (size_t r = 0; r < table.rows; ++r) {
        if (c.blank[r]) {
          check(!required, "a blank cell kept in a required column");
          continue;
        }
        switch (c.type) {
          case ColumnType::kDate: {
            const int y = Date{c.ints[r]}.year();
            check(y >= 1900 && y <= 2200, "a date outside 1900-2200 kept");
            if (!latest || c.ints[r] > *latest) latest = c.ints[r];
            break;
          }
          case ColumnType::kDecimal:
            check(std::isfinite(c.decimals[r]), "a number that is not finite kept");
            break;
          case ColumnType::kBoolean:
            check(c.ints[r] == 0 || c.ints[r] == 1, "a flag other than 0 or 1");
            break;
          case ColumnType::kInteger: break;
          case ColumnType::kCode:
          case ColumnType::kString: {
            check(c.ints[r] > 0 && static_cast<size_t>(c.ints[r]) < o.pool.size(),
                  "a code outside the pool");
            const std::string_view text = o.pool.text(c.ints[r]);
            check(trimmed(text), "a text kept untrimmed or empty");
            check(ds::csv::first_invalid_utf8(text) == std::string_view::npos,
                  "a text kept that is not UTF-8");
            if (c.type == ColumnType::kCode) {
              check(CodeSet::normalise(text) == text, "a code kept not upper-case");
              check(codes.empty() || codes.count(std::string(text)),
                    "a code kept that is not in the list");
            }
            break;
          }
        }
      }
    }
    // Row checks: `column` not before `not_before`.
    for (const auto& rc : schema.checks) {
      const Column* a = table.find(rc.column);
      const Column* b = table.find(rc.not_before);
      if (!a || !b) continue;
      for (size_t r = 0; r < table.rows; ++r)
        if (!a->blank[r] && !b->blank[r])
          check(*a->number(r) >= *b->number(r), "a row kept that fails a row check");
    }
    // Keys identify one row; without a key, no row is kept twice.
    std::vector<const Column*> key;
    for (const auto& k : schema.key) key.push_back(table.find(k));
    const bool keyed =
        !key.empty() && std::all_of(key.begin(), key.end(), [](auto* c) { return c; });
    std::set<std::vector<uint64_t>> seen;
    for (size_t r = 0; r < table.rows; ++r) {
      std::vector<uint64_t> words;
      if (keyed) {
        bool blank = false;
        for (const Column* c : key) {
          blank = blank || c->blank[r];
          words.push_back(cell_word(*c, r));
        }
        if (blank) continue;
        check(seen.insert(words).second, "two rows kept with the same key");
      } else if (schema.key.empty()) {
        for (const Column& c : table.columns) words.push_back(cell_word(c, r));
        check(seen.insert(words).second, "a row kept twice");
      }
    }
  }
  // Each issue is a rejected row, or a file listed as not read (its name and header disagree).
  size_t files_not_read = 0;
  for (const auto& issue : res.issues)
    for (const auto& f : res.files)
      if (f.path.string() == issue.file && f.read_as.rfind("not read: ", 0) == 0) {
        ++files_not_read;
        break;
      }
  check(rejected + files_not_read == res.issues.size(),
        "rejected rows do not match the issues reported");
  for (const auto& issue : res.issues) check_issue(issue, schema.name, folder);
  check(latest ? res.latest_date && res.latest_date->days == *latest : !res.latest_date,
        "latest_date is not the latest date loaded");
  check(res.warnings.size() <= 21, "more warnings than the limit");
}

// The folder's load (`report`) against its quoted copy's, written in its place (so that the
// messages name the same files): the same outcome.
void check_quoted(const Outcome& plain, const Outcome& quoted) {
  check(plain.error.has_value() == quoted.error.has_value() &&
            (!plain.error || std::string(plain.error->what()) == quoted.error->what()),
        "a file with its fields quoted is refused otherwise");
  if (plain.error) return;
  const auto& p = plain.result;
  const auto& q = quoted.result;
  check(p.tables.size() == q.tables.size(), "a quoted copy loads other datasets");
  for (const auto& [name, table] : p.tables)
    check(q.tables.count(name) && same_table(table, q.tables.at(name)),
          "a file with its fields quoted loads another table (or other Codes)");
  check(plain.pool.size() == quoted.pool.size(), "a quoted copy interns other strings");
  for (size_t c = 0; c < plain.pool.size() && c < quoted.pool.size(); ++c)
    check(plain.pool.text(static_cast<Code>(c)) == quoted.pool.text(static_cast<Code>(c)),
          "a quoted copy numbers its strings otherwise");
  for (const auto& [name, info] : p.info) {
    const auto it = q.info.find(name);
    check(it != q.info.end() && info.rows_read == it->second.rows_read &&
              info.duplicates == it->second.duplicates && info.replaced == it->second.replaced &&
              info.rejected == it->second.rejected,
          "a quoted copy counts its rows otherwise");
  }
  check(p.issues.size() == q.issues.size(), "a quoted copy has another number of issues");
  for (size_t i = 0; i < p.issues.size() && i < q.issues.size(); ++i)
    check(p.issues[i].line == q.issues[i].line && p.issues[i].column == q.issues[i].column &&
              p.issues[i].message == q.issues[i].message,
          "a quoted copy reports an issue otherwise");
  check(p.warnings.size() == q.warnings.size(), "a quoted copy has another number of warnings");
  for (size_t i = 0; i < p.warnings.size() && i < q.warnings.size(); ++i)
    check(p.warnings[i] == q.warnings[i], "a quoted copy warns otherwise");
}

}  // namespace

void load_one(const uint8_t* data, size_t size) {
  static const bool quiet = (spdlog::set_level(spdlog::level::off), true);  // a line per load
  (void)quiet;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string dataset = "episodes";
  if (input.size() > 1 && input[0] == '@') {
    const size_t eol = input.find('\n');
    const std::string name(input.substr(1, eol == std::string_view::npos ? eol : eol - 1));
    if (schemas().count(name)) {
      dataset = name;
      input.remove_prefix(eol == std::string_view::npos ? input.size() : eol + 1);
    }
  }
  const ds::DatasetSchema& schema = schemas().at(dataset);

  const std::filesystem::path folder = work_dir() / "data";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const TwoFiles files = split_files(input);
  write_file("data/" + dataset + ".csv", files.first);
  if (files.has_second) write_file("data/" + dataset + "_2.csv", files.second);

  ds::DatasetRequest request{dataset, {}};
  for (const auto& c : schema.columns) request.columns.push_back({c.name, c.type});
  request.columns.push_back({"LOCAL_NOTE", ColumnType::kString});  // not in any schema
  ds::LoadOptions options;
  options.directory = folder;
  if (schema.columns.size() > 1)  // a local extract's own name for one column
    options.renames[dataset][schema.columns[1].name] = "LOCAL_" + schema.columns[1].name;
  const std::vector<ds::DatasetRequest> requests{request};

  const auto fail = load_with(options, ds::OnError::kFail, requests);
  const auto report = load_with(options, ds::OnError::kReport, requests);
  for (const Outcome* o : {fail.get(), report.get()}) {
    if (o->error) {
      check(std::string(o->error->what()) == o->error->issue.message,
            "DataError::what() is not its issue's message");
      check_issue(o->error->issue, dataset, folder);
    } else {
      check_loaded(*o, schema, folder);
    }
  }
  if (report->error) {
    check(fail->error.has_value(), "a file refused under 'report' was loaded under 'fail'");
  } else if (!report->result.issues.empty()) {
    check(fail->error && fail->error->issue.message == report->result.issues.front().message,
          "'fail' did not stop at the first issue 'report' gave");
  } else {
    check(!fail->error, "'fail' refused what 'report' loaded without an issue");
    const auto& a = fail->result;
    const auto& b = report->result;
    check(a.tables.size() == b.tables.size() && a.warnings == b.warnings &&
              a.missing_datasets == b.missing_datasets && a.bytes_read == b.bytes_read,
          "the policies loaded a clean folder otherwise");
    for (const auto& [name, table] : a.tables)
      check(b.tables.count(name) && same_table(table, b.tables.at(name)),
            "the policies loaded a clean table otherwise");
  }
  // The same text with every field quoted, read row by row (see the top).
  if (input.find_first_of(std::string_view("\"\r\0", 3)) == std::string_view::npos) {
    write_file("data/" + dataset + ".csv", datasets::testing::all_quoted(std::string(files.first)));
    if (files.has_second)
      write_file("data/" + dataset + "_2.csv",
                 datasets::testing::all_quoted(std::string(files.second)));
    const auto quoted = load_with(options, ds::OnError::kReport, requests);
    check_quoted(*report, *quoted);
  }
}

}  // namespace scorecard::fuzz

SCORECARD_FUZZ_TARGET(scorecard::fuzz::load_one)
