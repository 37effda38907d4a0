// scorecard SDK: what a calculation returns for each period, and the helpers that build it
// (ratios with their record ids, counts with breakdowns, means and medians).
#pragma once

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scorecard {

// One category of a breakdown: e.g. dimension "sex", category "Female".
struct Breakdown {
  std::string dimension;
  std::string category;
  double numerator = 0;
  std::optional<double> denominator;
  std::optional<double> value;
};

// One period's figure. `value` is empty where there is nothing to report (an empty cohort).
// Record ids are filled only when Context::want_records() is true.
struct Observation {
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::optional<double> value;
  std::vector<Breakdown> breakdowns;
  std::vector<std::string> numerator_records;
  std::vector<std::string> denominator_records;
  std::vector<std::string> notes;  // counts an analyst needs beside the figure
  // What the numerator and denominator are sums of ("FTE") when they are sums of weights
  // (WeightedRatio), so the reports show "7.0 of 39.2 FTE"; empty for counts of records.
  std::string weight_unit;
};

// Counts a cohort: each counted record joins the denominator, and the numerator when it
// meets the definition. Breakdown categories are counted the same way.
class Ratio {
 public:
  explicit Ratio(bool keep_records) : keep_records_(keep_records) {}

  // `record` identifies the child or record (the audit trail); copied only when kept.
  void count(std::string_view record, bool in_numerator,
             std::initializer_list<std::pair<std::string_view, std::string_view>> breakdowns = {}) {
    ++denominator_;
    if (in_numerator) ++numerator_;
    if (keep_records_) {
      denominator_records_.emplace_back(record);
      if (in_numerator) numerator_records_.emplace_back(record);
    }
    for (const auto& [dimension, category] : breakdowns) {
      auto& cell = cells_[{std::string(dimension), std::string(category)}];
      ++cell.second;
      if (in_numerator) ++cell.first;
    }
  }
  void note(std::string text) { notes_.push_back(std::move(text)); }

  long numerator() const { return numerator_; }
  long denominator() const { return denominator_; }

  // numerator / denominator x 100; no value for an empty denominator.
  Observation percent() const { return finish(100.0); }
  // numerator / denominator.
  Observation ratio() const { return finish(1.0); }
  // The numerator alone is the figure (a count); breakdowns are counts of the numerator.
  Observation count() const {
    Observation o = base();
    o.value = static_cast<double>(numerator_);
    for (const auto& [key, cell] : cells_)
      o.breakdowns.push_back({key.first, key.second, static_cast<double>(cell.first), std::nullopt,
                              static_cast<double>(cell.first)});
    return o;
  }

 private:
  Observation base() const {
    Observation o;
    o.numerator = static_cast<double>(numerator_);
    o.denominator = static_cast<double>(denominator_);
    o.numerator_records = numerator_records_;
    o.denominator_records = denominator_records_;
    o.notes = notes_;
    return o;
  }
  Observation finish(double scale) const {
    Observation o = base();
    if (denominator_ > 0) o.value = scale * numerator_ / denominator_;
    for (const auto& [key, cell] : cells_) {
      std::optional<double> v;
      if (cell.second > 0) v = scale * cell.first / cell.second;
      o.breakdowns.push_back({key.first, key.second, static_cast<double>(cell.first),
                              static_cast<double>(cell.second), v});
    }
    return o;
  }

  bool keep_records_;
  long numerator_ = 0;
  long denominator_ = 0;
  std::vector<std::string> numerator_records_;
  std::vector<std::string> denominator_records_;
  std::vector<std::string> notes_;
  std::map<std::pair<std::string, std::string>, std::pair<long, long>> cells_;
};

// A ratio of sums of weights, such as full-time equivalents: each record adds its weight to
// the numerator, the denominator or both (turnover: leavers' FTE over the FTE in post). The
// records are kept for `scorecard explain` as Ratio keeps them, and the figures are shown as
// weights ("7.0 of 39.2 FTE") rather than as counts.
class WeightedRatio {
 public:
  explicit WeightedRatio(bool keep_records, std::string weight_unit = "FTE")
      : keep_records_(keep_records), unit_(std::move(weight_unit)) {}

  // A record of the denominator with its weight, and of the numerator too when in_numerator
  // (the same weight); breakdown categories are summed the same way.
  void add(std::string_view record, double weight, bool in_numerator,
           std::initializer_list<std::pair<std::string_view, std::string_view>> breakdowns = {}) {
    add_denominator(record, weight);
    if (in_numerator) add_numerator(record, weight);
    for (const auto& [dimension, category] : breakdowns) {
      auto& cell = cells_[{std::string(dimension), std::string(category)}];
      cell.second += weight;
      if (in_numerator) cell.first += weight;
    }
  }
  // A record of the numerator alone (a leaver, who is not in post at the end).
  void add_numerator(std::string_view record, double weight) {
    numerator_ += weight;
    if (keep_records_) numerator_records_.emplace_back(record);
  }
  // A record of the denominator alone.
  void add_denominator(std::string_view record, double weight) {
    denominator_ += weight;
    if (keep_records_) denominator_records_.emplace_back(record);
  }
  void note(std::string text) { notes_.push_back(std::move(text)); }

  double numerator() const { return numerator_; }
  double denominator() const { return denominator_; }
  const std::string& weight_unit() const { return unit_; }

  // numerator / denominator x 100; no value for a denominator of 0 or less.
  Observation percent() const { return finish(100.0); }
  // numerator / denominator.
  Observation ratio() const { return finish(1.0); }

 private:
  Observation finish(double scale) const {
    Observation o;
    o.numerator = numerator_;
    o.denominator = denominator_;
    if (denominator_ > 0) o.value = scale * numerator_ / denominator_;
    o.numerator_records = numerator_records_;
    o.denominator_records = denominator_records_;
    o.notes = notes_;
    o.weight_unit = unit_;
    for (const auto& [key, cell] : cells_) {
      std::optional<double> v;
      if (cell.second > 0) v = scale * cell.first / cell.second;
      o.breakdowns.push_back({key.first, key.second, cell.first, cell.second, v});
    }
    return o;
  }

  bool keep_records_;
  std::string unit_;
  double numerator_ = 0;
  double denominator_ = 0;
  std::vector<std::string> numerator_records_;
  std::vector<std::string> denominator_records_;
  std::vector<std::string> notes_;
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> cells_;
};

enum class Aggregation { kMean, kMedian };

// Values (days, cases per FTE) whose mean or median is the figure. The observation's
// denominator is how many values there were; for a mean the numerator is their sum.
class Distribution {
 public:
  explicit Distribution(bool keep_records) : keep_records_(keep_records) {}

  void add(std::string_view record, double value) {
    values_.push_back(value);
    if (keep_records_) records_.emplace_back(record);
  }
  void note(std::string text) { notes_.push_back(std::move(text)); }
  size_t size() const { return values_.size(); }

  Observation observation(Aggregation aggregation) const {
    Observation o;
    o.denominator = static_cast<double>(values_.size());
    o.numerator_records = records_;
    o.denominator_records = records_;
    o.notes = notes_;
    if (values_.empty()) return o;
    if (aggregation == Aggregation::kMean) {
      double sum = 0;
      for (double v : values_) sum += v;
      o.numerator = sum;
      o.value = sum / static_cast<double>(values_.size());
    } else {
      o.value = median(values_);
    }
    return o;
  }

  // The middle value; the mean of the two middle values for an even count.
  static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  }

 private:
  bool keep_records_;
  std::vector<double> values_;
  std::vector<std::string> records_;
  std::vector<std::string> notes_;
};

}  // namespace scorecard
