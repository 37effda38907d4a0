// datasets/returns_discover: what each file of the data folder is, by name or by content
// (the loader's first step; docs/datasets.md, "Statutory returns").
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/datasets/datasets.hpp"
#include "core/datasets/returns.hpp"

namespace scorecard::datasets::detail {

struct Discovery {
  std::map<std::string, std::vector<std::filesystem::path>> by_columns;  // dataset -> CSVs
  std::vector<returns::ReturnFile> returns;                              // XML returns
  std::vector<FoundFile> files;        // every file, with what it is read as
  std::vector<size_t> return_listing;  // per return: its entry in `files`
  // Files that match two datasets, look like a return and match none, are not well-formed,
  // or have no collection year: each names the file.
  std::vector<model::DataQualityIssue> problems;
  // CSV files named for a dataset that are not read as it (their header row is another
  // table's): dataset_files() finds them by their name, the loader leaves them out.
  std::vector<std::filesystem::path> not_read;
};

// `datasets` are the dataset names known (schemas and requests), for matching file names.
Discovery discover(const LoadOptions& options, const std::vector<std::string>& datasets);

}  // namespace scorecard::datasets::detail
