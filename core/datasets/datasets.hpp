// datasets: reads the council's CSV extracts into typed columnar tables, once per run.
// In: a data directory, the dataset schemas (indicators/datasets/*.yaml), the columns the
// indicators need. Out: one Table per dataset (only the needed columns), the bad rows
// reported, and what was missing. Nothing here knows about indicators.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/result.hpp"
#include "scorecard/table.hpp"

namespace scorecard::datasets {

// A column of a dataset schema.
struct ColumnSchema {
  std::string name;  // the DfE name, upper-case
  ColumnType type = ColumnType::kString;
  std::vector<std::string> codes;  // for kCode: the allowed codes (empty: any)
  std::string description;         // optional, for people reading the schema
};

// A row check: `column` must not be before `not_before` when both are present
// (e.g. DEC not before DECOM).
struct RowCheck {
  std::string column;
  std::string not_before;
};

struct DatasetSchema {
  std::string name;  // "episodes"
  std::string description;
  std::vector<ColumnSchema> columns;
  std::vector<std::string> key;       // a record's identity across files: CHILD, DECOM
  std::vector<std::string> required;  // columns that may not be blank (e.g. CHILD, DECOM)
  std::vector<RowCheck> checks;
  const ColumnSchema* find(const std::string& column) const;
};

using SchemaSet = std::map<std::string, DatasetSchema>;

// Reads every *.yaml in `directory`. Throws std::runtime_error naming file, line and column.
// The format is in docs/datasets.md.
SchemaSet load_schemas(const std::filesystem::path& directory);
// Reads one schema file (the same rules).
DatasetSchema load_schema_file(const std::filesystem::path& file);

// One column some indicator asked for.
struct ColumnRequest {
  std::string name;
  ColumnType type = ColumnType::kString;  // used when the dataset has no schema
};

struct DatasetRequest {
  std::string dataset;
  std::vector<ColumnRequest> columns;  // the union over all indicators
};

enum class OnError { kFail, kReport };

struct LoadOptions {
  std::filesystem::path directory;
  // Extra files for a dataset outside the directory (e.g. postcode_centroids from the
  // authority settings): dataset -> file.
  std::map<std::string, std::filesystem::path> extra_files;
  std::map<std::string, std::map<std::string, std::string>> renames;  // dataset -> DfE -> local
  OnError on_error = OnError::kFail;
  int threads = 0;  // datasets read at once (0: one per core)
  // The collection year of a statutory return whose file name has none (data.returns in the
  // config): per file name, else for every such return.
  std::map<std::string, int> return_years;
  std::optional<int> return_year;
  // The workforce census's ReasonLeave -> LEAVING_REASON mapping (empty: the repository's
  // indicators/returns/csww_reason_leave.yaml).
  std::filesystem::path reason_leave_map;
};

// A bad value under on_error: fail. what() names the file, line, column, the value and what
// was expected.
class DataError : public std::runtime_error {
 public:
  explicit DataError(model::DataQualityIssue issue);
  model::DataQualityIssue issue;
};

struct DatasetInfo {
  std::vector<std::filesystem::path> files;    // in the order read (oldest first)
  std::vector<std::string> available_columns;  // header names after renames (DfE names)
  size_t rows_read = 0, duplicates = 0, replaced = 0, rejected = 0;
};

// A file of the data folder and what it was read as (`scorecard validate` lists them).
struct FoundFile {
  std::filesystem::path path;
  std::string read_as;  // "episodes (by its name)", "SSDA903 return 2018-19: header, ...", ...
};

struct LoadResult {
  std::vector<FoundFile> files;                      // every file of the data folder
  std::map<std::string, Table, std::less<>> tables;  // datasets found, needed columns present
  std::map<std::string, DatasetInfo> info;           // per dataset found
  std::vector<std::string> missing_datasets;         // asked for, no file
  std::vector<model::DataQualityIssue> issues;  // rows reported and left out (on_error: report)
  std::vector<std::string> warnings;            // e.g. conflicting versions of an episode
  std::uintmax_t bytes_read = 0;
  std::optional<Date> latest_date;  // the latest date in any loaded date column
};

// Loads every requested dataset found in the directory (<dataset>.csv and <dataset>_*.csv),
// interning codes and strings into `pool`. A requested column absent from the file is left
// out of the table (the engine then reports the indicators that needed it as not computed).
// Throws DataError (on_error: fail) or std::runtime_error (unreadable file).
LoadResult load(const LoadOptions& options, const std::vector<DatasetRequest>& requests,
                const SchemaSet& schemas, StringPool& pool);

// The files of `dataset` in `directory`, oldest first: <dataset>.csv, then <dataset>_*.csv in
// natural order of the suffix (2 before 10); file names compared case-insensitively. A file
// that belongs to a longer name in `datasets` (cp_plans_2019.csv when "cp_plans" is listed and
// the dataset is "cp") is left to it. An absent directory has no files.
std::vector<std::filesystem::path> dataset_files(const std::filesystem::path& directory,
                                                 const std::string& dataset,
                                                 const std::vector<std::string>& datasets = {});

}  // namespace scorecard::datasets
