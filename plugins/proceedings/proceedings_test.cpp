// Care proceedings fixtures, worked by hand from DATA.md indicator 18 and counting rule 13.
#include "proceedings.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/testing/fixture.hpp"

namespace scorecard::plugins {
namespace {

using testing::Fixture;
using Strings = std::vector<std::string>;

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Period 2018-19 Q3 = 01/10/2018 .. 31/12/2018 (final order within the period).
//  A1 (C1)      issued 01/05/2018, final 30/10/2018: May 31 + Jun 30 + Jul 31 + Aug 31 +
//               Sep 30 = 153 days to 01/10, + 29 = 182 days -> exactly 26 weeks, on time.
//  A2 (C2)      issued 01/05/2018, final 31/10/2018: 183 days -> late.
//  A3 (C3, C4)  siblings. C3 issued 01/06/2018, final 15/11/2018 (153 days to 01/11, + 14 =
//               167); C4 issued 20/06/2018, final 10/12/2018 (183 days to 20/12, - 10 = 173).
//               The case: 01/06/2018 .. 10/12/2018 = 183 days to 01/12, + 9 = 192 -> late.
//  A4 (C5)      final 15/01/2019 -> outside the period.
//  A5 (C6)      no final order -> open, not counted.
//  A6 (C7, C8)  C7 issued 01/08/2018, final 01/10/2018 (31 + 30 = 61 days); C8 still open,
//               so the case is open and not counted; per child C7 counts (61, on time).
//  A7 (C9, C10) C9 issued 01/01/2018, final 20/09/2018 (Q2: 243 days to 01/09, + 19 = 262);
//               C10 issued 01/02/2018, final 05/10/2018 (242 days to 01/10, + 4 = 246).
//               The case: 01/01/2018 .. 05/10/2018 = 273 days to 01/10, + 4 = 277 -> in Q3.
//
// Per case, Q3: A1 182, A2 183, A3 192, A7 277 -> 4 cases, 1 on time (A1).
// Per child, Q3: C1 182, C2 183, C3 167, C4 173, C7 61, C10 246 -> 6, 4 on time (C1 C3 C4 C7).
Fixture proceedings_fixture() {
  Fixture f;
  f.dataset("proceedings", {{"CASE_ID", "CHILD", "ISSUE_DATE", "FINAL_ORDER_DATE"},
                            {"A1", "C1", "01/05/2018", "30/10/2018"},
                            {"A2", "C2", "01/05/2018", "31/10/2018"},
                            {"A3", "C3", "01/06/2018", "15/11/2018"},
                            {"A3", "C4", "20/06/2018", "10/12/2018"},
                            {"A4", "C5", "01/03/2018", "15/01/2019"},
                            {"A5", "C6", "01/09/2018", ""},
                            {"A6", "C7", "01/08/2018", "01/10/2018"},
                            {"A6", "C8", "01/08/2018", ""},
                            {"A7", "C9", "01/01/2018", "20/09/2018"},
                            {"A7", "C10", "01/02/2018", "05/10/2018"}});
  return f;
}

// ---- proceedings.under_26_weeks ----

TEST(ProceedingsUnder26Weeks, CountsCasesWithin182DaysInclusive) {
  // 1 of 4 cases (A1, exactly 182 days); A2 at 183 days is late. 1/4 = 25%.
  Observation o = proceedings_fixture().run(ProceedingsUnder26Weeks(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_EQ(o.numerator, 1);
  EXPECT_DOUBLE_EQ(*o.value, 25.0);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"A1"}));
  EXPECT_EQ(sorted(o.denominator_records), (std::vector<std::string>{"A1", "A2", "A3", "A7"}));
}

TEST(ProceedingsUnder26Weeks, PerChildCountsEachChildsProceedings) {
  // 4 of 6 children: C1 (182), C3 (167), C4 (173), C7 (61); C2 (183) and C10 (246) late.
  // C9's final order (20/09/2018) is in Q2; C8 and C6 are open.
  Observation o =
      proceedings_fixture().param("per_child", true).run(ProceedingsUnder26Weeks(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 6);
  EXPECT_EQ(o.numerator, 4);
  EXPECT_DOUBLE_EQ(*o.value, 4.0 / 6.0 * 100.0);
  EXPECT_EQ(sorted(o.numerator_records),
            (std::vector<std::string>{"A1/C1", "A3/C3", "A3/C4", "A6/C7"}));
}

TEST(ProceedingsUnder26Weeks, MaxDaysIsAParameter) {
  // max_days 183: A1 (182) and A2 (183) on time, A3 (192) and A7 (277) late: 2/4 = 50%.
  Observation o = proceedings_fixture()
                      .param("max_days", int64_t{183})
                      .run(ProceedingsUnder26Weeks(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_EQ(o.numerator, 2);
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
}

TEST(ProceedingsUnder26Weeks, EachPeriodCountsFinalOrdersWithinIt) {
  // Q2 (01/07 .. 30/09/2018): no case ends there (A7 ends 05/10 with C10), so no value;
  // per child, C9 (262 days) ended in Q2: 0 of 1.
  auto by_case =
      proceedings_fixture().run(ProceedingsUnder26Weeks(), Strings{"2018-19 Q2", "2018-19 Q3"});
  EXPECT_EQ(by_case[0].denominator, 0);
  EXPECT_FALSE(by_case[0].value.has_value());
  EXPECT_EQ(by_case[1].denominator, 4);
  auto by_child = proceedings_fixture()
                      .param("per_child", true)
                      .run(ProceedingsUnder26Weeks(), Strings{"2018-19 Q2"});
  EXPECT_EQ(by_child[0].denominator, 1);
  EXPECT_EQ(by_child[0].numerator, 0);
  EXPECT_DOUBLE_EQ(*by_child[0].value, 0.0);
}

TEST(ProceedingsUnder26Weeks, ProceedingsWithoutAnIssueDateAreLeftOutAndNoted) {
  // B1 ends in Q3 with no issue date: left out, noted. B2: 01/10/2018 .. 01/11/2018 = 31 days.
  Fixture f;
  f.dataset("proceedings", {{"CASE_ID", "CHILD", "ISSUE_DATE", "FINAL_ORDER_DATE"},
                            {"B1", "C1", "", "15/11/2018"},
                            {"B2", "C2", "01/10/2018", "01/11/2018"}});
  Observation o = f.run(ProceedingsUnder26Weeks(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 1);
  EXPECT_EQ(o.numerator, 1);
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_NE(o.notes[0].find("1 proceedings with no issue date"), std::string::npos);
}

// ---- proceedings.duration ----

TEST(ProceedingsDuration, MeanDaysPerCase) {
  // Cases in Q3: 182 + 183 + 192 + 277 = 834 days over 4 cases = 208.5.
  Observation o = proceedings_fixture().run(ProceedingsDuration(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_EQ(o.numerator, 834);
  EXPECT_DOUBLE_EQ(*o.value, 208.5);
  EXPECT_EQ(sorted(o.denominator_records), (std::vector<std::string>{"A1", "A2", "A3", "A7"}));
}

TEST(ProceedingsDuration, MedianDaysPerCase) {
  // Sorted 182, 183, 192, 277: an even count, the mean of the middle two (183 + 192) / 2.
  Observation o = proceedings_fixture()
                      .param("aggregation", std::string("median"))
                      .run(ProceedingsDuration(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_DOUBLE_EQ(*o.value, 187.5);
}

TEST(ProceedingsDuration, PerChildMeanAndMedian) {
  // Children in Q3: 182 + 183 + 167 + 173 + 61 + 246 = 1012 days over 6 = 168.67 (mean);
  // sorted 61 167 173 182 183 246 -> median (173 + 182) / 2 = 177.5.
  Observation mean =
      proceedings_fixture().param("per_child", true).run(ProceedingsDuration(), "2018-19 Q3");
  EXPECT_EQ(mean.denominator, 6);
  EXPECT_EQ(mean.numerator, 1012);
  EXPECT_DOUBLE_EQ(*mean.value, 1012.0 / 6.0);
  Observation median = proceedings_fixture()
                           .param("per_child", true)
                           .param("aggregation", std::string("median"))
                           .run(ProceedingsDuration(), "2018-19 Q3");
  EXPECT_DOUBLE_EQ(*median.value, 177.5);
}

TEST(ProceedingsDuration, MedianOfAnOddCountIsTheMiddleValue) {
  // 2018-19 (01/04/2018 .. 31/03/2019): cases A1 182, A2 183, A3 192, A4, A7 277.
  // A4: issued 01/03/2018, final 15/01/2019: 31 (Mar) + 275 (Apr .. Dec) = 306 to 01/01/2019,
  // + 14 = 320. Sorted 182 183 192 277 320 -> the middle one, 192.
  Observation o = proceedings_fixture()
                      .param("aggregation", std::string("median"))
                      .run(ProceedingsDuration(), "2018-19");
  EXPECT_EQ(o.denominator, 5);
  EXPECT_DOUBLE_EQ(*o.value, 192.0);
}

TEST(ProceedingsDuration, AnUnknownAggregationIsAnError) {
  EXPECT_THROW(proceedings_fixture()
                   .param("aggregation", std::string("mode"))
                   .run(ProceedingsDuration(), "2018-19 Q3"),
               std::invalid_argument);
}

}  // namespace
}  // namespace scorecard::plugins
