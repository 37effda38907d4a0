// reports: how a figure, a rating and a date are put in words for a person (HTML and xlsx),
// and the lookups every report shares. Full-precision output (JSON, CSV) uses plain_number.
#pragma once

#include <optional>
#include <string>

#include "core/model/result.hpp"

namespace scorecard::reports {

// The period an indicator is rated on: the one ending on the scorecard's period end, else the
// latest. nullptr when the indicator has no periods (not computed).
const model::PeriodResult* reporting_period(const model::Scorecard& s,
                                            const model::IndicatorResult& indicator);

// True when the rating stage masked this breakdown cell ("dimension/category").
bool is_suppressed(const model::PeriodResult& period, const Breakdown& cell);

// The shortest text that reads back as the same double ("33.333333333333336", "12").
std::string plain_number(double v);

// Rounded to `decimals` with thousands separators: 1234.56, 1 -> "1,234.6".
std::string rounded(double v, int decimals);
// Rounded, with the unit a board member reads: "68.2%", "412 days", "52.3 per 10,000".
std::string with_unit(double v, Unit unit, int decimals);
// "%", " days", " per 10,000" or "" (for count, ratio, number).
const char* unit_suffix(Unit unit);

// "Green", "Amber", "Red", "Not rated"; for an indicator not computed or in error,
// "Not computed" / "Error".
std::string rag_word(const model::IndicatorResult& indicator, model::Rag rag);
// "▲ improving", "▼ declining", "► unchanged", "– no comparison"; for an indicator with no
// better direction, "▲ up" and "▼ down".
std::string direction_words(model::Direction d);
// "England", "Statistical neighbours", "Region"; any other name with its first letter raised
// and underscores as spaces.
std::string benchmark_title(const std::string& name);
// "better than", "worse than", "same as", "" (not compared).
const char* comparison_words(model::Comparison c);

// "significantly better", "similar", "significantly worse", "significantly higher",
// "significantly lower"; "" (no interval to test).
const char* significance_words(model::Significance s);

// "31 December 2018".
std::string long_date(Date d);
// "14 January 2019, 09:30 UTC" from ISO 8601 "2019-01-14T09:30:00Z"; the text unchanged when
// it is not in that form.
std::string long_time(const std::string& iso);

}  // namespace scorecard::reports
