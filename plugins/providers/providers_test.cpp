// Providers and foster carers fixtures, worked by hand from DATA.md indicators 21 and 22 and
// counting rule 16.
#include "providers.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/testing/fixture.hpp"

namespace scorecard::plugins {
namespace {

using testing::Fixture;
using Strings = std::vector<std::string>;

Strings sorted(Strings v) {
  std::sort(v.begin(), v.end());
  return v;
}

// ---- providers.good_or_better (EA3) ----
//
//  U1 EY  01/06/2018 good (2), listed before its 01/05/2015 requires improvement (3)
//  U2 EY  01/05/2016 outstanding (1), then 10/01/2019 requires improvement (3)
//  U3 EY  01/02/2017 good (2), then 01/04/2019 inadequate (4)
//  U4 EY  01/06/2019 outstanding (1), its only inspection
//  U5 PRIMARY 01/01/2018 outstanding (1)
//  U6 EY  31/03/2019 good (2)
//  U7 EY  01/01/2017 inadequate (4)
//  U8 PRIMARY 01/03/2019 requires improvement (3)
Fixture providers_fixture() {
  Fixture f;
  f.dataset("providers", {{"URN", "SETTING_TYPE", "INSPECTION_DATE", "OVERALL_EFFECTIVENESS"},
                          {"U1", "EARLY_YEARS", "01/06/2018", "2"},
                          {"U1", "EARLY_YEARS", "01/05/2015", "3"},
                          {"U2", "EARLY_YEARS", "01/05/2016", "1"},
                          {"U2", "EARLY_YEARS", "10/01/2019", "3"},
                          {"U3", "EARLY_YEARS", "01/02/2017", "2"},
                          {"U3", "EARLY_YEARS", "01/04/2019", "4"},
                          {"U4", "EARLY_YEARS", "01/06/2019", "1"},
                          {"U5", "PRIMARY", "01/01/2018", "1"},
                          {"U6", "EARLY_YEARS", "31/03/2019", "2"},
                          {"U7", "EARLY_YEARS", "01/01/2017", "4"},
                          {"U8", "PRIMARY", "01/03/2019", "3"}});
  return f;
}

TEST(ProvidersGoodOrBetter, LatestInspectionUpToTheAsAtDateWins) {
  // As at 31/03/2019. Early years inspected by then: U1 (latest 01/06/2018: good), U2 (latest
  // 10/01/2019: RI, its earlier outstanding no longer counts), U3 (01/02/2017: good; its
  // 01/04/2019 inadequate is after the as-at date), U6 (inspected on the as-at date: good),
  // U7 (inadequate). U4 is not yet inspected. 3 of 5 = 60%.
  Observation o = providers_fixture().run(ProvidersGoodOrBetter(), "2018-19");
  EXPECT_EQ(o.denominator, 5);
  EXPECT_EQ(o.numerator, 3);
  EXPECT_DOUBLE_EQ(*o.value, 60.0);
  EXPECT_EQ(sorted(o.numerator_records), (Strings{"U1", "U3", "U6"}));
  EXPECT_EQ(sorted(o.denominator_records), (Strings{"U1", "U2", "U3", "U6", "U7"}));
}

TEST(ProvidersGoodOrBetter, EachPeriodSeesOnlyInspectionsUpToItsEnd) {
  // As at 31/03/2018: U1 (01/05/2015: RI), U2 (01/05/2016: outstanding), U3 (good), U7
  // (inadequate); U6 not yet inspected. 2 of 4 = 50%.
  // As at 31/03/2020: U1 good, U2 RI, U3 (01/04/2019: inadequate), U4 outstanding, U6 good,
  // U7 inadequate. 3 of 6 = 50%.
  auto o =
      providers_fixture().run(ProvidersGoodOrBetter(), Strings{"2017-18", "2018-19", "2019-20"});
  EXPECT_EQ(o[0].denominator, 4);
  EXPECT_EQ(o[0].numerator, 2);
  EXPECT_EQ(sorted(o[0].numerator_records), (Strings{"U2", "U3"}));
  EXPECT_DOUBLE_EQ(*o[1].value, 60.0);
  EXPECT_EQ(o[2].denominator, 6);
  EXPECT_EQ(o[2].numerator, 3);
  EXPECT_EQ(sorted(o[2].numerator_records), (Strings{"U1", "U4", "U6"}));
}

TEST(ProvidersGoodOrBetter, SettingTypeIsAParameter) {
  // PRIMARY as at 31/03/2019: U5 outstanding, U8 RI. 1 of 2 = 50%.
  Observation o = providers_fixture()
                      .param("setting_type", std::string("PRIMARY"))
                      .run(ProvidersGoodOrBetter(), "2018-19");
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(o.numerator_records, (Strings{"U5"}));
  // A type with no settings: no value.
  Observation none = providers_fixture()
                         .param("setting_type", std::string("SPECIAL"))
                         .run(ProvidersGoodOrBetter(), "2018-19");
  EXPECT_EQ(none.denominator, 0);
  EXPECT_FALSE(none.value.has_value());
}

TEST(ProvidersGoodOrBetter, UngradedRowsAreLeftOutAndNoted) {
  // V1: graded good 01/01/2018, then a row with no judgement 01/01/2019 -> the good one is its
  // latest graded inspection. V2: only a row with no date. 1 of 1; 2 rows noted.
  Fixture f;
  f.dataset("providers", {{"URN", "SETTING_TYPE", "INSPECTION_DATE", "OVERALL_EFFECTIVENESS"},
                          {"V1", "EARLY_YEARS", "01/01/2018", "2"},
                          {"V1", "EARLY_YEARS", "01/01/2019", ""},
                          {"V2", "EARLY_YEARS", "", "1"}});
  Observation o = f.run(ProvidersGoodOrBetter(), "2018-19");
  EXPECT_EQ(o.denominator, 1);
  EXPECT_EQ(o.numerator, 1);
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_EQ(o.notes[0].rfind("2 rows", 0), 0u);
}

// ---- foster_carers.new_in_house ----
//
//  F1 IN_HOUSE approved 01/04/2018 (the first day of the year)
//  F2 IN_HOUSE approved 31/03/2018 (the previous year)
//  F3 IFA      approved 01/06/2018 (an agency's carer)
//  F4 IN_HOUSE approved 15/11/2018
//  F5 IN_HOUSE approved 01/01/2019
//  F6 IN_HOUSE approved 01/05/2018, deregistered, approved again 01/09/2018 (one carer)
//  F7 IN_HOUSE approved 31/12/2018 (the last day of Q3)
Fixture carers_fixture() {
  Fixture f;
  f.dataset("foster_carers", {{"CARER_ID", "PROVIDER", "APPROVAL_DATE", "DEREGISTRATION_DATE"},
                              {"F1", "IN_HOUSE", "01/04/2018", ""},
                              {"F2", "IN_HOUSE", "31/03/2018", ""},
                              {"F3", "IFA", "01/06/2018", ""},
                              {"F4", "IN_HOUSE", "15/11/2018", ""},
                              {"F5", "IN_HOUSE", "01/01/2019", ""},
                              {"F6", "IN_HOUSE", "01/05/2018", "01/08/2018"},
                              {"F6", "IN_HOUSE", "01/09/2018", ""},
                              {"F7", "IN_HOUSE", "31/12/2018", ""}});
  return f;
}

TEST(NewInHouseFosterCarers, CountsDistinctInHouseCarersYearToDate) {
  // 2018-19 Q3, year to date 01/04/2018 .. 31/12/2018: F1, F4, F6 (once), F7 = 4.
  // F2 (before 1 April), F3 (IFA) and F5 (after the period) are not counted.
  Observation o = carers_fixture().run(NewInHouseFosterCarers(), "2018-19 Q3");
  EXPECT_EQ(o.numerator, 4);
  EXPECT_DOUBLE_EQ(*o.value, 4.0);
  EXPECT_EQ(sorted(o.numerator_records), (Strings{"F1", "F4", "F6", "F7"}));
}

TEST(NewInHouseFosterCarers, EachQuarterCountsFromFirstApril) {
  // Q1 (01/04 .. 30/06/2018): F1, F6 = 2. The year: F1, F4, F5, F6, F7 = 5.
  auto o = carers_fixture().run(NewInHouseFosterCarers(),
                                Strings{"2018-19 Q1", "2018-19 Q3", "2018-19"});
  EXPECT_DOUBLE_EQ(*o[0].value, 2.0);
  EXPECT_DOUBLE_EQ(*o[1].value, 4.0);
  EXPECT_DOUBLE_EQ(*o[2].value, 5.0);
}

TEST(NewInHouseFosterCarers, YearToDateOffCountsTheQuarterOnly) {
  // Q3 alone (01/10 .. 31/12/2018): F4, F7 = 2.
  Observation o =
      carers_fixture().param("year_to_date", false).run(NewInHouseFosterCarers(), "2018-19 Q3");
  EXPECT_DOUBLE_EQ(*o.value, 2.0);
  EXPECT_EQ(sorted(o.numerator_records), (Strings{"F4", "F7"}));
}

}  // namespace
}  // namespace scorecard::plugins
