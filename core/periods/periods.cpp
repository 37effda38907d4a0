#include "core/periods/periods.hpp"

#include <cctype>
#include <cstdio>
#include <regex>

#include "core/values/values.hpp"

namespace scorecard::periods {
namespace {

constexpr const char* kExpected =
    "expected a reporting year (2018-19), a quarter (2018-19 Q3 or 2018/19 Q3), a month "
    "(2019-01) or a date (2019-03-31 or 31/03/2019)";

// The text as a message quotes it: control characters escaped (a NUL byte would end what()
// there, an escape sequence would reach the terminal), cut after 60 characters.
std::string shown(const std::string& t) {
  std::string out;
  for (size_t i = 0; i < t.size() && i < 60; ++i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (t.size() > 60) out += "...";
  return out;
}

ReportingPeriod make(Date start, Date end, Length length, std::string label) {
  ReportingPeriod r;
  r.length = length;
  r.period.label = std::move(label);
  r.period.start = r.period.from = start;
  r.period.end = r.period.to = end;
  return r;
}

std::string year_label(int first_year) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d", first_year, (first_year + 1) % 100);
  return buf;
}

ReportingPeriod year(int first_year) {
  return make(Date::from_ymd(first_year, 4, 1), Date::from_ymd(first_year + 1, 3, 31),
              Length::kYear, year_label(first_year));
}

ReportingPeriod quarter(int first_year, int q) {
  const Date start = Date::from_ymd(first_year, 4, 1).add_months(3 * (q - 1));
  return make(start, start.add_months(3).add_days(-1), Length::kQuarter,
              year_label(first_year) + " Q" + std::to_string(q));
}

ReportingPeriod month(int y, int m) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  const Date start = Date::from_ymd(y, m, 1);
  return make(start, start.add_months(1).add_days(-1), Length::kMonth, buf);
}

}  // namespace

ReportingPeriod as_at(Date date) {
  return make(date.add_months(-3).add_days(1), date, Length::kAsAt, "as at " + date.iso());
}

ReportingPeriod parse(std::string_view text) {
  // Trimmed, and each run of white space inside made one space: std::regex recurses once per
  // character a \s+ matches, so a long run ("2018-19", 30,000 spaces, "Q3") overflowed the
  // stack. One pass: erasing leading spaces one at a time took minutes for a long text.
  std::string t;
  t.reserve(text.size());
  for (const char ch : text) {
    if (!std::isspace(static_cast<unsigned char>(ch)))
      t += ch;
    else if (!t.empty() && t.back() != ' ')
      t += ' ';
  }
  if (!t.empty() && t.back() == ' ') t.pop_back();
  static const std::regex kYearQuarter(R"(^(\d{4})[-/](\d{2})(?:\s+[Qq]([1-4]))?$)");
  std::smatch m;
  if (std::regex_match(t, m, kYearQuarter)) {
    const int first = std::stoi(m[1]);
    const int second = std::stoi(m[2]);
    if (second == (first + 1) % 100) {
      return m[3].matched ? quarter(first, std::stoi(m[3])) : year(first);
    }
    if (!m[3].matched && t[4] == '-' && second >= 1 && second <= 12) return month(first, second);
    throw PeriodError("'" + shown(t) + "' is not a period: " + kExpected);
  }
  if (auto d = values::parse_date(t)) return as_at(*d);
  throw PeriodError("'" + shown(t) + "' is not a period: " + kExpected);
}

ReportingPeriod previous(const ReportingPeriod& p, int n) {
  const Date start = p.period.start;
  switch (p.length) {
    case Length::kYear: return year(reporting_year_start(start).year() - n);
    case Length::kQuarter: {
      const Date s = start.add_months(-3 * n);
      const int first = reporting_year_start(s).year();
      const int q = (s.month() + 8) % 12 / 3 + 1;
      return quarter(first, q);
    }
    case Length::kMonth: {
      const Date s = start.add_months(-n);
      return month(s.year(), s.month());
    }
    case Length::kAsAt: return as_at(p.period.end.add_months(-3 * n));
  }
  return p;
}

ReportingPeriod same_period_last_year(const ReportingPeriod& p) {
  switch (p.length) {
    case Length::kYear: return previous(p, 1);
    case Length::kQuarter: return previous(p, 4);
    case Length::kMonth: return previous(p, 12);
    case Length::kAsAt: return as_at(p.period.end.add_months(-12));
  }
  return p;
}

std::vector<ReportingPeriod> with_history(const ReportingPeriod& p, int history) {
  int back = history < 0 ? 0 : history;
  const int to_last_year = p.length == Length::kYear ? 1 : p.length == Length::kMonth ? 12 : 4;
  if (back < to_last_year && history > 0) back = to_last_year;
  std::vector<ReportingPeriod> out;
  for (int n = back; n >= 1; --n) out.push_back(previous(p, n));
  out.push_back(p);
  return out;
}

}  // namespace scorecard::periods
