// The dataset loader's parts (internal to core/datasets): one DatasetLoader per dataset reads
// its files row by row into typed columns; datasets::load (loader.cpp) schedules them.
//   loader.cpp             scheduling: datasets on worker threads, strings merged in order
//   loader_sources.cpp     discovery: a dataset's files by name, returns read, sources ordered
//   loader_header.cpp      header mapping: the column plan, each file's header against it
//   loader_rows.cpp        the row loop: records, cell checks, typed cells, identity hashes
//   loader_duplicates.cpp  deduplication: replaced rows, exact repeats, dropped rows
//   loader_messages.cpp    bad rows and files: file:line:column messages, the XML's places
// Every function called once per cell is in loader_rows.cpp, so that it is inlined there.
#pragma once

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/datasets/csv.hpp"
#include "core/datasets/datasets.hpp"
#include "core/datasets/returns.hpp"
#include "core/datasets/returns_discover.hpp"
#include "core/datasets/row_index.hpp"
#include "core/values/column_builder.hpp"
#include "core/values/string_table.hpp"
#include "core/values/values.hpp"

namespace scorecard::datasets::loading {

inline constexpr size_t kMaxWarningsPerDataset = 20;
inline constexpr size_t kRowsBeforeReserve = 256;  // rows read before sizing the columns
inline constexpr size_t kBatchRows = 2048;         // simple records converted at a time
inline constexpr size_t kPrefetchRows = 12;        // how far ahead of a batch's row its hash
                                                   // table slots are fetched

// Text helpers (loader_messages.cpp).
std::string lower(std::string_view s);
bool equal_ignoring_case(std::string_view a, std::string_view b);
// A cell's value as a message shows it: trimmed, control characters escaped, cut at 60.
std::string shown(std::string_view text);
std::string join(const std::vector<std::string>& items, const char* sep);
inline bool blank_text(std::string_view s) { return values::trim(s).empty(); }

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
// folded as text. same_value() is the matching comparison (loader_rows.cpp).
uint64_t hash_value(uint64_t h, std::string_view v, ColumnType type);
bool same_value(std::string_view a, std::string_view b, ColumnType type);

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

struct XmlPlace {
  size_t line, column;
  std::string path;
};
std::optional<XmlPlace> xml_place(const FileLayout& file, size_t line, size_t column);

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
  // The simple records of a block (csv::SimpleRecords), a column at a time; any record that
  // would not simply be kept (a bad cell, a failed check, a duplicate, a replaced row) sends
  // it and those after it to row(), so that the outcome is exactly row()'s, row by row.
  // Returns false when it did.
  bool simple_rows(const csv::SimpleRecords& batch, size_t file_index);
  void rows_one_by_one(const csv::SimpleRecords& batch, size_t from, size_t file_index);
  std::optional<std::string> cell(PlanColumn& column, std::string_view text, bool non_ascii);
  bool allowed_code(PlanColumn& column);
  // Whether the row at `at` (of the columns' rows) fails a not-before check: the check's
  // plan column, or npos.
  size_t failed_check(const FileLayout& file, size_t at) const;
  // A row's identity hash, from its typed cells at `at` and, for the columns not read into the
  // plan, its text (`text(field)`, untrimmed); its key's tag in by_key_, from its typed cells.
  template <class Text>
  uint64_t identity_hash(Text&& text, const FileLayout& file, size_t at) const;
  uint32_t key_tag(size_t at) const;
  bool same_identity(const csv::Record& record, const FileLayout& file, uint32_t row);
  // The key of `row` equals the key of the row at `at`.
  bool same_key(uint32_t row, size_t at) const;
  void keep_row(uint32_t line, uint64_t offset, size_t file_index, uint64_t hash);
  void drop_duplicates();
  bool same_rows(uint32_t a, uint32_t b);
  void undo_row();
  void reserve_for(uint64_t bytes_per_row);
  void warn_replaced(uint32_t old_row, const csv::Record& record, size_t file_index);
  void bad_row(const FileLayout& file, size_t line, size_t column, std::string column_name,
               std::string value, std::string expected, const std::string& text);
  model::DataQualityIssue issue_at(const FileLayout& file, size_t line, size_t column,
                                   const std::string& text, bool path) const;
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

// The datasets named by the requests and the schemas (loader_sources.cpp).
std::vector<std::string> dataset_names(const std::vector<DatasetRequest>& requests,
                                       const SchemaSet& schemas);

// A file of a dataset, or a return's rows of it.
struct Source {
  std::filesystem::path path;
  const returns::Part* part = nullptr;
};
uint64_t size_of(const std::vector<Source>& files);

// The returns of the folder read, each return's warnings kept and its faults reported (or
// thrown, on_error: fail); the parts of each dataset, a later census's rows superseding an
// earlier one's.
struct ReadReturns {
  std::deque<returns::Reading> readings;
  std::map<std::string, std::vector<returns::Part*>> parts;  // dataset -> parts, oldest first
};

ReadReturns read_returns(detail::Discovery& found, const LoadOptions& options, LoadResult& result);

// A dataset's sources: its files by name (in dataset_files' order), then, when it has any,
// the CSV files found by their columns and the returns' parts, all in order of collection
// year (a source without a year first), so that the latest year's version wins.
std::vector<Source> sources_of(std::vector<std::filesystem::path> named,
                               const std::vector<std::filesystem::path>& by_columns,
                               const std::vector<returns::Part*>& parts);

}  // namespace scorecard::datasets::loading
