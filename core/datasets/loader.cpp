// The dataset loader: the rules of DATA.md "General conventions" and counting rule 17, and the
// error policy of docs/datasets.md.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "core/datasets/csv.hpp"
#include "core/datasets/datasets.hpp"
#include "core/datasets/returns.hpp"
#include "core/datasets/returns_discover.hpp"
#include "core/datasets/returns_xml.hpp"
#include "core/datasets/row_index.hpp"
#include "core/scheduler/scheduler.hpp"
#include "core/values/column_builder.hpp"
#include "core/values/string_table.hpp"
#include "core/values/values.hpp"

namespace scorecard::datasets {

DataError::DataError(model::DataQualityIssue i)
    : std::runtime_error(i.message), issue(std::move(i)) {}

namespace {

constexpr size_t kMaxWarningsPerDataset = 20;
constexpr size_t kRowsBeforeReserve = 256;  // rows read before sizing the columns for the rest

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

// A cell's value as a message shows it: trimmed, control characters escaped, cut at 60.
std::string shown(std::string_view text) {
  const std::string_view s = values::trim(text);
  std::string out;
  for (size_t i = 0; i < s.size() && i < 60; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > 60) out += "...";
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "episodes_2" < "episodes_10": digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      std::string_view x(a.data() + i, ie - i), y(b.data() + j, je - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ie, j = je;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
  return a < b;
}

// Does the lower-case file name belong to `dataset` (<dataset>.csv or <dataset>_*.csv)?
bool file_of(const std::string& name, const std::string& dataset) {
  if (name.size() < 4 || name.compare(name.size() - 4, 4, ".csv") != 0) return false;
  const std::string stem = name.substr(0, name.size() - 4);
  return stem == dataset ||
         (stem.size() > dataset.size() + 1 && stem.compare(0, dataset.size(), dataset) == 0 &&
          stem[dataset.size()] == '_');
}

// One column the loader reads: asked for by an indicator (`keep`), or needed for the
// schema's key, required columns and checks.
struct PlanColumn {
  PlanColumn(std::string n, ColumnType t) : name(std::move(n)), type(t), builder(name, t) {}
  std::string name;
  ColumnType type;
  bool keep = false, required = false, present = false;
  std::vector<std::string> codes;  // allowed codes, normalised and sorted (empty: any)
  std::vector<uint8_t> verdict;    // by Code: 0 not yet known, 1 allowed, 2 not in the list
  values::ColumnBuilder builder;
};

// A column of a file that takes part in a row's identity (duplicate detection).
struct IdentityField {
  uint32_t id;      // the column's number in the dataset's identity, the same in every file
  size_t field;     // position in this file's rows
  ColumnType type;  // values are compared as this type reads them (01/04/2018 == 2018-04-01)
  long plan;        // the plan column holding its typed value, or -1 (then hashed as text)
};

// Folds a cell's value into `h`, as `type` reads it; text that does not parse as the type is
// folded as text. same_value() is the matching comparison.
uint64_t hash_value(uint64_t h, std::string_view v, ColumnType type) {
  auto word = [](uint64_t kind, uint64_t bits) { return kind << 56 ^ bits; };
  switch (type) {
    case ColumnType::kDate:
      if (auto d = values::parse_date(v)) return detail::hash_step(h, word(1, uint32_t(d->days)));
      break;
    case ColumnType::kInteger:
      if (auto i = values::parse_integer(v)) return detail::hash_step(h, word(2, uint32_t(*i)));
      break;
    case ColumnType::kBoolean:
      if (auto b = values::parse_boolean(v)) return detail::hash_step(h, word(3, *b ? 1 : 0));
      break;
    case ColumnType::kDecimal:
      if (auto x = values::parse_decimal(v)) {
        const double d = *x + 0.0;  // -0 is 0
        uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        return detail::hash_step(detail::hash_step(h, word(4, 0)), bits);
      }
      break;
    case ColumnType::kCode: return detail::hash_text(h, v, /*upper=*/true);
    case ColumnType::kString: break;
  }
  return detail::hash_text(h, v, false);
}

template <class Parse>
std::optional<bool> same_parsed(std::string_view a, std::string_view b, Parse parse) {
  const auto x = parse(a), y = parse(b);
  if (x && y) return *x == *y;
  if (x || y) return false;
  return std::nullopt;  // neither parses: compare the text
}

bool same_value(std::string_view a, std::string_view b, ColumnType type) {
  std::optional<bool> same;
  switch (type) {
    case ColumnType::kDate: same = same_parsed(a, b, values::parse_date); break;
    case ColumnType::kInteger: same = same_parsed(a, b, values::parse_integer); break;
    case ColumnType::kBoolean: same = same_parsed(a, b, values::parse_boolean); break;
    case ColumnType::kDecimal: same = same_parsed(a, b, values::parse_decimal); break;
    case ColumnType::kCode: return equal_ignoring_case(a, b);
    case ColumnType::kString: break;
  }
  return same ? *same : a == b;
}

struct FileLayout {
  std::filesystem::path path;
  std::string display;
  std::vector<std::string> header;               // DfE name per field ("" for a column not read)
  std::vector<long> plan_field;                  // per plan column: its field, or -1 when absent
  std::vector<size_t> present;                   // plan columns in the file, by field position
  std::vector<size_t> absent;                    // plan columns not in the file
  std::vector<size_t> strings;                   // plan columns of type string in the file
  std::vector<IdentityField> identity;           // sorted by id
  std::unique_ptr<csv::RecordFetcher> fetcher;   // opened on first need
  std::unique_ptr<csv::RecordFetcher> fetcher2;  // for the other row of a comparison
  // A dataset's rows from a statutory return (returns.hpp), read as this CSV text: where each
  // CSV row starts and which of the part's rows it is, so messages name the XML's positions.
  const returns::Part* part = nullptr;
  std::string csv;
  std::vector<uint32_t> row_lines, row_of;
};

// A return's part as CSV text (header row, then its rows not superseded).
void write_csv(const returns::Part& part, FileLayout& file) {
  std::string& out = file.csv;
  uint32_t line = 1;
  auto cell = [&](std::string_view v) {
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
      out += v;
      return;
    }
    out += '"';
    for (char c : v) {
      if (c == '"') out += '"';
      if (c == '\n') ++line;
      out += c;
    }
    out += '"';
  };
  for (size_t c = 0; c < part.columns.size(); ++c) {
    if (c) out += ',';
    cell(part.columns[c]);
  }
  out += '\n';
  ++line;
  for (size_t r = 0; r < part.rows(); ++r) {
    if (part.dropped[r]) continue;
    file.row_lines.push_back(line);
    file.row_of.push_back(static_cast<uint32_t>(r));
    for (size_t c = 0; c < part.columns.size(); ++c) {
      if (c) out += ',';
      cell(part.cell(r, c));
    }
    out += '\n';
    ++line;
  }
}

// Where a CSV line and field of a return's part came from: the element's line, column, path.
struct XmlPlace {
  size_t line, column;
  std::string path;
};
std::optional<XmlPlace> xml_place(const FileLayout& file, size_t line, size_t column) {
  if (!file.part) return std::nullopt;
  const returns::Part& p = *file.part;
  const auto it = std::upper_bound(file.row_lines.begin(), file.row_lines.end(), line);
  if (it == file.row_lines.begin()) return XmlPlace{1, 1, ""};
  const size_t row = file.row_of[static_cast<size_t>(it - file.row_lines.begin()) - 1];
  const size_t col = column >= 1 && column <= p.columns.size() ? column - 1 : 0;
  const size_t cell = row * p.columns.size() + col;
  return XmlPlace{p.lines[cell], p.cols[cell], p.paths[col]};
}

bool blank_text(std::string_view s) { return values::trim(s).empty(); }

// The records parsed ahead of the one being loaded (DatasetLoader::read).
struct Lookahead {
  static constexpr size_t kRecords = 8;
  std::array<csv::Record, kRecords> records;
  std::array<std::string, kRecords> scratch;  // each record's unescaped fields
  size_t first = 0, count = 0;
};

class DatasetLoader {
 public:
  // `result` receives this dataset's issues, warnings and bytes read.
  DatasetLoader(std::string name, const std::vector<ColumnRequest>& requested,
                const DatasetSchema* schema, const LoadOptions& options, LoadResult& result)
      : name_(std::move(name)), schema_(schema), options_(options), result_(result) {
    if (auto it = options.renames.find(name_); it != options.renames.end())
      for (const auto& [dfe, local] : it->second)
        renamed_from_[CodeSet::normalise(local)] = CodeSet::normalise(dfe);
    plan_columns(requested);
  }

  void read(const std::filesystem::path& path);
  void read(const returns::Part& part);
  void finish(Table& table, DatasetInfo& info);
  // The Codes of the table's code and string columns are this dataset's own: load() merges
  // the strings of every dataset, in order, and renumbers the columns.
  const values::StringTable& strings() const { return strings_; }
  // What the loader would have logged (it runs on a worker thread; load() logs in order).
  void replay_log() const {
    for (const auto& [level, line] : log_) spdlog::log(level, "{}", line);
  }
  std::vector<std::pair<spdlog::level::level_enum, std::string>> take_log() {
    return std::move(log_);
  }

 private:
  void plan_columns(const std::vector<ColumnRequest>& requested);
  void read_records(csv::Reader& reader, size_t file_index);
  csv::RecordFetcher* fetcher(FileLayout& file, bool second);
  size_t add_plan(const std::string& column, ColumnType type);
  void read_header(FileLayout& file, const csv::Record& header);
  void row(const csv::Record& record, size_t file_index);
  void prefetch_strings(const csv::Record& record, const FileLayout& file) const;
  std::optional<std::string> cell(PlanColumn& column, const csv::Field& field);
  std::optional<std::string> failed_check(const csv::Record& record, const FileLayout& file,
                                          size_t* column);
  uint64_t identity_hash(const csv::Record& record, const FileLayout& file) const;
  bool same_identity(const csv::Record& record, const FileLayout& file, uint32_t row);
  bool same_key(uint32_t row) const;
  uint64_t key_hash(const csv::Record& record, const FileLayout& file) const;
  void keep_row(const csv::Record& record, size_t file_index, uint64_t hash);
  void drop_duplicates();
  bool same_rows(uint32_t a, uint32_t b);
  void undo_row();
  void reserve_for(uint64_t bytes_per_row);
  void warn_replaced(uint32_t old_row, const csv::Record& record, size_t file_index);
  void bad_row(const FileLayout& file, size_t line, size_t column, std::string column_name,
               std::string value, std::string expected, const std::string& text);
  [[noreturn]] void bad_file(const FileLayout& file, size_t line, size_t column,
                             const std::string& text);
  bool identity_column(const std::string& column) const {
    return !schema_ || identity_ids_.count(column) != 0;
  }

  std::string name_;
  const DatasetSchema* schema_;
  const LoadOptions& options_;
  values::StringTable strings_;
  LoadResult& result_;
  std::vector<std::pair<spdlog::level::level_enum, std::string>> log_;
  std::map<std::string, std::string> renamed_from_;  // local header name -> DfE name
  std::vector<PlanColumn> plan_;
  std::map<std::string, size_t> plan_index_;
  std::vector<size_t> key_;                        // plan columns of the schema's key
  std::vector<std::pair<size_t, size_t>> checks_;  // plan columns: (column, not_before)
  std::map<std::string, uint32_t> identity_ids_;
  std::vector<FileLayout> files_;
  DatasetInfo info_;
  size_t warnings_ = 0;
  uint64_t bytes_total_ = 0;
  bool reserved_ = false;
  // Per kept row (before the replaced ones are dropped):
  uint32_t rows_ = 0;
  // Per kept row of a dataset with a key (identity hash and line, for the replaced-row check
  // and its warning); and of every dataset (where it came from, for exact comparisons).
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> lines_;
  detail::OriginLog origins_;       // file index << 48 | byte offset of the record
  detail::IdentityLog identities_;  // rows checked by identity (no key, or a blank key cell)
  std::vector<uint32_t> dropped_;   // rows replaced by a later version, or duplicates
  detail::RowIndex by_key_;
};

size_t DatasetLoader::add_plan(const std::string& column, ColumnType type) {
  if (auto it = plan_index_.find(column); it != plan_index_.end()) return it->second;
  plan_.emplace_back(column, type);
  PlanColumn& c = plan_.back();
  if (schema_) {
    if (const ColumnSchema* s = schema_->find(column)) {
      for (const auto& code : s->codes) c.codes.push_back(CodeSet::normalise(code));
      std::sort(c.codes.begin(), c.codes.end());
    }
    c.required = std::find(schema_->required.begin(), schema_->required.end(), column) !=
                 schema_->required.end();
  }
  plan_index_[column] = plan_.size() - 1;
  return plan_.size() - 1;
}

void DatasetLoader::plan_columns(const std::vector<ColumnRequest>& requested) {
  auto type_of = [&](const std::string& column, ColumnType fallback) {
    const ColumnSchema* s = schema_ ? schema_->find(column) : nullptr;
    return s ? s->type : fallback;
  };
  for (const auto& r : requested) {
    const std::string column = CodeSet::normalise(r.name);
    plan_[add_plan(column, type_of(column, r.type))].keep = true;
  }
  if (!schema_) return;
  for (const auto& k : schema_->key) key_.push_back(add_plan(k, type_of(k, ColumnType::kString)));
  for (const auto& r : schema_->required) add_plan(r, type_of(r, ColumnType::kString));
  for (const auto& c : schema_->checks)
    checks_.emplace_back(add_plan(c.column, type_of(c.column, ColumnType::kDate)),
                         add_plan(c.not_before, type_of(c.not_before, ColumnType::kDate)));
  // A row's identity: the schema's columns, and any other column asked for.
  for (const auto& c : schema_->columns)
    identity_ids_.emplace(c.name, static_cast<uint32_t>(identity_ids_.size()));
  for (const auto& c : plan_)
    identity_ids_.emplace(c.name, static_cast<uint32_t>(identity_ids_.size()));
}

void DatasetLoader::bad_file(const FileLayout& file, size_t line, size_t column,
                             const std::string& text) {
  model::DataQualityIssue issue;
  issue.dataset = name_;
  issue.file = file.display;
  issue.line = line;
  issue.column = column;
  if (column >= 1 && column <= file.header.size()) issue.column_name = file.header[column - 1];
  issue.message = fmt::format("{}:{}:{}: {}", file.display, line, column, text);
  if (auto at = xml_place(file, line, column)) {
    issue.line = at->line;
    issue.column = at->column;
    issue.message = fmt::format("{}:{}:{}: {}", file.display, at->line, at->column, text);
  }
  throw DataError(std::move(issue));
}

void DatasetLoader::bad_row(const FileLayout& file, size_t line, size_t column,
                            std::string column_name, std::string value, std::string expected,
                            const std::string& text) {
  model::DataQualityIssue issue;
  issue.dataset = name_;
  issue.file = file.display;
  issue.line = line;
  issue.column = column;
  issue.column_name = std::move(column_name);
  issue.value = std::move(value);
  issue.expected = std::move(expected);
  issue.message = fmt::format("{}:{}:{}: {}", file.display, line, column, text);
  if (auto at = xml_place(file, line, column)) {
    issue.line = at->line;
    issue.column = at->column;
    issue.message = fmt::format("{}:{}:{}: {}{}", file.display, at->line, at->column,
                                at->path.empty() ? "" : at->path + ": ", text);
  }
  if (options_.on_error == OnError::kFail) throw DataError(std::move(issue));
  ++info_.rejected;
  result_.issues.push_back(std::move(issue));
}

void DatasetLoader::read_header(FileLayout& file, const csv::Record& header) {
  std::map<std::string, size_t> seen;  // DfE name -> field
  std::set<std::string> shadowed;      // DfE names given by a rename in this file
  std::vector<std::string> names;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const csv::Field& f = header.fields[i];
    if (f.non_ascii && csv::first_invalid_utf8(f.text) != std::string_view::npos)
      bad_file(file, f.line, i + 1, "column name is not UTF-8 text; save the file as CSV UTF-8");
    std::string n = CodeSet::normalise(f.text);
    if (auto it = renamed_from_.find(n); it != renamed_from_.end()) {
      n = it->second;
      shadowed.insert(n);
    }
    names.push_back(std::move(n));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string local = CodeSet::normalise(header.fields[i].text);
    // The column DECOM is ignored when the renames say DECOM is StartDate and StartDate is here.
    if (shadowed.count(names[i]) && renamed_from_.count(local) == 0) names[i].clear();
    if (names[i].empty()) continue;
    auto [it, inserted] = seen.emplace(names[i], i);
    if (inserted) continue;
    if (plan_index_.count(names[i]) || identity_column(names[i]))
      bad_file(file, header.fields[i].line, i + 1,
               fmt::format("column {} appears twice in the header (columns {} and {})", names[i],
                           it->second + 1, i + 1));
    names[i].clear();  // an ignored column, twice: still ignored
  }
  file.header = names;
  for (const auto& k : key_)
    if (!seen.count(plan_[k].name)) {
      std::vector<std::string> key_names;
      for (size_t c : key_) key_names.push_back(plan_[c].name);
      bad_file(file, 1, 1,
               fmt::format("the header has no {} column, which identifies a row of {} ({}); "
                           "map it under data.columns if the extract names it differently",
                           plan_[k].name, name_, join(key_names, ", ")));
    }
  // A required column is in every file of the dataset or in none: a file without it would add
  // rows whose required cell is blank (absent and blank are the same), and nobody told.
  for (size_t c = 0; c < plan_.size() && files_.size() > 1; ++c) {
    const bool here = seen.count(plan_[c].name) != 0;
    if (!plan_[c].required || here == plan_[c].present) continue;
    const auto other = std::find_if(files_.begin(), files_.end() - 1, [&](const FileLayout& f) {
      return (f.plan_field[c] >= 0) == plan_[c].present;
    });
    if (!here)
      bad_file(file, header.line, 1,
               fmt::format("the header has no {} column, which {} has and {} requires in every "
                           "row; map it under data.columns if the extract names it differently",
                           plan_[c].name, other->display, name_));
    const size_t field = seen.at(plan_[c].name);
    bad_file(file, header.fields[field].line, field + 1,
             fmt::format("column {} is required in every row of {}, but {} has no {} column",
                         plan_[c].name, name_, other->display, plan_[c].name));
  }
  file.plan_field.assign(plan_.size(), -1);
  for (size_t c = 0; c < plan_.size(); ++c) {
    if (auto it = seen.find(plan_[c].name); it != seen.end()) {
      file.plan_field[c] = static_cast<long>(it->second);
      file.present.push_back(c);
      if (plan_[c].type == ColumnType::kString) file.strings.push_back(c);
      plan_[c].present = true;
    } else {
      file.absent.push_back(c);
    }
  }
  std::sort(file.present.begin(), file.present.end(),
            [&](size_t a, size_t b) { return file.plan_field[a] < file.plan_field[b]; });
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;
    if (std::find(info_.available_columns.begin(), info_.available_columns.end(), names[i]) ==
        info_.available_columns.end())
      info_.available_columns.push_back(names[i]);
    if (!identity_column(names[i])) continue;
    const uint32_t id =
        identity_ids_.emplace(names[i], static_cast<uint32_t>(identity_ids_.size())).first->second;
    const ColumnSchema* s = schema_ ? schema_->find(names[i]) : nullptr;
    auto p = plan_index_.find(names[i]);
    const ColumnType type = s                        ? s->type
                            : p != plan_index_.end() ? plan_[p->second].type
                                                     : ColumnType::kString;
    file.identity.push_back(
        {id, i, type, p == plan_index_.end() ? -1 : static_cast<long>(p->second)});
  }
  std::sort(file.identity.begin(), file.identity.end(),
            [](const IdentityField& a, const IdentityField& b) { return a.id < b.id; });
}

// Appends one cell to its column; on a bad value returns the message (nothing appended).
std::optional<std::string> DatasetLoader::cell(PlanColumn& column, const csv::Field& field) {
  if (field.non_ascii) {
    const size_t bad = csv::first_invalid_utf8(field.text);
    if (bad != std::string_view::npos)
      return fmt::format("{} is not UTF-8 text (byte 0x{:02X}); save the file as CSV UTF-8",
                         column.name, static_cast<unsigned char>(field.text[bad]));
  }
  if (column.required && blank_text(field.text))
    return fmt::format("{} is blank (a value is required)", column.name);
  if (!column.builder.append(field.text, strings_))
    return fmt::format("{} '{}' is not {}", column.name, shown(field.text),
                       values::expected(column.type));
  if (column.codes.empty() || column.builder.column().blank.back()) return std::nullopt;
  const auto code = static_cast<size_t>(column.builder.column().ints.back());
  if (code >= column.verdict.size()) column.verdict.resize(std::max(code + 1, strings_.size()), 0);
  uint8_t& verdict = column.verdict[code];
  if (verdict == 0) {
    const std::string text(strings_.text(static_cast<Code>(code)));
    verdict = std::binary_search(column.codes.begin(), column.codes.end(), text) ? 1 : 2;
  }
  if (verdict == 1) return std::nullopt;
  column.builder.pop_back();
  return fmt::format("{} '{}' is not one of the codes {}", column.name, shown(field.text),
                     join(column.codes, ", "));
}

std::optional<std::string> DatasetLoader::failed_check(const csv::Record& record,
                                                       const FileLayout& file, size_t* column) {
  for (const auto& [c, before] : checks_) {
    const long fc = file.plan_field[c], fb = file.plan_field[before];
    if (fc < 0 || fb < 0) continue;
    const Column& a = plan_[c].builder.column();
    const Column& b = plan_[before].builder.column();
    if (a.blank.back() || b.blank.back()) continue;
    const bool is_before = a.type == ColumnType::kDecimal || b.type == ColumnType::kDecimal
                               ? *a.number(a.blank.size() - 1) < *b.number(b.blank.size() - 1)
                               : a.ints.back() < b.ints.back();
    if (!is_before) continue;
    *column = static_cast<size_t>(fc);
    return fmt::format("{} '{}' is before {} '{}'", plan_[c].name,
                       shown(record.fields[static_cast<size_t>(fc)].text), plan_[before].name,
                       shown(record.fields[static_cast<size_t>(fb)].text));
  }
  return std::nullopt;
}

// A column read into the plan is hashed by its typed value, just appended: a Code for codes
// and strings (equal Codes are equal trimmed, upper-cased texts), a day number for dates. The
// others are hashed from their text. same_identity() compares the same way, from the text.
uint64_t DatasetLoader::identity_hash(const csv::Record& record, const FileLayout& file) const {
  uint64_t h = 0x2545F4914F6CDD1Dull;
  for (const IdentityField& f : file.identity) {
    if (f.plan >= 0) {
      const Column& c = plan_[static_cast<size_t>(f.plan)].builder.column();
      if (c.blank.back()) continue;  // blank and absent are the same
      uint64_t word = static_cast<uint32_t>(c.type == ColumnType::kDecimal ? 0 : c.ints.back());
      if (c.type == ColumnType::kDecimal) {
        const double d = c.decimals.back() + 0.0;  // -0 is 0
        std::memcpy(&word, &d, sizeof word);
      }
      h = detail::hash_step(detail::hash_step(h, f.id), word);
      continue;
    }
    const std::string_view v = values::trim(record.fields[f.field].text);
    if (v.empty()) continue;
    h = hash_value(detail::hash_step(h, f.id), v, f.type);
  }
  return detail::hash_finish(h);
}

// The exact comparison behind a matching hash: the earlier row is read again from its file.
bool DatasetLoader::same_identity(const csv::Record& record, const FileLayout& file, uint32_t row) {
  const uint64_t origin = origins_[row];
  FileLayout& other = files_[static_cast<size_t>(origin >> 48)];
  const csv::Record& old = fetcher(other, false)->fetch(origin & ((uint64_t{1} << 48) - 1));
  if (old.fields.size() != other.header.size()) return false;  // the file changed
  const auto& a = file.identity;
  const auto& b = other.identity;
  size_t i = 0, j = 0;
  for (;;) {
    while (i < a.size() && blank_text(record.fields[a[i].field].text)) ++i;
    while (j < b.size() && blank_text(old.fields[b[j].field].text)) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i].id != b[j].id) return false;
    const std::string_view x = values::trim(record.fields[a[i].field].text);
    const std::string_view y = values::trim(old.fields[b[j].field].text);
    if (!same_value(x, y, a[i].type)) return false;
    ++i, ++j;
  }
}

// The key of the row just appended equals the key of `row`.
bool DatasetLoader::same_key(uint32_t row) const {
  for (size_t k : key_) {
    const Column& c = plan_[k].builder.column();
    const size_t last = c.blank.size() - 1;
    if (c.blank[row] != c.blank[last]) return false;
    if (c.type == ColumnType::kDecimal ? c.decimals[row] != c.decimals[last]
                                       : c.ints[row] != c.ints[last])
      return false;
  }
  return true;
}

// From the key cells' text, read as their types read it (so equal hashes for equal typed keys),
// to be known before the cells are appended: the index slot is fetched from memory meanwhile.
uint64_t DatasetLoader::key_hash(const csv::Record& record, const FileLayout& file) const {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (size_t k : key_) {
    const std::string_view v =
        values::trim(record.fields[static_cast<size_t>(file.plan_field[k])].text);
    h = hash_value(detail::hash_step(h, k), v, plan_[k].type);
  }
  return detail::hash_finish(h);
}

void DatasetLoader::undo_row() {
  for (PlanColumn& c : plan_)
    while (c.builder.size() > rows_) c.builder.pop_back();
}

void DatasetLoader::keep_row(const csv::Record& record, size_t file_index, uint64_t hash) {
  if (!key_.empty()) {
    hashes_.push_back(hash);
    lines_.push_back(record.line);
  }
  origins_.push_back(uint64_t{file_index} << 48 | record.offset);
  ++rows_;
}

void DatasetLoader::warn_replaced(uint32_t old_row, const csv::Record& record, size_t file_index) {
  if (++warnings_ > kMaxWarningsPerDataset) return;
  std::vector<std::string> key_names;
  for (size_t c : key_) key_names.push_back(plan_[c].name);
  const FileLayout& old_file = files_[origins_[old_row] >> 48];
  const FileLayout& new_file = files_[file_index];
  // A return's line is its element's (the key's last column: DECOM of an EPISODE).
  auto line_in = [&](const FileLayout& f, size_t line) {
    const size_t column = static_cast<size_t>(std::max(f.plan_field[key_.back()], 0L)) + 1;
    const auto at = xml_place(f, line, column);
    return at ? at->line : line;
  };
  // Never the key's values: they hold children's identifiers.
  result_.warnings.push_back(fmt::format(
      "{}: {} line {} replaces {} line {} (same {}, other values differ; the later row is kept)",
      name_, new_file.display, line_in(new_file, record.line), old_file.display,
      line_in(old_file, lines_[old_row]), join(key_names, " and ")));
}

void DatasetLoader::reserve_for(uint64_t bytes_per_row) {
  reserved_ = true;
  const size_t rows =
      static_cast<size_t>(bytes_total_ / std::max<uint64_t>(bytes_per_row, 1) +
                          bytes_total_ / std::max<uint64_t>(bytes_per_row, 1) / 16 + 16);
  for (PlanColumn& c : plan_) c.builder.reserve(rows);
  origins_.reserve(rows);
  if (!key_.empty()) {
    hashes_.reserve(rows);
    lines_.reserve(rows);
    by_key_.reserve(rows);
  }
}

void DatasetLoader::row(const csv::Record& record, size_t file_index) {
  const FileLayout& file = files_[file_index];
  ++info_.rows_read;
  const size_t fields = record.fields.size(), width = file.header.size();
  if (fields != width) {
    const bool is_short = fields < width;
    const size_t column = is_short ? fields + 1 : width + 1;
    const size_t line = is_short ? record.fields.back().line : record.fields[width].line;
    bad_row(file, line, column, is_short ? file.header[fields] : "", "",
            fmt::format("{} fields", width),
            fmt::format("row has {} fields, the header has {}", fields, width));
    return;
  }
  const uint32_t key_tag = key_.empty() ? 0 : detail::fold(key_hash(record, file));
  if (!key_.empty()) by_key_.prefetch(key_tag);
  for (size_t c : file.present) {
    const size_t f = static_cast<size_t>(file.plan_field[c]);
    if (auto problem = cell(plan_[c], record.fields[f])) {
      undo_row();
      const bool utf8 = problem->find("not UTF-8") != std::string::npos;
      bad_row(file, record.fields[f].line, f + 1, plan_[c].name,
              utf8 ? "" : std::string(values::trim(record.fields[f].text)),
              utf8                     ? "UTF-8 text"
              : plan_[c].codes.empty() ? values::expected(plan_[c].type)
                                       : "one of the codes",
              *problem);
      return;
    }
  }
  for (size_t c : file.absent) plan_[c].builder.append_blank();
  size_t column = 0;
  if (auto problem = failed_check(record, file, &column)) {
    undo_row();
    bad_row(file, record.fields[column].line, column + 1, file.header[column],
            std::string(values::trim(record.fields[column].text)), "not before", *problem);
    return;
  }
  const uint64_t hash = identity_hash(record, file);
  const uint32_t row = rows_;
  bool keyed = !key_.empty();
  for (size_t k : key_) keyed = keyed && !plan_[k].builder.column().blank.back();
  if (keyed) {
    const uint32_t tag = key_tag;
    auto match = by_key_.find(tag, [&](uint32_t r) { return same_key(r); });
    if (match && hashes_[*match] == hash && same_identity(record, file, *match)) {
      undo_row();
      ++info_.duplicates;
      return;
    }
    if (match) {  // another version of the same record: the later one wins
      dropped_.push_back(*match);
      by_key_.replace(tag, *match, row);
      ++info_.replaced;
      warn_replaced(*match, record, file_index);
    } else {
      by_key_.insert(tag, row);
    }
  } else {
    // Kept for now: whether it repeats an earlier row is found once the dataset is read.
    identities_.add(hash, row);
  }
  keep_row(record, file_index, hash);
}

// Rows a and b (a before b) have the same identity: both read again from their files.
bool DatasetLoader::same_rows(uint32_t a, uint32_t b) {
  const uint64_t origin = origins_[b];
  FileLayout& file = files_[static_cast<size_t>(origin >> 48)];
  const csv::Record& fetched = fetcher(file, true)->fetch(origin & ((uint64_t{1} << 48) - 1));
  if (fetched.fields.size() != file.header.size()) return false;  // the file changed
  // A copy: the fetcher's record only lives until its next call.
  csv::Record copy = fetched;
  std::string text;
  for (const csv::Field& f : copy.fields) text.append(f.text);
  size_t at = 0;
  for (csv::Field& f : copy.fields) {
    f.text = std::string_view(text.data() + at, f.text.size());
    at += f.text.size();
  }
  return same_identity(copy, file, a);
}

// A row without a key repeats an earlier row when their identities are equal: rows whose
// identity hashes are equal are compared, in row order within each group of equal hashes
// (against every earlier row of the group that was kept), and the repeats dropped.
void DatasetLoader::drop_duplicates() {
  std::vector<std::pair<uint32_t, uint32_t>> equal;  // (first row of the hash, later row)
  identities_.find_equal_hashes(
      [&](uint32_t first, uint32_t later) { equal.emplace_back(first, later); });
  identities_ = detail::IdentityLog();
  std::sort(equal.begin(), equal.end());  // by group, rows in order: files read in order
  std::vector<uint32_t> kept;
  for (size_t g = 0; g < equal.size();) {
    const uint32_t first = equal[g].first;
    kept.assign(1, first);
    for (; g < equal.size() && equal[g].first == first; ++g) {
      const uint32_t row = equal[g].second;
      const bool repeat =
          std::any_of(kept.begin(), kept.end(), [&](uint32_t k) { return same_rows(k, row); });
      if (repeat) {
        dropped_.push_back(row);
        ++info_.duplicates;
      } else {
        kept.push_back(row);  // the same hash, another identity
      }
    }
  }
}

// The string table slots of the record's identifiers (string columns), unless the value is
// the one before (CHILD repeats row after row in a sorted extract).
void DatasetLoader::prefetch_strings(const csv::Record& record, const FileLayout& file) const {
  if (record.fields.size() != file.header.size()) return;
  for (size_t c : file.strings) {
    const csv::Field& f = record.fields[static_cast<size_t>(file.plan_field[c])];
    const std::string_view text = values::trim(f.text);
    const Column& column = plan_[c].builder.column();
    if (text.empty() || f.non_ascii) continue;
    if (!column.ints.empty() && !column.blank.back()) {
      const std::string_view last = strings_.text(column.ints.back());
      if (last.size() == text.size() &&
          values::StringTable::same_bytes(last.data(), text.data(), text.size()))
        continue;
    }
    strings_.prefetch(values::StringTable::hash(text));
  }
}

void DatasetLoader::read(const std::filesystem::path& path) {
  const size_t file_index = files_.size();
  if (file_index >= (size_t{1} << 15)) throw std::runtime_error(name_ + ": too many files");
  files_.emplace_back();
  files_.back().path = path;
  files_.back().display = path.string();
  info_.files.push_back(path);
  csv::Reader reader(path);
  read_records(reader, file_index);
}

csv::RecordFetcher* DatasetLoader::fetcher(FileLayout& file, bool second) {
  std::unique_ptr<csv::RecordFetcher>& f = second ? file.fetcher2 : file.fetcher;
  if (!f)
    f = file.part ? std::make_unique<csv::RecordFetcher>(csv::kFromText, file.csv)
                  : std::make_unique<csv::RecordFetcher>(file.path);
  return f.get();
}

void DatasetLoader::read(const returns::Part& part) {
  const size_t file_index = files_.size();
  if (file_index >= (size_t{1} << 15)) throw std::runtime_error(name_ + ": too many files");
  FileLayout& file = files_.emplace_back();
  file.path = part.file;
  file.display = part.file.string();
  file.part = &part;
  write_csv(part, file);
  info_.files.push_back(part.file);
  const size_t same = part.superseded_same, changed = part.superseded_changed;
  info_.rows_read += same + changed;
  info_.duplicates += same;
  info_.replaced += changed;
  if (changed)
    result_.warnings.push_back(fmt::format(
        "{}: {} rows of {} replaced by a later census's version (same {}, other values differ)",
        name_, changed, file.display, join(part.key, " and ")));
  csv::Reader reader(csv::kFromText, file.csv);
  read_records(reader, file_index);
}

void DatasetLoader::read_records(csv::Reader& reader, size_t file_index) {
  const std::filesystem::path& path = files_[file_index].path;
  bytes_total_ += reader.size();
  if (!files_[file_index].part) result_.bytes_read += reader.size();  // a return's: its XML
  std::vector<size_t> blank_lines;  // blank rows not yet known to be at the end of the file
  const auto started = std::chrono::steady_clock::now();
  size_t rows_in_file = 0;
  // Records are parsed a few ahead of the one being loaded, so that the slots their
  // identifiers need in the string table are fetched from memory meanwhile.
  Lookahead ahead;
  bool have_header = false;
  auto next = [&]() -> const csv::Record* {
    if (ahead.count == 0) {
      if (!reader.next(ahead.records[ahead.first])) return nullptr;
      ahead.count = 1;
    }
    while (ahead.count < Lookahead::kRecords) {
      const size_t slot = (ahead.first + ahead.count) % Lookahead::kRecords;
      if (!reader.try_next(ahead.records[slot], ahead.scratch[slot])) break;
      if (have_header) prefetch_strings(ahead.records[slot], files_[file_index]);
      ++ahead.count;
    }
    const csv::Record* record = &ahead.records[ahead.first];
    ahead.first = (ahead.first + 1) % Lookahead::kRecords;
    --ahead.count;
    return record;
  };
  try {
    while (const csv::Record* current = next()) {
      const csv::Record& record = *current;
      if (!have_header) {
        if (record.blank()) continue;  // blank lines before the header
        read_header(files_[file_index], record);
        have_header = true;
        continue;
      }
      if (record.blank()) {
        blank_lines.push_back(record.line);
        continue;
      }
      for (size_t line : blank_lines) {
        ++info_.rows_read;
        bad_row(files_[file_index], line, 1, "", "", "a row of values",
                "blank line before the end of the file");
      }
      blank_lines.clear();
      row(record, file_index);
      if (++rows_in_file == kRowsBeforeReserve && !reserved_)
        reserve_for((ahead.count > 0 ? ahead.records[ahead.first].offset : reader.position()) /
                    rows_in_file);
    }
    if (!have_header) bad_file(files_[file_index], 1, 1, "the file is empty (no header row)");
  } catch (const csv::SyntaxError& e) {
    bad_file(files_[file_index], e.line, e.column, e.what());
  }
  log_.emplace_back(
      spdlog::level::debug,
      fmt::format(
          "{}: read {} ({} bytes, {} rows) in {:.3f} s", name_, path.string(), reader.size(),
          rows_in_file,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
}

template <class T>
void erase_rows(std::vector<T>& v, const std::vector<uint32_t>& sorted_rows) {
  if (sorted_rows.empty() || v.empty()) return;
  size_t out = sorted_rows.front(), next = 0;
  for (size_t r = sorted_rows.front(); r < v.size(); ++r) {
    if (next < sorted_rows.size() && sorted_rows[next] == r) {
      ++next;
      continue;
    }
    v[out++] = std::move(v[r]);
  }
  v.resize(out);
}

void DatasetLoader::finish(Table& table, DatasetInfo& info) {
  drop_duplicates();
  std::sort(dropped_.begin(), dropped_.end());
  table.name = name_;
  table.rows = rows_ - dropped_.size();
  for (PlanColumn& c : plan_) {
    if (!c.keep || !c.present) continue;  // a column no file has is not in the table
    Column column = c.builder.take();
    erase_rows(column.ints, dropped_);
    erase_rows(column.decimals, dropped_);
    erase_rows(column.blank, dropped_);
    table.columns.push_back(std::move(column));
  }
  if (warnings_ > kMaxWarningsPerDataset)
    result_.warnings.push_back(fmt::format("{}: {} more rows replaced by a later version", name_,
                                           warnings_ - kMaxWarningsPerDataset));
  log_.emplace_back(spdlog::level::info,
                    fmt::format("{}: {} rows from {} file(s) ({} duplicates, {} replaced, {} "
                                "rejected)",
                                name_, table.rows, info_.files.size(), info_.duplicates,
                                info_.replaced, info_.rejected));
  info = std::move(info_);
  // Only the strings are still needed (load() merges them): free the rest now, as other
  // datasets may still be loading.
  std::vector<PlanColumn>().swap(plan_);
  std::vector<FileLayout>().swap(files_);
  std::vector<uint64_t>().swap(hashes_);
  origins_.clear();
  std::vector<uint32_t>().swap(lines_);
  std::vector<uint32_t>().swap(dropped_);
  by_key_ = detail::RowIndex();
}

std::vector<std::string> dataset_names(const std::vector<DatasetRequest>& requests,
                                       const SchemaSet& schemas) {
  std::vector<std::string> names;
  for (const auto& [name, schema] : schemas) names.push_back(name);
  for (const auto& r : requests) names.push_back(r.dataset);
  return names;
}

}  // namespace

std::vector<std::filesystem::path> dataset_files(const std::filesystem::path& directory,
                                                 const std::string& dataset,
                                                 const std::vector<std::string>& datasets) {
  std::vector<std::pair<std::string, std::filesystem::path>> found;
  std::error_code ec;
  const std::string want = lower(dataset);
  std::filesystem::directory_iterator it(directory, ec), end;
  if (ec && std::filesystem::exists(directory))
    throw std::runtime_error("cannot list the data folder " + directory.string() + ": " +
                             ec.message());
  for (; !ec && it != end; it.increment(ec)) {
    // Whatever has the name (a folder, a pipe, a broken link too): reading it says what is
    // wrong with it, where skipping it would report the dataset as missing.
    const std::string name = lower(it->path().filename().string());
    if (!file_of(name, want)) continue;
    const bool longer = std::any_of(datasets.begin(), datasets.end(), [&](const std::string& d) {
      return d.size() > want.size() && file_of(name, lower(d));
    });
    if (!longer) found.emplace_back(name, it->path());
  }
  const std::string plain = want + ".csv";
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if ((a.first == plain) != (b.first == plain)) return a.first == plain;
    return natural_less(a.first, b.first);
  });
  std::vector<std::filesystem::path> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

namespace {

// The dataset's Codes renumbered from its own StringTable to the run's.
void renumber(Table& table, const std::vector<Code>& codes) {
  for (Column& c : table.columns) {
    if (c.type != ColumnType::kCode && c.type != ColumnType::kString) continue;
    for (int32_t& v : c.ints) v = codes[static_cast<size_t>(v)];  // blank cells hold 0: ""
  }
}

// One dataset to load: its files, its loader and what the loader made. Datasets are
// independent, so they are read on worker threads, each interning into its own StringTable.
// A file of a dataset, or a return's rows of it.
struct Source {
  std::filesystem::path path;
  const returns::Part* part = nullptr;
};

struct Job {
  size_t index = 0;  // in the order of the requests
  std::string dataset;
  std::vector<Source> files;
  uint64_t bytes = 0;
  LoadResult part;  // this dataset's issues, warnings, bytes read
  std::unique_ptr<DatasetLoader> loader;
  Table table;
  DatasetInfo info;
  std::exception_ptr error;
  std::atomic<bool> finished{false};  // read (or failed); set last, by its worker
  double finish_seconds = 0;
  std::vector<std::pair<spdlog::level::level_enum, std::string>> log;  // once merged
  bool merged = false;
};

// The run's strings, which the datasets' strings join in request order (Merger::advance), as
// the datasets finish: a dataset's Codes are renumbered, and its loader freed, as soon as it
// and every dataset before it are read, on the worker that finished last.
struct Merger {
  std::mutex mutex;
  values::StringTable strings;
  size_t next = 0;  // the first job not merged

  // Merges the finished jobs from `next` on, up to one that failed or is still being read.
  void advance(std::deque<Job>& jobs) {
    for (; next < jobs.size() && jobs[next].finished.load(std::memory_order_acquire); ++next) {
      Job& job = jobs[next];
      if (job.error) return;  // load() merges its strings and throws
      const std::vector<Code> codes = strings.merge(job.loader->strings());
      renumber(job.table, codes);
      job.log = job.loader->take_log();
      job.loader.reset();
      job.merged = true;
    }
  }
};

uint64_t size_of(const std::vector<Source>& files) {
  uint64_t bytes = 0;
  for (const auto& f : files) {
    if (f.part) {
      bytes += f.part->text.size();
      continue;
    }
    std::error_code ec;
    const auto n = std::filesystem::file_size(f.path, ec);
    if (!ec) bytes += n;
  }
  return bytes;
}

// The returns of the folder read, each return's warnings kept and its faults reported (or
// thrown, on_error: fail); the parts of each dataset, a later census's rows superseding an
// earlier one's.
struct ReadReturns {
  std::deque<returns::Reading> readings;
  std::map<std::string, std::vector<returns::Part*>> parts;  // dataset -> parts, oldest first
};

ReadReturns read_returns(detail::Discovery& found, const LoadOptions& options, LoadResult& result) {
  ReadReturns out;
  if (found.returns.empty()) return out;
  returns::ReasonMap reasons;
  bool have_reasons = false;
  for (size_t i = 0; i < found.returns.size(); ++i) {
    const returns::ReturnFile& file = found.returns[i];
    if (file.kind == returns::Kind::kWorkforceCensus && !have_reasons) {
      reasons = returns::load_reason_map(
          options.reason_leave_map.empty() ? std::filesystem::path(SCORECARD_SOURCE_DIR) /
                                                 "indicators" / "returns" / "csww_reason_leave.yaml"
                                           : options.reason_leave_map);
      have_reasons = true;
    }
    FoundFile& listed = found.files[found.return_listing[i]];
    try {
      out.readings.push_back(returns::read_return(file, reasons));
    } catch (const returns::XmlError& e) {
      model::DataQualityIssue issue;
      issue.file = e.file;
      issue.line = e.line;
      issue.column = e.column;
      issue.message = e.what();
      listed.read_as = "not read: " + std::string(e.what());
      if (options.on_error == OnError::kFail) throw DataError(std::move(issue));
      result.issues.push_back(std::move(issue));
      continue;
    }
    returns::Reading& r = out.readings.back();
    result.bytes_read += r.bytes;
    for (auto& w : r.warnings) result.warnings.push_back(std::move(w));
    std::vector<std::string> held;
    for (returns::Part& p : r.parts) {
      // A return holds each of its tables, empty or not (no UASC child: uasc has no rows).
      out.parts[p.dataset].push_back(&p);
      if (p.rows() > 0) held.push_back(fmt::format("{} ({} rows)", p.dataset, p.rows()));
    }
    listed.read_as += ": " + (held.empty() ? std::string("no records") : join(held, ", "));
  }
  for (auto& [dataset, parts] : out.parts) returns::supersede(parts);
  return out;
}

// A dataset's sources: its files by name (in dataset_files' order), then, when it has any,
// the CSV files found by their columns and the returns' parts, all in order of collection
// year (a source without a year first), so that the latest year's version wins.
std::vector<Source> sources_of(std::vector<std::filesystem::path> named,
                               const std::vector<std::filesystem::path>& by_columns,
                               const std::vector<returns::Part*>& parts) {
  std::vector<Source> out;
  for (auto& f : named) out.push_back({std::move(f), nullptr});
  if (by_columns.empty() && parts.empty()) return out;
  for (const auto& f : by_columns) out.push_back({f, nullptr});
  for (const returns::Part* p : parts) out.push_back({p->file, p});
  auto year = [](const Source& s) {
    if (s.part) return s.part->year;
    return returns::year_in_name(s.path.filename().string()).value_or(0);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Source& a, const Source& b) { return year(a) < year(b); });
  return out;
}

// Runs the jobs on up to `threads` threads: the small ones first (in request order, so that
// merging can start), then the others largest first (so that the last to finish are not the
// largest). A job is skipped once an earlier one (in request order) has failed: a sequential
// load would never have read it. Finished jobs are merged as they can be.
void run_jobs(std::deque<Job>& jobs, int threads, Merger& merger) {
  uint64_t total = 0;
  for (const Job& j : jobs) total += j.bytes;
  std::vector<Job*> queue;
  for (Job& j : jobs) queue.push_back(&j);
  auto small = [&](const Job* j) { return j->bytes * 50 < total; };  // under 2% of the bytes
  std::stable_sort(queue.begin(), queue.end(), [&](const Job* a, const Job* b) {
    if (small(a) != small(b)) return small(a);
    return !small(a) && a->bytes > b->bytes;
  });
  std::atomic<size_t> first_failed{jobs.size()};
  scheduler::run(queue.size(), threads, [&](size_t k) {
    Job& job = *queue[k];
    if (job.index > first_failed.load()) return;
    try {
      for (const auto& file : job.files) {
        if (file.part) {
          job.loader->read(*file.part);
        } else {
          job.loader->read(file.path);
        }
      }
      const auto finishing = std::chrono::steady_clock::now();
      job.loader->finish(job.table, job.info);
      job.finish_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - finishing).count();
    } catch (...) {
      job.error = std::current_exception();
      size_t seen = first_failed.load();
      while (job.index < seen && !first_failed.compare_exchange_weak(seen, job.index)) {
      }
    }
    job.finished.store(true, std::memory_order_release);
    // Another worker merging will see this job when it is its turn; if the merge has just
    // passed, load() merges what is left at the end.
    std::unique_lock<std::mutex> lock(merger.mutex, std::try_to_lock);
    if (lock.owns_lock()) merger.advance(jobs);
  });
}

}  // namespace

LoadResult load(const LoadOptions& options, const std::vector<DatasetRequest>& requests,
                const SchemaSet& schemas, StringPool& pool) {
  std::error_code ec;
  if (!options.directory.empty() && !std::filesystem::is_directory(options.directory, ec))
    throw std::runtime_error("data folder " + options.directory.string() + " does not exist");
  std::vector<std::string> order;
  std::map<std::string, std::vector<ColumnRequest>> columns;
  for (const auto& r : requests) {
    if (!columns.count(r.dataset)) order.push_back(r.dataset);
    auto& list = columns[r.dataset];
    list.insert(list.end(), r.columns.begin(), r.columns.end());
  }
  const std::vector<std::string> names = dataset_names(requests, schemas);
  LoadResult result;
  detail::Discovery found = detail::discover(options, names);
  for (auto& problem : found.problems) {
    if (options.on_error == OnError::kFail) throw DataError(std::move(problem));
    result.issues.push_back(std::move(problem));
  }
  const ReadReturns read = read_returns(found, options, result);
  result.files = found.files;
  std::deque<Job> jobs;  // Job holds an atomic: never moved
  for (const auto& dataset : order) {
    std::vector<std::filesystem::path> named;
    if (!options.directory.empty()) named = dataset_files(options.directory, dataset, names);
    auto by_columns = found.by_columns.find(dataset);
    auto parts = read.parts.find(dataset);
    std::vector<Source> files =
        sources_of(std::move(named),
                   by_columns == found.by_columns.end() ? std::vector<std::filesystem::path>{}
                                                        : by_columns->second,
                   parts == read.parts.end() ? std::vector<returns::Part*>{} : parts->second);
    if (auto extra = options.extra_files.find(dataset); extra != options.extra_files.end()) {
      const bool listed = std::any_of(files.begin(), files.end(), [&](const Source& f) {
        return !f.part && std::filesystem::equivalent(f.path, extra->second, ec);
      });
      if (!listed) files.push_back({extra->second, nullptr});
    }
    if (files.empty()) {
      result.missing_datasets.push_back(dataset);
      continue;
    }
    Job& job = jobs.emplace_back();
    job.index = jobs.size() - 1;
    job.dataset = dataset;
    job.bytes = size_of(files);
    job.files = std::move(files);
    auto schema = schemas.find(dataset);
    job.loader = std::make_unique<DatasetLoader>(
        dataset, columns[dataset], schema == schemas.end() ? nullptr : &schema->second, options,
        job.part);
  }
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  auto phase = std::chrono::steady_clock::now();
  Merger merger;
  for (Code c = 1; c < static_cast<Code>(pool.size()); ++c) merger.strings.intern(pool.text(c));
  run_jobs(jobs, options.threads, merger);
  spdlog::debug("datasets read and their strings merged in {:.2f} s", since(phase));
  phase = std::chrono::steady_clock::now();

  // In request order, as a sequential load: each dataset's strings join the run's (so that
  // the pool's Codes are those of interning cell by cell, dataset by dataset), its columns are
  // renumbered, its issues and warnings appended. The first dataset that failed throws, once
  // the strings read before the failure are in the pool.
  merger.advance(jobs);
  values::StringTable& strings = merger.strings;
  for (Job& job : jobs) {
    if (!job.merged) {  // the first that failed (the others after it were skipped)
      strings.merge(job.loader->strings());
      job.loader->replay_log();
      pool.adopt(std::make_shared<values::FrozenStrings>(std::move(strings)));
      std::rethrow_exception(job.error);
    }
    for (const auto& [level, line] : job.log) spdlog::log(level, "{}", line);
    spdlog::debug("{}: finished in {:.3f} s", job.dataset, job.finish_seconds);
    result.tables[job.dataset] = std::move(job.table);
    result.info[job.dataset] = std::move(job.info);
    for (auto& i : job.part.issues) result.issues.push_back(std::move(i));
    for (auto& w : job.part.warnings) result.warnings.push_back(std::move(w));
    result.bytes_read += job.part.bytes_read;
  }
  spdlog::debug("the last strings merged ({} distinct) in {:.2f} s", strings.size(), since(phase));
  pool.adopt(std::make_shared<values::FrozenStrings>(std::move(strings)));
  // The loaders' row state and string tables are freed, mostly in the
  // middle of the heap, where the allocator keeps them: give those pages back before the
  // indicators allocate theirs (at national scale, several hundred MB of the peak).
  malloc_trim(0);
  for (const auto& [name, table] : result.tables)
    for (const Column& c : table.columns) {
      if (c.type != ColumnType::kDate) continue;
      for (size_t r = 0; r < table.rows; ++r)
        if (!c.blank[r] && (!result.latest_date || c.ints[r] > result.latest_date->days))
          result.latest_date = Date{c.ints[r]};
    }
  return result;
}

}  // namespace scorecard::datasets
