#include "core/rating/rating.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

namespace scorecard::rating {
using engine::Comparison;
using engine::Direction;
using engine::Rag;

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
        std::optional<engine::Tolerance> tolerance, Polarity polarity, int decimals) {
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

void suppress(engine::PeriodResult& p, int threshold) {
  Observation& o = p.observation;
  const bool small_denominator = small(o.denominator, threshold);
  const bool small_numerator = small(o.numerator, threshold);
  const bool small_complement =
      o.numerator && o.denominator && small(*o.denominator - *o.numerator, threshold);
  if (small_denominator) {
    o.denominator.reset();
    o.numerator.reset();
    o.value.reset();
    p.suppressed = true;
  } else if (small_numerator || small_complement) {
    // The value with the denominator would give the numerator back, so both go.
    o.numerator.reset();
    if (o.denominator) o.value.reset();
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

void rate(engine::IndicatorResult& ind, const RatingOptions& options) {
  auto& periods = ind.periods;
  for (size_t i = 0; i < periods.size(); ++i) {
    engine::PeriodResult& p = periods[i];
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
    p.benchmarks.clear();
    for (const auto& [name, value] : ind.benchmarks)
      p.benchmarks.push_back({name, value, compare(o.value, value, ind.polarity, ind.decimals)});
    const std::optional<double> base = o.denominator ? o.denominator : o.numerator;
    p.small_number = base && *base < options.small_numbers;
  }
  // Suppress after every comparison used the true values: the published figure is masked,
  // the judgement about it is not.
  if (options.suppress)
    for (auto& p : periods) suppress(p, options.small_numbers);
}

std::vector<engine::RagSummary> summarise(const std::vector<engine::IndicatorResult>& indicators) {
  std::vector<engine::RagSummary> out(1);
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
      engine::RagSummary* s = &out[t];
      if (ind.status != engine::Status::kOk) {
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
