// tests/datasets: loading a folder of CSV files against the repository's schemas.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/datasets/datasets.hpp"
#include "tests/datasets/temp_dir.hpp"

namespace scorecard::datasets::testing {

// The schemas of indicators/datasets, read once.
inline const SchemaSet& repo_schemas() {
  static const SchemaSet schemas = load_schemas(SCORECARD_SOURCE_DIR "/indicators/datasets");
  return schemas;
}

// Every column of the dataset's schema, with its type.
inline DatasetRequest all_columns(const std::string& dataset) {
  DatasetRequest r{dataset, {}};
  for (const auto& c : repo_schemas().at(dataset).columns) r.columns.push_back({c.name, c.type});
  return r;
}

inline DatasetRequest columns(const std::string& dataset, std::vector<ColumnRequest> cols) {
  return DatasetRequest{dataset, std::move(cols)};
}

struct Loaded {
  StringPool pool;
  LoadResult result;

  const Table& table(const std::string& dataset) const { return result.tables.at(dataset); }
  const DatasetInfo& info(const std::string& dataset) const { return result.info.at(dataset); }

  // The cells of a column as text: codes and strings from the pool, dates in ISO, "" for blank.
  std::vector<std::string> cells(const std::string& dataset, const std::string& column) const {
    const Table& t = table(dataset);
    const Column& c = t.column(column);
    std::vector<std::string> out;
    for (size_t r = 0; r < t.rows; ++r) {
      if (c.is_blank(r)) {
        out.emplace_back();
        continue;
      }
      switch (c.type) {
        case ColumnType::kCode:
        case ColumnType::kString: out.emplace_back(pool.text(c.code(r))); break;
        case ColumnType::kDate: out.push_back(c.date(r)->iso()); break;
        case ColumnType::kDecimal: out.push_back(std::to_string(*c.number(r))); break;
        default: out.push_back(std::to_string(c.ints[r])); break;
      }
    }
    return out;
  }
};

// Every column of every table has one cell per row, and the counts add up.
inline void expect_consistent(const LoadResult& result) {
  for (const auto& [name, table] : result.tables) {
    for (const Column& c : table.columns) {
      EXPECT_EQ(c.blank.size(), table.rows) << name << "." << c.name;
      EXPECT_EQ(c.type == ColumnType::kDecimal ? c.decimals.size() : c.ints.size(), table.rows)
          << name << "." << c.name;
    }
    const DatasetInfo& info = result.info.at(name);
    EXPECT_EQ(table.rows, info.rows_read - info.duplicates - info.replaced - info.rejected) << name;
  }
}

inline std::unique_ptr<Loaded> load_folder(const std::filesystem::path& folder,
                                           const std::vector<DatasetRequest>& requests,
                                           OnError on_error = OnError::kFail,
                                           LoadOptions options = {}) {
  auto loaded = std::make_unique<Loaded>();
  options.directory = folder;
  options.on_error = on_error;
  loaded->result = load(options, requests, repo_schemas(), loaded->pool);
  expect_consistent(loaded->result);
  return loaded;
}

// The message of the DataError thrown by `f`, or "" when nothing was thrown.
template <class F>
std::string data_error(F&& f) {
  try {
    f();
  } catch (const DataError& e) {
    EXPECT_EQ(e.issue.message, e.what());
    return e.what();
  }
  return "";
}

}  // namespace scorecard::datasets::testing
