#include "core/rating/rating.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

namespace scorecard::rating {
using model::Comparison;
using model::Direction;
using model::Rag;

namespace {

double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

// +1 when `a` is better than `b` for this polarity, -1 worse, 0 equal (after rounding).
int better(double a, double b, Polarity polarity, int decimals) {
  const double x = rounded(a, decimals), y = rounded(b, decimals);
  if (x == y) return 0;
  const bool higher = x > y;
  return (polarity == Polarity::kHigherIsBetter) == higher ? 1 : -1;
}

bool small(std::optional<double> count, int threshold) {
  return count && *count > 0 && *count < threshold;
}

}  // namespace

Rag rag(std::optional<double> value, std::optional<double> target,
        std::optional<model::Tolerance> tolerance, Polarity polarity, int decimals) {
  if (polarity == Polarity::kNeutral || !value || !target) return Rag::kNone;
  if (better(*value, *target, polarity, decimals) >= 0) return Rag::kGreen;
  double allowed = 0;
  if (tolerance)
    allowed =
        tolerance->relative ? std::fabs(*target) * tolerance->value / 100.0 : tolerance->value;
  if (allowed <= 0) return Rag::kRed;
  const double gap = std::fabs(rounded(*value, decimals) - *target);
  return gap <= allowed + 1e-9 ? Rag::kAmber : Rag::kRed;
}

Direction direction(std::optional<double> now, std::optional<double> before, Polarity polarity,
                    int decimals) {
  if (!now || !before) return Direction::kNone;
  if (rounded(*now, decimals) == rounded(*before, decimals)) return Direction::kUnchanged;
  if (polarity == Polarity::kNeutral) return *now > *before ? Direction::kUp : Direction::kDown;
  return better(*now, *before, polarity, decimals) > 0 ? Direction::kImproving
                                                       : Direction::kDeclining;
}

Comparison compare(std::optional<double> value, double benchmark, Polarity polarity, int decimals) {
  if (!value) return Comparison::kNone;
  if (rounded(*value, decimals) == rounded(benchmark, decimals)) return Comparison::kSame;
  if (polarity == Polarity::kNeutral) return Comparison::kNone;
  return better(*value, benchmark, polarity, decimals) > 0 ? Comparison::kBetter
                                                           : Comparison::kWorse;
}

namespace {
constexpr double kZ = 1.959963984540054;  // the normal distribution's 97.5th percentile
}  // namespace

std::optional<model::Interval> wilson(double successes, double trials) {
  if (!(trials > 0) || !(successes >= 0) || successes > trials || !std::isfinite(trials))
    return std::nullopt;
  const double p = successes / trials, z2 = kZ * kZ;
  const double scale = 1 + z2 / trials;
  const double centre = (p + z2 / (2 * trials)) / scale;
  const double half = kZ * std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / scale;
  return model::Interval{100 * std::max(0.0, centre - half), 100 * std::min(1.0, centre + half),
                         "wilson"};
}

std::optional<model::Interval> byar_per_10000(double events, double population) {
  if (!(population > 0) || !(events >= 0) || !std::isfinite(population) || !std::isfinite(events))
    return std::nullopt;
  const double o = events, o1 = events + 1;
  double low = 0;
  if (o > 0) low = o * std::pow(1 - 1 / (9 * o) - kZ / (3 * std::sqrt(o)), 3);
  const double high = o1 * std::pow(1 - 1 / (9 * o1) + kZ / (3 * std::sqrt(o1)), 3);
  return model::Interval{10000 * low / population, 10000 * high / population, "byar"};
}

std::optional<model::Interval> interval_for(const Observation& o, Unit unit) {
  if (!o.numerator || !o.denominator || !o.value) return std::nullopt;
  if (unit == Unit::kPercent) return wilson(*o.numerator, *o.denominator);
  if (unit == Unit::kRatePer10000) return byar_per_10000(*o.numerator, *o.denominator);
  return std::nullopt;
}

model::Significance significance(const std::optional<model::Interval>& interval,
                                 std::optional<double> value, double benchmark, Polarity polarity) {
  using model::Significance;
  if (!interval || !value || !std::isfinite(benchmark)) return Significance::kNone;
  if (benchmark >= interval->low - 1e-9 && benchmark <= interval->high + 1e-9)
    return Significance::kSimilar;
  const bool higher = interval->low > benchmark;  // the whole interval above the benchmark
  if (polarity == Polarity::kNeutral) return higher ? Significance::kHigher : Significance::kLower;
  return (polarity == Polarity::kHigherIsBetter) == higher ? Significance::kBetter
                                                           : Significance::kWorse;
}

void suppress(model::PeriodResult& p, int threshold) {
  Observation& o = p.observation;
  const bool small_denominator = small(o.denominator, threshold);
  const bool small_numerator = small(o.numerator, threshold);
  const bool small_complement =
      o.numerator && o.denominator && small(*o.denominator - *o.numerator, threshold);
  if (small_denominator) {
    o.denominator.reset();
    o.numerator.reset();
    o.value.reset();
    p.interval.reset();  // its ends would give the figure back
    p.suppressed = true;
  } else if (small_numerator || small_complement) {
    // The value with the denominator would give the numerator back, so both go.
    o.numerator.reset();
    if (o.denominator) o.value.reset();
    p.interval.reset();
    p.suppressed = true;
  }
  // Breakdowns: mask small cells; where a dimension has exactly one, mask its next smallest
  // cell too, or the total would give the masked one back.
  std::map<std::string, std::vector<Breakdown*>> by_dimension;
  for (Breakdown& b : o.breakdowns) by_dimension[b.dimension].push_back(&b);
  for (auto& [dimension, cells] : by_dimension) {
    std::vector<Breakdown*> masked, shown;
    for (Breakdown* b : cells)
      (small(b->numerator, threshold) || small(b->denominator, threshold) ? masked : shown)
          .push_back(b);
    if (masked.size() == 1 && !shown.empty()) {
      auto next = std::min_element(shown.begin(), shown.end(), [](Breakdown* a, Breakdown* b) {
        return a->numerator < b->numerator;
      });
      masked.push_back(*next);
    }
    for (Breakdown* b : masked) {
      b->numerator = std::numeric_limits<double>::quiet_NaN();
      b->denominator.reset();
      b->value.reset();
      p.suppressed_breakdowns.push_back(dimension + "/" + b->category);
      p.suppressed = true;
    }
  }
}

namespace {

// The period's benchmarks: the published England, region and neighbours figures first, then
// each configured benchmark that no published figure replaced.
void rate_benchmarks(const model::IndicatorResult& ind, model::PeriodResult& p) {
  const Observation& o = p.observation;
  p.benchmarks.clear();
  auto add = [&](const std::string& name, double value, const std::string& source) {
    model::BenchmarkResult b;
    b.name = name;
    b.value = value;
    b.comparison = compare(o.value, value, ind.polarity, ind.decimals);
    b.significance = significance(p.interval, o.value, value, ind.polarity);
    b.source = source;
    p.benchmarks.push_back(std::move(b));
  };
  std::map<std::string, std::optional<double>> published;
  if (p.published && p.published->available) {
    published = {{"england", p.published->england},
                 {"region", p.published->region},
                 {"statistical_neighbours", p.published->neighbours}};
    for (const auto& [name, value] : published)
      if (value) add(name, *value, "DfE " + p.published->year_label);
  }
  for (const auto& [name, value] : ind.benchmarks) {
    auto it = published.find(name);
    if (it == published.end() || !it->second) add(name, value, "configuration");
  }
}

}  // namespace

void rate(model::IndicatorResult& ind, const RatingOptions& options) {
  auto& periods = ind.periods;
  for (size_t i = 0; i < periods.size(); ++i) {
    model::PeriodResult& p = periods[i];
    const Observation& o = p.observation;
    p.rag = rag(o.value, p.target, ind.tolerance, ind.polarity, ind.decimals);
    if (i > 0)
      p.vs_previous =
          direction(o.value, periods[i - 1].observation.value, ind.polarity, ind.decimals);
    const Date last_year_end = p.end.add_months(-12);
    for (size_t j = 0; j < i; ++j)
      if (periods[j].end == last_year_end && periods[j].end - periods[j].start == p.end - p.start)
        p.vs_last_year =
            direction(o.value, periods[j].observation.value, ind.polarity, ind.decimals);
    p.interval = interval_for(o, ind.unit);
    p.target_within_interval = p.interval && p.target && p.rag != Rag::kNone &&
                               *p.target >= p.interval->low - 1e-9 &&
                               *p.target <= p.interval->high + 1e-9;
    rate_benchmarks(ind, p);
    const std::optional<double> base = o.denominator ? o.denominator : o.numerator;
    p.small_number = base && *base < options.small_numbers;
  }
  // Suppress after every comparison used the true values: the published figure is masked,
  // the judgement about it is not.
  if (options.suppress)
    for (auto& p : periods) suppress(p, options.small_numbers);
}

std::vector<model::RagSummary> summarise(const std::vector<model::IndicatorResult>& indicators) {
  std::vector<model::RagSummary> out(1);
  std::map<std::string, size_t> set_index;
  for (const auto& ind : indicators) {
    std::vector<size_t> targets{0};
    if (!ind.set.empty()) {
      auto [it, added] = set_index.emplace(ind.set, out.size());
      if (added) {
        out.push_back({});
        out.back().set = ind.set;
      }
      targets.push_back(it->second);
    }
    for (size_t t : targets) {
      model::RagSummary* s = &out[t];
      if (ind.status != model::Status::kOk) {
        ++s->not_computed;
        continue;
      }
      const Rag r = ind.periods.empty() ? Rag::kNone : ind.periods.back().rag;
      if (r == Rag::kGreen)
        ++s->green;
      else if (r == Rag::kAmber)
        ++s->amber;
      else if (r == Rag::kRed)
        ++s->red;
      else
        ++s->not_rated;
    }
  }
  return out;
}

}  // namespace scorecard::rating
