// engine: the Context a calculation reads, over the tables loaded once for the run.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "scorecard/context.hpp"
#include "scorecard/metadata.hpp"
#include "scorecard/parameters.hpp"

namespace scorecard::engine {

// The run's data, shared read-only by every indicator: tables, interned strings, the
// authority, and the care index built on first use (once, thread-safe).
class RunData {
 public:
  std::map<std::string, Table, std::less<>> tables;
  StringPool strings;
  Authority authority;

  const Table* find(std::string_view name) const;
  const CareIndex& care() const;
  // The rows of `dataset` grouped by `column`, built on first use (once per pair, thread-safe).
  const RowGroups& rows_by(std::string_view dataset, std::string_view column) const;

 private:
  mutable std::once_flag care_once_;
  mutable std::unique_ptr<CareIndex> care_;
  struct Grouping {
    std::once_flag once;
    RowGroups groups;
    std::string error;  // why it could not be built
  };
  mutable std::mutex groups_mutex_;  // guards the map, not the building
  mutable std::map<std::pair<std::string, std::string>, std::unique_ptr<Grouping>, std::less<>>
      groups_;
};

// The months of a rolling window: the indicator's `period_months`, or, when it declares an
// integer parameter `window_months`, that parameter's value in this use (1 to 1200; anything
// else is left for the calculation to refuse). So `Period::from` is the window the indicator
// counts in, and the reports show it, when a council changes the window.
int rolling_window_months(const Metadata& metadata, const Parameters& params);

// One indicator use's view of the run: the shared data plus its own parameters.
class RunContext final : public Context {
 public:
  RunContext(const RunData& data, Parameters params, std::string indicator, bool want_records);

  const Table* find_table(std::string_view dataset) const override { return data_.find(dataset); }
  const StringPool& strings() const override { return data_.strings; }
  const Parameters& params() const override { return params_; }
  const Authority& authority() const override { return data_.authority; }
  bool want_records() const override { return want_records_; }
  const CareIndex& care() const override { return data_.care(); }
  const RowGroups& rows_by(std::string_view dataset, std::string_view column) const override {
    return data_.rows_by(dataset, column);
  }
  void log(LogLevel level, const std::string& message) const override;

 private:
  const RunData& data_;
  Parameters params_;
  std::string indicator_;
  bool want_records_;
};

}  // namespace scorecard::engine
