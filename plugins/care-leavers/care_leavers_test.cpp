// care_leavers.eet fixtures, worked by hand from DATA.md indicator 12 and counting rule 8.
#include "care_leavers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/testing/fixture.hpp"

namespace scorecard::plugins {
namespace {

using testing::Fixture;
using Labels = std::vector<std::string>;

// 2018-19 is collection year 2019: 01/04/2018 .. 31/03/2019. The age counted is the age
// reached on the birthday that falls in that year (= whole years on 31/03/2019).
//  L1   DOB 15/06/1999, YES, F1, 2019 -> turns 19 on 15/06/2018; EET
//  L1   a second row for L1, YES, G5, 2019 -> each row counts; not EET
//  L2   DOB 01/04/1997, YES, P2, 2019 -> turns 21 on 01/04/2018 (first day); EET
//  L3   DOB 31/03/1998, YES, G4, 2019 -> turns 21 on 31/03/2019 (last day); not EET
//  L4   DOB 01/04/1996, YES, F1, 2019 -> turns 22: out of 19-21
//  L5   DOB 29/02/2000, YES, F3, 2019 -> 2019 is not a leap year, so the birthday is
//       reached on 01/03/2019, inside the year: 19; EET
//  L6   DOB 10/10/1999, YES, blank ACTIV, 2019 -> 19; in the denominator, not EET
//  L7   DOB 10/10/1998, DIED, 2019 -> 20; excluded from both sides
//  L8   DOB 10/10/1998, RHOM, F1, 2019 -> 20; excluded although F1
//  L9   DOB 15/06/2000, YES, F1, 2019 -> turns 18 on 15/06/2018 (19 only in calendar 2019,
//       after the collection year): out of 19-21; in 17-18
//  L10  DOB 15/06/1998, NO, F2, 2018 -> collection year 2018 (2017-18): turns 19 on 15/06/2017
//  L11  DOB 10/10/1998, REFU, blank ACTIV, 2019 -> 20; refused is not excluded: denominator
//  L12  DOB 20/02/2001, YES, F4, 2019 -> turns 18 on 20/02/2019; EET (17-18 only)
//  L13  DOB 05/05/2001, YES, blank, 2019 -> turns 17 on 05/05/2018 (17-18 only)
Fixture oc3_fixture() {
  Fixture f;
  f.dataset("oc3", {{"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM", "YEAR"},
                    {"L1", "15/06/1999", "YES", "F1", "S", "2019"},
                    {"L1", "15/06/1999", "YES", "G5", "S", "2019"},
                    {"L2", "01/04/1997", "YES", "P2", "S", "2019"},
                    {"L3", "31/03/1998", "YES", "G4", "S", "2019"},
                    {"L4", "01/04/1996", "YES", "F1", "S", "2019"},
                    {"L5", "29/02/2000", "YES", "F3", "S", "2019"},
                    {"L6", "10/10/1999", "YES", "", "S", "2019"},
                    {"L7", "10/10/1998", "DIED", "", "", "2019"},
                    {"L8", "10/10/1998", "RHOM", "F1", "S", "2019"},
                    {"L9", "15/06/2000", "YES", "F1", "S", "2019"},
                    {"L10", "15/06/1998", "NO", "F2", "S", "2018"},
                    {"L11", "10/10/1998", "REFU", "", "", "2019"},
                    {"L12", "20/02/2001", "YES", "F4", "S", "2019"},
                    {"L13", "05/05/2001", "YES", "", "S", "2019"}});
  return f;
}

TEST(CareLeaversEet, CountsRowsAged19To21ExcludingDiedAndReturnedHome) {
  // In band, not DIED/RHOM: L1, L1, L2, L3, L5, L6, L11 = 7 rows (blank ACTIV of L6 and L11
  // stay in). EET: L1 (F1), L2 (P2), L5 (F3) = 3. 3 / 7.
  Observation o = oc3_fixture().run(CareLeaversEet(), "2018-19");
  EXPECT_EQ(o.denominator, 7);
  EXPECT_EQ(o.numerator, 3);
  EXPECT_DOUBLE_EQ(*o.value, 300.0 / 7.0);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"L1", "L2", "L5"}));
  EXPECT_EQ(o.denominator_records,
            (std::vector<std::string>{"L1", "L1", "L2", "L3", "L5", "L6", "L11"}));
  ASSERT_FALSE(o.notes.empty());
  EXPECT_EQ(o.notes[0], "2 rows excluded: IN_TOUCH DIED or RHOM");
}

TEST(CareLeaversEet, AgeBandIsAParameter) {
  // 17-18: L9 (18, F1), L12 (18, F4), L13 (17, blank) -> 2 / 3.
  Observation young = oc3_fixture()
                          .param("min_age", int64_t{17})
                          .param("max_age", int64_t{18})
                          .run(CareLeaversEet(), "2018-19");
  EXPECT_EQ(young.denominator, 3);
  EXPECT_EQ(young.numerator, 2);
  EXPECT_EQ(young.denominator_records, (std::vector<std::string>{"L9", "L12", "L13"}));
  // 19-20: L1, L1, L5, L6, L11 (L2 and L3 are 21) -> EET L1, L5 = 2 / 5 = 40%.
  Observation upto20 = oc3_fixture().param("max_age", int64_t{20}).run(CareLeaversEet(), "2018-19");
  EXPECT_EQ(upto20.denominator, 5);
  EXPECT_DOUBLE_EQ(*upto20.value, 40.0);
}

TEST(CareLeaversEet, EetCodesAreAParameter) {
  // Full time only (F1-F5): L1 F1, L5 F3 of the same 7 rows -> 2 / 7; L2 (P2) drops out.
  Observation o = oc3_fixture()
                      .param("eet_codes", std::vector<std::string>{"F1", "F2", "F3", "F4", "F5"})
                      .run(CareLeaversEet(), "2018-19");
  EXPECT_EQ(o.denominator, 7);
  EXPECT_EQ(o.numerator, 2);
}

TEST(CareLeaversEet, EachPeriodReadsTheCollectionYearContainingIt) {
  // 2017-18 -> YEAR 2018: L10 alone, 19 and F2 -> 1 / 1. 2018-19 Q3 -> YEAR 2019 (rule 8):
  // the same 3 / 7 as the whole year.
  std::vector<Observation> o = oc3_fixture().run(CareLeaversEet(), Labels{"2017-18", "2018-19 Q3"});
  EXPECT_EQ(o[0].denominator, 1);
  EXPECT_DOUBLE_EQ(*o[0].value, 100.0);
  EXPECT_EQ(o[1].denominator, 7);
  EXPECT_EQ(o[1].numerator, 3);
}

TEST(CareLeaversEet, TwentyNinthOfFebruaryBirthday) {
  // DOB 29/02/2000, band 19-19. Collection year 2019 (not leap): 19 is reached on 01/03/2019,
  // inside the year -> counted. Collection year 2020: the birthday 29/02/2020 is a 20th -> not.
  Fixture f;
  f.dataset("oc3", {{"CHILD", "DOB", "IN_TOUCH", "ACTIV", "YEAR"},
                    {"L5", "29/02/2000", "YES", "F3", "2019"},
                    {"L5", "29/02/2000", "YES", "F3", "2020"}});
  f.param("min_age", int64_t{19}).param("max_age", int64_t{19});
  std::vector<Observation> o = f.run(CareLeaversEet(), Labels{"2018-19", "2019-20"});
  EXPECT_EQ(o[0].denominator, 1);
  EXPECT_EQ(o[0].numerator, 1);
  EXPECT_EQ(o[1].denominator, 0);
  EXPECT_FALSE(o[1].value.has_value());
}

TEST(CareLeaversEet, WithoutAYearColumnEveryRowIsThePeriodsYear) {
  // One year's extract, no YEAR: L1 (19, F1) and L6 (19, blank) -> 1 / 2, with a note.
  Fixture f;
  f.dataset("oc3", {{"CHILD", "DOB", "IN_TOUCH", "ACTIV"},
                    {"L1", "15/06/1999", "YES", "F1"},
                    {"L6", "10/10/1999", "YES", ""}});
  Observation o = f.run(CareLeaversEet(), "2018-19");
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(o.notes.back(), "OC3 has no YEAR column: every row is read as collection year 2019");
}

TEST(CareLeaversEet, RejectsAnInvertedAgeBand) {
  EXPECT_THROW(oc3_fixture().param("min_age", int64_t{22}).run(CareLeaversEet(), "2018-19"),
               std::invalid_argument);
}

TEST(CareLeaversEet, MetadataMatchesDataMd) {
  const Metadata m = CareLeaversEet().metadata();
  EXPECT_EQ(m.id, "care_leavers.eet");
  EXPECT_EQ(m.unit, Unit::kPercent);
  EXPECT_EQ(m.polarity, Polarity::kHigherIsBetter);
  EXPECT_EQ(m.theme, "Care leavers");
  const Parameters p = testing::resolve_parameters(m, {});
  EXPECT_EQ(p.integer("min_age"), 19);
  EXPECT_EQ(p.integer("max_age"), 21);
  EXPECT_EQ(p.list("eet_codes").size(), 10u);
}
}  // namespace
}  // namespace scorecard::plugins
