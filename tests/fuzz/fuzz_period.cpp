// Fuzz target: the period parser (core/periods/periods.hpp).
// The input is the text of a period as a council writes it ("2018-19 Q3", "2019-01",
// "31/03/2019"...). parse() gives a period or throws PeriodError; a period given must be
// well formed, its label must read back as the same period (but for a month whose label is
// also a reporting year, DATA.md rule 17), and its history must be laid out oldest first.
#include <algorithm>
#include <string>

#include "core/periods/periods.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace scorecard::fuzz {
namespace {
using periods::Length;
using periods::ReportingPeriod;

bool same_span(const ReportingPeriod& a, const ReportingPeriod& b) {
  return a.length == b.length && a.period.start == b.period.start && a.period.end == b.period.end;
}

void check_period(const ReportingPeriod& p) {
  const Period& q = p.period;
  check(!q.label.empty(), "a period without a label");
  check(q.start <= q.end, "a period that ends before it starts");
  check(q.from == q.start && q.to == q.end, "a parsed period's window is not the period");
  const Date::Ymd s = q.start.ymd();
  const Date::Ymd after = q.end.add_days(1).ymd();
  switch (p.length) {
    case Length::kYear:
      check(s.month == 4 && s.day == 1 && after.month == 4 && after.day == 1 &&
                after.year == s.year + 1,
            "a reporting year that is not 1 April to 31 March");
      break;
    case Length::kQuarter:
      check(s.day == 1 && (s.month - 1) % 3 == 0 && q.start.add_months(3) == q.end.add_days(1),
            "a quarter that is not three calendar months from a quarter day");
      break;
    case Length::kMonth:
      check(s.day == 1 && q.start.add_months(1) == q.end.add_days(1),
            "a month that is not a calendar month");
      break;
    case Length::kAsAt:
      check(q.label == "as at " + q.end.iso(), "an as-at period labelled otherwise");
      break;
  }
}

}  // namespace

void period_one(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ReportingPeriod p;
  try {
    p = periods::parse(text);
  } catch (const periods::PeriodError& e) {
    const std::string what = e.what();
    check(what.find("expected") != std::string::npos,
          "a PeriodError that does not say what was expected");
    check(std::none_of(what.begin(), what.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }),
          "a PeriodError's message holds a control character");
    return;
  }
  check_period(p);
  // The label reads back as the period (an as-at label through its date).
  if (p.length == Length::kAsAt) {
    check(same_span(periods::parse(p.period.end.iso()), p), "an as-at date does not read back");
  } else {
    const ReportingPeriod again = periods::parse(p.period.label);
    const bool month_like_year = p.length == Length::kMonth && again.length == Length::kYear;
    check(month_like_year || same_span(again, p), "a period's label reads as another period");
  }
  // Its history, as the engine asks for it.
  for (int history : {0, 1, 8, 40}) {
    const auto list = periods::with_history(p, history);
    check(!list.empty() && same_span(list.back(), p), "the history does not end at the period");
    check(list.size() >= static_cast<size_t>(history) + 1, "the history is too short");
    for (size_t i = 0; i < list.size(); ++i) {
      check_period(list[i]);
      check(list[i].length == p.length, "a history period of another length");
      if (i == 0) continue;
      check(list[i - 1].period.end < list[i].period.end, "the history is not oldest first");
      if (p.length != Length::kAsAt)
        check(list[i - 1].period.end.add_days(1) == list[i].period.start,
              "the history has a gap or an overlap");
    }
  }
  const ReportingPeriod last_year = periods::same_period_last_year(p);
  check_period(last_year);
  check(last_year.period.end < p.period.end, "the same period last year is not before it");
}

}  // namespace scorecard::fuzz

SCORECARD_FUZZ_TARGET(scorecard::fuzz::period_one)
