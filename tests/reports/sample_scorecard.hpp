// Hand-built scorecards for the reports tests: what the engine and the rating stage would
// hand over, written out so each figure can be checked by eye.
#pragma once

#include <string>
#include <vector>

#include "core/model/result.hpp"

namespace scorecard::reports::testing {

// A reporting quarter: `year` is the reporting year's first calendar year (2018 for
// 2018-19), `quarter` 1..4 (Q1 = April to June).
model::PeriodResult quarter(int year, int quarter);
// The `count` quarters ending with (year, quarter), oldest first.
std::vector<model::PeriodResult> quarters_to(int year, int quarter, int count);

// Three indicators (a percentage with breakdowns and benchmarks, a count, one not computed),
// three periods each, one data-quality issue: small enough for golden files.
model::Scorecard small_scorecard();

// What a board sees: 13 indicators in 4 themes, 9 quarters each, Green, Amber and Red, one
// not computed, one in error, breakdowns by sex, age and ethnicity, three data-quality issues.
model::Scorecard board_scorecard();

}  // namespace scorecard::reports::testing
