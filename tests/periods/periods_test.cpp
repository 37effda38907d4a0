// Reporting periods as councils write them (DESIGN.md "Periods", DATA.md conventions).
#include "core/periods/periods.hpp"

#include <gtest/gtest.h>

namespace scorecard::periods {
namespace {

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

TEST(Periods, AReportingYearRunsAprilToMarch) {
  const ReportingPeriod p = parse("2018-19");
  EXPECT_EQ(p.length, Length::kYear);
  EXPECT_EQ(p.period.start, d(2018, 4, 1));
  EXPECT_EQ(p.period.end, d(2019, 3, 31));
  EXPECT_EQ(p.period.label, "2018-19");
  EXPECT_EQ(parse("2018/19").period.end, d(2019, 3, 31));
}

TEST(Periods, QuartersCountFromApril) {
  // Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar.
  EXPECT_EQ(parse("2018-19 Q1").period.start, d(2018, 4, 1));
  EXPECT_EQ(parse("2018-19 Q1").period.end, d(2018, 6, 30));
  EXPECT_EQ(parse("2018-19 Q3").period.start, d(2018, 10, 1));
  EXPECT_EQ(parse("2018-19 Q3").period.end, d(2018, 12, 31));
  EXPECT_EQ(parse("2018/19 Q4").period.start, d(2019, 1, 1));
  EXPECT_EQ(parse("2018/19 q4").period.end, d(2019, 3, 31));
  EXPECT_EQ(parse(" 2018-19   Q2 ").period.label, "2018-19 Q2");
}

TEST(Periods, AMonthAndAYearThatLookAlike) {
  // 2019-01 is January 2019; 2011-12 is the reporting year (DATA.md rule 17).
  const ReportingPeriod m = parse("2019-01");
  EXPECT_EQ(m.length, Length::kMonth);
  EXPECT_EQ(m.period.start, d(2019, 1, 1));
  EXPECT_EQ(m.period.end, d(2019, 1, 31));
  EXPECT_EQ(parse("2011-12").length, Length::kYear);
  EXPECT_EQ(parse("2020-02").period.end, d(2020, 2, 29));
}

TEST(Periods, ADateIsAnAsAtPeriod) {
  const ReportingPeriod p = parse("2019-03-31");
  EXPECT_EQ(p.length, Length::kAsAt);
  EXPECT_EQ(p.period.end, d(2019, 3, 31));
  EXPECT_EQ(p.period.start, d(2019, 1, 1));
  EXPECT_EQ(parse("31/03/2019").period.end, d(2019, 3, 31));
}

TEST(Periods, TextThatIsNotAPeriodSaysWhatWasExpected) {
  for (const char* bad :
       {"", "Q3", "2018-20", "2018-19 Q5", "2019-13", "31/02/2019", "last year"}) {
    try {
      parse(bad);
      ADD_FAILURE() << "'" << bad << "' parsed";
    } catch (const PeriodError& e) {
      EXPECT_NE(std::string(e.what()).find("expected a reporting year (2018-19), a quarter"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(Periods, HistoryIsTheEightPreviousQuartersOldestFirst) {
  const auto h = with_history(parse("2018-19 Q3"), 8);
  ASSERT_EQ(h.size(), 9u);
  EXPECT_EQ(h.front().period.label, "2016-17 Q3");
  EXPECT_EQ(h[4].period.label, "2017-18 Q3");  // the same period last year is in the history
  EXPECT_EQ(h[7].period.label, "2018-19 Q2");
  EXPECT_EQ(h.back().period.label, "2018-19 Q3");
  EXPECT_EQ(h[5].period.label, "2017-18 Q4");
  EXPECT_EQ(h[5].period.start, d(2018, 1, 1));
}

TEST(Periods, ShortHistoryIsExtendedToReachTheSamePeriodLastYear) {
  EXPECT_EQ(with_history(parse("2018-19 Q3"), 2).size(), 5u);  // back to 2017-18 Q3
  EXPECT_EQ(with_history(parse("2019-01"), 1).size(), 13u);    // back to 2018-01
  EXPECT_EQ(with_history(parse("2018-19"), 3).front().period.label, "2015-16");
  EXPECT_EQ(with_history(parse("2018-19 Q3"), 0).size(), 1u);  // no history at all
}

TEST(Periods, SamePeriodLastYear) {
  EXPECT_EQ(same_period_last_year(parse("2018-19 Q1")).period.label, "2017-18 Q1");
  EXPECT_EQ(same_period_last_year(parse("2019-02")).period.label, "2018-02");
  EXPECT_EQ(same_period_last_year(parse("2020-02-29")).period.end, d(2019, 2, 28));
}

TEST(Periods, WindowsFollowThePeriodKind) {
  const Period q3 = parse("2018-19 Q3").period;
  EXPECT_EQ(window_for(q3, PeriodKind::kSnapshot, 12).from, d(2018, 12, 31));
  EXPECT_EQ(window_for(q3, PeriodKind::kEventsWithin, 12).from, d(2018, 10, 1));
  EXPECT_EQ(window_for(q3, PeriodKind::kYearToDate, 12).from, d(2018, 4, 1));
  // Rolling 12 months: (31/12/2017, 31/12/2018], so from 01/01/2018.
  EXPECT_EQ(window_for(q3, PeriodKind::kRolling, 12).from, d(2018, 1, 1));
  // Rolling 6 months from 31/12: 31/12 - 6 months = 30/06 (clamped), so from 01/07.
  EXPECT_EQ(window_for(q3, PeriodKind::kRolling, 6).from, d(2018, 7, 1));
}

}  // namespace
}  // namespace scorecard::periods
