// The SDK's calendar arithmetic, against DATA.md's conventions.
#include <gtest/gtest.h>

#include <scorecard/date.hpp>

namespace scorecard {
namespace {

constexpr Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

TEST(Date, RoundTripsThroughDayNumbers) {
  EXPECT_EQ(d(1970, 1, 1).days, 0);
  EXPECT_EQ(d(2000, 3, 1).days - d(2000, 2, 28).days, 2);        // 2000 was a leap year
  EXPECT_EQ(d(1900 + 200, 3, 1).days - d(2100, 2, 28).days, 1);  // 2100 is not
  for (int days = -50000; days < 100000; days += 37) {
    const Date x{days};
    const auto v = x.ymd();
    EXPECT_EQ(d(v.year, v.month, v.day), x);
  }
  EXPECT_EQ(d(2019, 3, 31).iso(), "2019-03-31");
}

TEST(Date, CalendarMonthsClampToTheMonthsLastDay) {
  EXPECT_EQ(d(2019, 5, 31).add_months(-12), d(2018, 5, 31));  // DATA.md's example
  EXPECT_EQ(d(2018, 12, 31).add_months(-6), d(2018, 6, 30));  // rule 1
  EXPECT_EQ(d(2019, 3, 31).add_months(-1), d(2019, 2, 28));
  EXPECT_EQ(d(2020, 3, 31).add_months(-1), d(2020, 2, 29));
  EXPECT_EQ(d(2019, 1, 15).add_months(-30), d(2016, 7, 15));
  EXPECT_EQ(d(2018, 11, 30).add_months(3), d(2019, 2, 28));
}

TEST(Date, AgeIsWholeYearsCompleted) {
  EXPECT_EQ(age_on(d(2001, 1, 10), d(2019, 1, 9)), 17);
  EXPECT_EQ(age_on(d(2001, 1, 10), d(2019, 1, 10)), 18);
  // A 29 February birthday is reached on 1 March in a non-leap year.
  EXPECT_EQ(age_on(d(2000, 2, 29), d(2018, 2, 28)), 17);
  EXPECT_EQ(age_on(d(2000, 2, 29), d(2018, 3, 1)), 18);
  EXPECT_EQ(age_on(d(2000, 2, 29), d(2016, 2, 29)), 16);
}

TEST(Date, ReportingYears) {
  EXPECT_EQ(reporting_year_start(d(2019, 3, 31)), d(2018, 4, 1));
  EXPECT_EQ(reporting_year_start(d(2019, 4, 1)), d(2019, 4, 1));
  EXPECT_EQ(collection_year(d(2018, 12, 31)), 2019);
  EXPECT_EQ(collection_year(d(2019, 4, 1)), 2020);
}

}  // namespace
}  // namespace scorecard
