// periods: reads reporting periods as councils write them and lays out their history.
// In: "2018-19", "2018-19 Q3" (or "2018/19 Q3"), "2019-01", an as-at date.
// Out: scorecard::Period values (start, end, label) in reporting order, oldest first.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scorecard/period.hpp"

namespace scorecard::periods {

enum class Length { kYear, kQuarter, kMonth, kAsAt };

// A reporting period and how long it is, so that its history can be laid out.
struct ReportingPeriod {
  Period period;  // from/to equal start/end until an indicator's period kind is applied
  Length length = Length::kQuarter;
};

// Thrown for text that is not a period; what() says what was expected.
class PeriodError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Parses "2018-19", "2018/19", "2018-19 Q3", "2018/19 Q3", "2019-01" (a month; but
// "2011-12" is the reporting year 2011-12, DATA.md rule 17) or an ISO/UK date (as-at).
ReportingPeriod parse(std::string_view text);

// The as-at period ending on `date`: the three months ending on it.
ReportingPeriod as_at(Date date);

// The period `n` lengths before `p` (n = 1: the previous quarter of a quarter).
ReportingPeriod previous(const ReportingPeriod& p, int n);

// The reporting period with `history` previous periods of the same length before it,
// extended if need be to include the same period last year; oldest first, `p` last.
std::vector<ReportingPeriod> with_history(const ReportingPeriod& p, int history);

// The period of the same length a year before `p`.
ReportingPeriod same_period_last_year(const ReportingPeriod& p);

}  // namespace scorecard::periods
