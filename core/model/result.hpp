// model: the computed scorecard, as every report reads it. Reports never recompute; they
// only format what is here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scorecard/sdk.hpp"

namespace scorecard::model {

enum class Status { kOk, kNotComputed, kError };
enum class Rag { kNone, kGreen, kAmber, kRed };  // kNone: neutral polarity, no target, no value
// kNone: nothing to compare. kUp/kDown: the value moved, for an indicator with no better
// direction (neutral polarity), which says which way without judging it.
enum class Direction { kNone, kImproving, kDeclining, kUnchanged, kUp, kDown };
enum class Comparison { kNone, kBetter, kWorse, kSame };  // against a benchmark
// Whether a gap to a benchmark is bigger than chance: the benchmark outside the authority's
// 95% interval. kHigher/kLower for an indicator with no better direction. kNone: no interval
// (a count, a mean, no denominator) or nothing to compare.
enum class Significance { kNone, kBetter, kSimilar, kWorse, kHigher, kLower };

// A 95% confidence interval on the authority's figure, in the figure's units.
struct Interval {
  double low = 0, high = 0;
  std::string method;  // "wilson" (a percentage), "byar" (a rate per 10,000)
};

struct Tolerance {
  double value = 0;
  bool relative = false;  // "5%": a percentage of the target, not points
};

struct BenchmarkResult {
  std::string name;  // "england", "statistical_neighbours", "region"
  double value = 0;
  Comparison comparison = Comparison::kNone;        // the authority's value against it
  Significance significance = Significance::kNone;  // the interval against it
  std::string source;  // "configuration", or the published year it came from ("DfE 2024-25")
};

// One statistical neighbour's published figure. No value: `marker` says why (c, z, x, k, u,
// low as the file wrote it; "no row" when the file has none for it).
struct PublishedNeighbour {
  std::string dfe_number, code, name;
  std::optional<double> value;
  std::string marker;
};

// What the DfE's published statistics say for one indicator in one period (core/benchmarks).
struct PublishedBenchmarks {
  bool available = false;  // false: `note` says why there is nothing
  std::string note;
  int year = 0;            // the file's time_period
  std::string year_label;  // "2024-25 (year ending 31 March 2025)"
  std::string basis;       // "the period's own year", "latest published year not after the period"
  std::string file;        // the file's name
  std::optional<double> england, region;
  std::string region_code, region_name;
  std::optional<double> neighbours;                // mean or median of the neighbours with a value
  std::string neighbours_method;                   // "mean" or "median"
  std::vector<PublishedNeighbour> neighbour_list;  // the model's order
  int neighbours_missing = 0;                      // neighbours left out: no value
  std::optional<double> own;                       // the authority's published figure
  std::string own_marker;                          // why not, when absent
  std::optional<double> own_numerator, own_denominator;
  std::optional<int> rank;  // 1 = best (lowest first for no better direction)
  int ranked = 0;           // LAs with a value
  std::string quartile;     // "A" (best) to "D"
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
  std::optional<Interval> interval;     // 95%, from numerator and denominator
  bool target_within_interval = false;  // the RAG is "within chance"
  std::optional<PublishedBenchmarks> published;
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
  std::map<std::string, double> benchmarks;  // as configured
  std::string benchmark_note;  // why there is no published benchmark (params differ...)
  std::map<std::string, std::string> commentary;  // period label -> text
  std::string plugin_file, plugin_version, indicator_version;
  std::map<std::string, ParamValue> params;  // every parameter as the use sets it (or defaults)
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

// Where the published benchmarks came from (config `benchmarks:`).
struct PublishedSource {
  std::string directory;
  std::string dfe_number, code, name;  // the authority as the files name it
  std::string region_code, region_name;
  std::string neighbours_method;  // "mean" or "median"
  std::string year_rule;          // "same" or "latest"
  std::string neighbour_model;    // the statistical-neighbour file
};

struct Scorecard {
  static constexpr const char* kSchemaVersion = "1.3.0";
  Authority authority;
  std::string run_at;  // ISO 8601 UTC, when the run started
  std::string period;  // the reporting period's label
  Date period_start, period_end;
  std::optional<Date> data_to;  // the latest date seen in the data
  std::string config_path, config_hash;
  std::vector<IndicatorResult> indicators;
  std::vector<DataQualityIssue> data_quality;
  std::vector<RagSummary> summary;  // first the whole scorecard, then one per set
  std::optional<PublishedSource> published;
};

const char* to_string(Status s);
const char* to_string(Rag r);
const char* to_string(Direction d);
const char* to_string(Comparison c);
// "significantly_better", "similar", "significantly_worse", "significantly_higher",
// "significantly_lower", "none".
const char* to_string(Significance s);

// A parameter's value as text, for the audit trail and the history store's params hash:
// "" (blank), "true", "42", "0.5", "RESIGNED", "[S, P, B]".
std::string param_text(const ParamValue& v);

}  // namespace scorecard::model
