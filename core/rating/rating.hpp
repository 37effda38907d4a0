// rating: judges each computed figure: RAG against target and tolerance, direction of travel,
// benchmark comparisons, small-number flags and publication suppression, and the summary.
// In: IndicatorResults with observations and targets. Out: the same, rated.
#pragma once

#include <optional>
#include <vector>

#include "core/model/result.hpp"

namespace scorecard::rating {

struct RatingOptions {
  int small_numbers = 5;  // a denominator (or count) below this is flagged
  bool suppress = false;  // mask counts below small_numbers, and what would reveal them
};

// Green: on or better than target. Amber: worse, but within tolerance (points, or percent of
// the target when relative). Red: beyond it. Tolerance 0 or absent: no Amber. Neutral
// polarity, no target or no value: not rated. The value is first rounded to `decimals`, so
// the rating agrees with the figure the board reads.
model::Rag rag(std::optional<double> value, std::optional<double> target,
               std::optional<model::Tolerance> tolerance, Polarity polarity, int decimals);

// Improving / declining / unchanged from `before` to `now`, by polarity, on values rounded to
// `decimals`. Nothing to compare, or neutral polarity with a change: kNone.
model::Direction direction(std::optional<double> now, std::optional<double> before,
                           Polarity polarity, int decimals);

// The authority's value against a benchmark, by polarity, rounded to `decimals`.
model::Comparison compare(std::optional<double> value, double benchmark, Polarity polarity,
                          int decimals);

// The 95% Wilson score interval for `successes` of `trials`, as percentages (0-100).
// None when trials is not above 0 or successes is outside [0, trials].
std::optional<model::Interval> wilson(double successes, double trials);

// The 95% interval for a rate per 10,000 from a count of `events` in `population` (Byar's
// approximation to the exact Poisson interval, as the public-health profiles use). None when
// the population is not above 0 or the count is negative.
std::optional<model::Interval> byar_per_10000(double events, double population);

// The interval the period's figure gets: Wilson for a percentage, Byar for a rate per 10,000,
// from its numerator and denominator; none for other units or without both.
std::optional<model::Interval> interval_for(const Observation& o, Unit unit);

// The benchmark against the interval: kSimilar when it lies inside it (ends included), else
// significantly better / worse by polarity (higher / lower when neutral). No interval: kNone.
model::Significance significance(const std::optional<model::Interval>& interval,
                                 std::optional<double> value, double benchmark, Polarity polarity);

// Rates every period of the indicator (targets must already be set per period): RAG,
// direction against the previous period and the same period last year (found by date among
// the indicator's periods), the interval, benchmarks (a published England, region or
// neighbours figure in `period.published` replaces the configured one of the same name) with
// their significance, "within chance", small numbers and suppression.
void rate(model::IndicatorResult& indicator, const RatingOptions& options);

// Masks counts from 1 to small_numbers - 1, and any count or value from which a masked one
// could be worked out (primary and secondary suppression). Zero is shown.
void suppress(model::PeriodResult& period, int small_numbers);

// Counts by RAG: the whole scorecard first, then one entry per indicator set.
std::vector<model::RagSummary> summarise(const std::vector<model::IndicatorResult>& indicators);

}  // namespace scorecard::rating
