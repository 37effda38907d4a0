// scorecard SDK: calendar dates as day numbers, and the calendar arithmetic every
// indicator definition uses (calendar months, whole years of age, reporting years).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace scorecard {

// A calendar date held as the number of days since 1970-01-01 (negative before it).
// Value type; comparisons and differences are on the day number.
struct Date {
  int32_t days = 0;

  // The date of year-month-day (proleptic Gregorian). The caller passes a valid date.
  static constexpr Date from_ymd(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Date{static_cast<int32_t>(era * 146097 + doe - 719468)};
  }

  struct Ymd {
    int year, month, day;
  };
  constexpr Ymd ymd() const {
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    return Ymd{yoe + era * 400 + (m <= 2), m, d};
  }
  constexpr int year() const { return ymd().year; }
  constexpr int month() const { return ymd().month; }
  constexpr int day() const { return ymd().day; }

  static constexpr bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  static constexpr int days_in_month(int y, int m) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
  }

  // Calendar months later (or earlier, for negative n); the day is clamped to the target
  // month's last day, so 31/12/2018 minus 6 months is 30/06/2018 (DATA.md, rule 1).
  constexpr Date add_months(int n) const {
    const Ymd v = ymd();
    int index = v.year * 12 + (v.month - 1) + n;
    const int y = index >= 0 ? index / 12 : (index - 11) / 12;
    const int m = index - y * 12 + 1;
    const int dim = days_in_month(y, m);
    return from_ymd(y, m, v.day < dim ? v.day : dim);
  }
  constexpr Date add_days(int n) const { return Date{days + n}; }

  // ISO 8601, yyyy-mm-dd.
  std::string iso() const {
    const Ymd v = ymd();
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.year, v.month, v.day);
    return buf;
  }

  friend constexpr bool operator==(Date a, Date b) { return a.days == b.days; }
  friend constexpr bool operator!=(Date a, Date b) { return a.days != b.days; }
  friend constexpr bool operator<(Date a, Date b) { return a.days < b.days; }
  friend constexpr bool operator<=(Date a, Date b) { return a.days <= b.days; }
  friend constexpr bool operator>(Date a, Date b) { return a.days > b.days; }
  friend constexpr bool operator>=(Date a, Date b) { return a.days >= b.days; }
  friend constexpr int operator-(Date a, Date b) { return a.days - b.days; }
};

// Whole years of age completed on `on` by someone born on `dob`. A birthday on 29 February
// is reached on 1 March in a non-leap year (DATA.md, general conventions).
constexpr int age_on(Date dob, Date on) {
  const Date::Ymd b = dob.ymd();
  const Date::Ymd d = on.ymd();
  int years = d.year - b.year;
  if (d.month < b.month || (d.month == b.month && d.day < b.day)) --years;
  return years;
}

// The first day (1 April) of the reporting year that contains `d`.
constexpr Date reporting_year_start(Date d) {
  const Date::Ymd v = d.ymd();
  return Date::from_ymd(v.month >= 4 ? v.year : v.year - 1, 4, 1);
}

// The calendar year in which the reporting year containing `d` ends (2019 for 2018-19), as
// the OC2/OC3 YEAR column counts it.
constexpr int collection_year(Date d) { return reporting_year_start(d).year() + 1; }

}  // namespace scorecard
