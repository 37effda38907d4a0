// engine: the computed scorecard, as every report reads it. Reports never recompute; they
// only format what is here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scorecard/sdk.hpp"

namespace scorecard::engine {

enum class Status { kOk, kNotComputed, kError };
enum class Rag { kNone, kGreen, kAmber, kRed };  // kNone: neutral polarity, no target, no value
// kNone: nothing to compare. kUp/kDown: the value moved, for an indicator with no better
// direction (neutral polarity), which says which way without judging it.
enum class Direction { kNone, kImproving, kDeclining, kUnchanged, kUp, kDown };
enum class Comparison { kNone, kBetter, kWorse, kSame };  // against a benchmark

struct Tolerance {
  double value = 0;
  bool relative = false;  // "5%": a percentage of the target, not points
};

struct BenchmarkResult {
  std::string name;  // "england", "statistical_neighbours", "region"
  double value = 0;
  Comparison comparison = Comparison::kNone;  // the authority's value against it
};

// One indicator in one period, rated.
struct PeriodResult {
  std::string label;        // "2018-19 Q3"
  Date start, end;          // the reporting period
  Date from, to;            // the window the indicator read
  Observation observation;  // numerator, denominator, value, breakdowns, notes (records empty)
  std::optional<double> target;
  Rag rag = Rag::kNone;
  Direction vs_previous = Direction::kNone;
  Direction vs_last_year = Direction::kNone;
  std::vector<BenchmarkResult> benchmarks;
  bool small_number = false;  // denominator below report.small_numbers
  bool suppressed = false;    // counts masked for publication (report.suppress)
  std::vector<std::string> suppressed_breakdowns;  // "dimension/category" masked
};

// One use of an indicator (an id with its own code and parameters), all its periods.
struct IndicatorResult {
  std::string id, code, name, description, definition_source, theme, set;
  Unit unit = Unit::kPercent;
  Polarity polarity = Polarity::kNeutral;
  int decimals = 1;
  std::optional<double> target;  // the reporting period's target
  std::optional<Tolerance> tolerance;
  std::map<std::string, double> benchmarks;       // as configured
  std::map<std::string, std::string> commentary;  // period label -> text
  std::string plugin_file, plugin_version, indicator_version;
  std::map<std::string, std::string> params;  // name -> value as text, for the audit trail
  Status status = Status::kOk;
  std::string message;                // why not computed / the error
  std::vector<PeriodResult> periods;  // oldest first; the reporting period last
};

// A bad row reported under data.on_error: report (it was left out of the tables).
struct DataQualityIssue {
  std::string dataset, file;
  size_t line = 0, column = 0;
  std::string column_name, value, expected;
  std::string message;  // the whole sentence, with file, line and column
};

struct RagSummary {
  std::string set;  // indicator set ("" = all)
  int green = 0, amber = 0, red = 0, not_rated = 0, not_computed = 0;
};

struct Scorecard {
  static constexpr const char* kSchemaVersion = "1.1.0";
  Authority authority;
  std::string run_at;  // ISO 8601 UTC, when the run started
  std::string period;  // the reporting period's label
  Date period_start, period_end;
  std::optional<Date> data_to;  // the latest date seen in the data
  std::string config_path, config_hash;
  std::vector<IndicatorResult> indicators;
  std::vector<DataQualityIssue> data_quality;
  std::vector<RagSummary> summary;  // first the whole scorecard, then one per set
};

const char* to_string(Status s);
const char* to_string(Rag r);
const char* to_string(Direction d);
const char* to_string(Comparison c);

}  // namespace scorecard::engine
