// rating: judges each computed figure: RAG against target and tolerance, direction of travel,
// benchmark comparisons, small-number flags and publication suppression, and the summary.
// In: IndicatorResults with observations and targets. Out: the same, rated.
#pragma once

#include <optional>
#include <vector>

#include "core/engine/result.hpp"

namespace scorecard::rating {

struct RatingOptions {
  int small_numbers = 5;  // a denominator (or count) below this is flagged
  bool suppress = false;  // mask counts below small_numbers, and what would reveal them
};

// Green: on or better than target. Amber: worse, but within tolerance (points, or percent of
// the target when relative). Red: beyond it. Tolerance 0 or absent: no Amber. Neutral
// polarity, no target or no value: not rated. The value is first rounded to `decimals`, so
// the rating agrees with the figure the board reads.
engine::Rag rag(std::optional<double> value, std::optional<double> target,
                std::optional<engine::Tolerance> tolerance, Polarity polarity, int decimals);

// Improving / declining / unchanged from `before` to `now`, by polarity, on values rounded to
// `decimals`. Nothing to compare, or neutral polarity with a change: kNone.
engine::Direction direction(std::optional<double> now, std::optional<double> before,
                            Polarity polarity, int decimals);

// The authority's value against a benchmark, by polarity, rounded to `decimals`.
engine::Comparison compare(std::optional<double> value, double benchmark, Polarity polarity,
                           int decimals);

// Rates every period of the indicator (targets must already be set per period): RAG,
// direction against the previous period and the same period last year (found by date among
// the indicator's periods), benchmarks, small numbers and suppression.
void rate(engine::IndicatorResult& indicator, const RatingOptions& options);

// Masks counts from 1 to small_numbers - 1, and any count or value from which a masked one
// could be worked out (primary and secondary suppression). Zero is shown.
void suppress(engine::PeriodResult& period, int small_numbers);

// Counts by RAG: the whole scorecard first, then one entry per indicator set.
std::vector<engine::RagSummary> summarise(const std::vector<engine::IndicatorResult>& indicators);

}  // namespace scorecard::rating
