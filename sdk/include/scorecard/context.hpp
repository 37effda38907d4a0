// scorecard SDK: the read-only view a calculation gets: its tables, its parameters, the
// authority's settings, the shared care index and a logger. Implemented by the core.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scorecard/care.hpp"
#include "scorecard/parameters.hpp"
#include "scorecard/table.hpp"

namespace scorecard {

// The authority's settings from the configuration.
struct Authority {
  std::string name;
  std::string code;
  std::optional<double> population_0_17;  // for rates per 10,000
};

enum class LogLevel { kDebug, kInfo, kWarn };

// Everything a calculation may read. One Context per indicator use and run; it outlives the
// calculate() call only in the core. All functions are safe to call from several threads.
class Context {
 public:
  virtual ~Context() = default;

  // The dataset, or nullptr when it is absent (only possible for an optional need).
  virtual const Table* find_table(std::string_view dataset) const = 0;
  virtual const StringPool& strings() const = 0;
  virtual const Parameters& params() const = 0;
  virtual const Authority& authority() const = 0;
  // True when the caller (`scorecard explain`) wants the record ids behind each figure.
  virtual bool want_records() const = 0;
  // Each child's episodes, indexed once per run and shared by every indicator. Throws
  // std::runtime_error when the episodes dataset is not loaded.
  virtual const CareIndex& care() const = 0;
  // The dataset's rows grouped by the Codes of one of its code or string columns (each
  // child's visits: rows_by("visits", "CHILD").of(child)), built once per run and shared by
  // every indicator that asks for it (SDK 2.3). Throws std::runtime_error when the dataset is
  // not loaded or the column is not one of its code or string columns.
  virtual const RowGroups& rows_by(std::string_view dataset, std::string_view column) const = 0;
  // Logged under the indicator's id. Never put a child's identifier in an info/warn line.
  virtual void log(LogLevel level, const std::string& message) const = 0;

  // The dataset, which the core guarantees for a required need.
  const Table& table(std::string_view dataset) const {
    if (const Table* t = find_table(dataset)) return *t;
    throw std::runtime_error("dataset '" + std::string(dataset) +
                             "' is not loaded (declare it in the indicator's data needs)");
  }
  // Codes resolved against this run's data, for comparing with Column::code().
  CodeSet codes(const std::vector<std::string>& texts) const { return CodeSet(strings(), texts); }
  std::string_view text(Code code) const { return strings().text(code); }
  // The record id to hand a Ratio or a Distribution: the code's text when the caller wants
  // records (want_records()), else nothing, without looking the text up (a scorecard run
  // counts millions of children and keeps none of their ids).
  std::string_view record(Code code) const {
    return want_records() ? strings().text(code) : std::string_view();
  }
};

}  // namespace scorecard
