// scorecard SDK: reporting periods and the window an indicator reads in each.
#pragma once

#include <string>

#include "scorecard/date.hpp"

namespace scorecard {

// How an indicator reads its window from a reporting period.
enum class PeriodKind {
  kSnapshot,      // at the period's last day (the as-at date)
  kEventsWithin,  // events dated within the period
  kYearToDate,    // from 1 April of the reporting year to the period's last day
  kRolling,       // the N calendar months ending at the period's last day
};

// One reporting period as handed to an indicator. The engine fills `from`/`to` from the
// indicator's period kind, so a calculation reads the window it asked for without arithmetic.
struct Period {
  std::string
      label;   // as councils write it: "2018-19 Q3", "2018-19", "2019-01", "as at 2019-03-31"
  Date start;  // the reporting period's first day
  Date end;    // its last day: the as-at date
  Date from;   // the window's first day (inclusive) for this indicator's period kind
  Date to;     // the window's last day (inclusive); always `end`

  Date as_at() const { return end; }
  bool contains(Date d) const { return from <= d && d <= to; }
};

// The window a period kind reads: snapshot [end, end]; events [start, end]; year to date
// [1 April, end]; rolling N months (end - N months, end], i.e. from the day after.
inline Period window_for(Period p, PeriodKind kind, int months) {
  p.to = p.end;
  switch (kind) {
    case PeriodKind::kSnapshot: p.from = p.end; break;
    case PeriodKind::kEventsWithin: p.from = p.start; break;
    case PeriodKind::kYearToDate: p.from = reporting_year_start(p.end); break;
    case PeriodKind::kRolling: p.from = p.end.add_months(-months).add_days(1); break;
  }
  return p;
}

}  // namespace scorecard
