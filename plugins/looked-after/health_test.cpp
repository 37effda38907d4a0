// cla.health_assessments and cla.dental_checks fixtures, worked by hand from DATA.md
// indicator 13 and rule 8 (the OC2 cohort; YEAR = the year the reporting year ends).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/testing/fixture.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

using testing::Fixture;
using Strings = std::vector<std::string>;

// YEAR 2019 = 01/04/2018 - 31/03/2019.
//  H1 S 01/01/2017, open                                  cohort
//  H2 S 31/03/2018, open (looked after on 1 April)        cohort
//  H3 S 01/04/2018 (an S episode in the year)             out
//  H4 S 2017, ceased 31/03/2019 (not looked after on 31 March)   out
//  H5 S 2017, ceased 01/10/2018, S again 01/10/2018 (new period of care) out
//  H6 S 2017, X1 01/10/2018, P 01/10/2018 (one period)    cohort
//  H7 S 2017, X1 01/10/2018 but next DECOM 05/10/2018 (a break)  out
//  H8 S 2017 open, plus a short break (V3) 01/06/2018 - 03/06/2018   out
//  H9 S 2017 open, no OC2 row                              cohort, not counted
//  H10 S 2017 open, OC2 row for YEAR 2018 only             cohort, not counted in 2019
// Cohort 2019: H1, H2, H6, H9, H10 = 5.
// OC2 2019: H1 HA 1 teeth 1; H2 HA 0 teeth 1; H3 HA 1 teeth 1; H6 HA blank teeth 1.
//   Health assessments: H1 = 1 of 5 = 20%. Dental checks: H1, H2, H6 = 3 of 5 = 60%.
// YEAR 2018 = 01/04/2017 - 31/03/2018: cohort H1, H4, H5, H6, H7, H8, H9, H10 = 8 (the short
//   break is in the next year); OC2 2018: H10 HA 1 teeth 0. Health 1 of 8; dental 0 of 8.
Fixture oc2_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "REC"},
                         {"H1", "01/01/2017", "", "S", "C2", ""},
                         {"H2", "31/03/2018", "", "S", "C2", ""},
                         {"H3", "01/04/2018", "", "S", "C2", ""},
                         {"H4", "01/01/2017", "31/03/2019", "S", "C2", "E4B"},
                         {"H5", "01/01/2017", "01/10/2018", "S", "C2", "E4B"},
                         {"H5", "01/10/2018", "", "S", "C2", ""},
                         {"H6", "01/01/2017", "01/10/2018", "S", "C2", "X1"},
                         {"H6", "01/10/2018", "", "P", "C2", ""},
                         {"H7", "01/01/2017", "01/10/2018", "S", "C2", "X1"},
                         {"H7", "05/10/2018", "", "P", "C2", ""},
                         {"H8", "01/01/2017", "", "S", "C2", ""},
                         {"H8", "01/06/2018", "03/06/2018", "S", "V3", "E4A"},
                         {"H9", "01/01/2017", "", "S", "C2", ""},
                         {"H10", "01/01/2017", "", "S", "C2", ""}});
  f.dataset("oc2", {{"CHILD", "YEAR", "HEALTH_ASSESSMENT", "TEETH_CHECK"},
                    {"H1", "2019", "1", "1"},
                    {"H2", "2019", "0", "1"},
                    {"H3", "2019", "1", "1"},
                    {"H6", "2019", "", "1"},
                    {"H10", "2018", "1", "0"}});
  return f;
}

TEST(HealthAssessments, CountsTheOc2CohortWithAnAssessment) {
  Observation o = oc2_fixture().run(HealthAssessments(), "2018-19");
  EXPECT_EQ(o.denominator_records, (Strings{"H1", "H2", "H6", "H9", "H10"}));
  EXPECT_EQ(o.numerator_records, (Strings{"H1"}));
  EXPECT_DOUBLE_EQ(*o.value, 20.0);
  // H9 and H10 have no 2019 row.
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_EQ(o.notes[0].substr(0, 2), "2 ");
}

TEST(HealthAssessments, EachPeriodReadsTheYearOfItsReportingYear) {
  // 2017-18 -> YEAR 2018: 1 of 8 = 12.5%. 2018-19 Q2 -> YEAR 2019: as the year, 20%.
  auto o = oc2_fixture().run(HealthAssessments(), Strings{"2017-18", "2018-19 Q2"});
  EXPECT_EQ(o[0].denominator, 8);
  EXPECT_EQ(o[0].numerator_records, (Strings{"H10"}));
  EXPECT_DOUBLE_EQ(*o[0].value, 12.5);
  EXPECT_EQ(o[1].denominator, 5);
  EXPECT_DOUBLE_EQ(*o[1].value, 20.0);
}

TEST(HealthAssessments, AYearWithoutOc2RowsHasNoFigure) {
  // 2019-20 -> YEAR 2020: the cohort exists but OC2 has no 2020 rows: no value, a note.
  Observation o = oc2_fixture().run(HealthAssessments(), "2019-20");
  EXPECT_GT(*o.denominator, 0);
  EXPECT_FALSE(o.value.has_value());
  EXPECT_EQ(o.notes, (Strings{"no OC2 rows for YEAR 2020, so no figure"}));
}

TEST(HealthAssessments, RowsWithoutYearBelongToTheLatestYearAskedFor) {
  // OC2 without YEAR: H1 1, H2 1 read as YEAR 2019 (the latest asked): 2 of 5 = 40%.
  Fixture f = oc2_fixture();
  f.dataset("oc2", {{"CHILD", "HEALTH_ASSESSMENT"}, {"H1", "1"}, {"H2", "1"}});
  Observation o = f.run(HealthAssessments(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"H1", "H2"}));
  EXPECT_DOUBLE_EQ(*o.value, 40.0);
  EXPECT_EQ(o.notes.back(), "2 OC2 rows without YEAR were read as the latest year asked for");
}

TEST(DentalChecks, CountsTheOc2CohortWithATeethCheck) {
  // H1, H2, H6 of H1, H2, H6, H9, H10 = 60%. H3 has a check but started in the year.
  Observation o = oc2_fixture().run(DentalChecks(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"H1", "H2", "H6"}));
  EXPECT_DOUBLE_EQ(*o.value, 60.0);
}

TEST(DentalChecks, AZeroOrBlankIsNotACheck) {
  // 2017-18: H10 TEETH_CHECK 0: 0 of 8. A blank TEETH_CHECK for H1 in 2019: 2 of 5 = 40%.
  EXPECT_DOUBLE_EQ(*oc2_fixture().run(DentalChecks(), "2017-18").value, 0.0);
  Fixture f = oc2_fixture();
  f.dataset("oc2", {{"CHILD", "YEAR", "TEETH_CHECK"},
                    {"H1", "2019", ""},
                    {"H2", "2019", "1"},
                    {"H6", "2019", "1"}});
  EXPECT_DOUBLE_EQ(*f.run(DentalChecks(), "2018-19").value, 40.0);
}

TEST(DentalChecks, SeveralRowsForAChildCountOnceAndAnyCheckCounts) {
  // H1 has two 2019 rows (0 then 1): one child, checked. Cohort 5, checked H1 = 20%.
  Fixture f = oc2_fixture();
  f.dataset("oc2", {{"CHILD", "YEAR", "TEETH_CHECK"}, {"H1", "2019", "0"}, {"H1", "2019", "1"}});
  Observation o = f.run(DentalChecks(), "2018-19");
  EXPECT_EQ(o.denominator, 5);
  EXPECT_EQ(o.numerator, 1);
}

}  // namespace
}  // namespace scorecard::plugins::looked_after
