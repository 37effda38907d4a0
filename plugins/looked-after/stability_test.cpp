// NI 62 and NI 63 fixtures, worked by hand from DATA.md indicators 4 and 5, "Placements" and
// counting rules 1-3.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/testing/fixture.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

using testing::Fixture;
using testing::Rows;
using Strings = std::vector<std::string>;

// NI 62 as at 31/03/2019: the window is (31/03/2018, 31/03/2019]; "looked after at the
// window's start" is tested on 31/03/2018. Placements = that 1 + placement changes in the window.
//  C1 S 01/04/2018, P 01/10/2018                          0 + 2 = 2  (rule 1: not 3)
//  C2 S 2017, P 01/06/2018, P 01/09/2018                  1 + 2 = 3  counted
//  C3 S 2017, T 01/06/2018, U 01/09/2018 (same carer)     1 + 0 = 1
//  C4 S 2017 (u1), P T1 hospital 01/06/2018, P back to u1 U4 10/06/2018, P u6 01/12/2018
//                                                         1 + 0 + 0 + 1 = 2  (return)
//  C5 as C4 but back to another carer (u7) on 10/06/2018  1 + 0 + 1 + 1 = 3  counted
//  C6 S 2017 ceased 01/05/2018, S 01/09/2018, P 01/12/2018 (two periods of care)
//                                                         1 + 1 + 1 = 3  counted
//  C7 three placements but DEC on the as-at date          not looked after at 31/03/2019
//  C8 short breaks (V3) only                              not looked after
//  C9 S 2017, B 01/05/2018, L 01/06/2018 (legal status only), P 01/07/2018
//                                                         1 + 1 + 0 + 1 = 3  counted
//  C10 S 2017, P on 31/03/2018 itself, P 01/05/2018       1 + 0 + 1 = 2
// Looked after: C1-C6, C9, C10 = 8; counted C2, C5, C6, C9 = 4 -> 50%.
Fixture ni62_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "URN", "REC"},
                         {"C1", "01/04/2018", "01/10/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C1", "01/10/2018", "", "P", "C2", "U4", "u2", ""},
                         {"C2", "01/01/2017", "01/06/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C2", "01/06/2018", "01/09/2018", "P", "C2", "U4", "u2", "X1"},
                         {"C2", "01/09/2018", "", "P", "C2", "K2", "u3", ""},
                         {"C3", "01/01/2017", "01/06/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C3", "01/06/2018", "01/09/2018", "T", "C2", "U4", "u4", "X1"},
                         {"C3", "01/09/2018", "", "U", "E1", "U4", "u5", ""},
                         {"C4", "01/01/2017", "01/06/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C4", "01/06/2018", "10/06/2018", "P", "C2", "T1", "", "X1"},
                         {"C4", "10/06/2018", "01/12/2018", "P", "C2", "U4", "u1", "X1"},
                         {"C4", "01/12/2018", "", "P", "C2", "U4", "u6", ""},
                         {"C5", "01/01/2017", "01/06/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C5", "01/06/2018", "10/06/2018", "P", "C2", "T1", "", "X1"},
                         {"C5", "10/06/2018", "01/12/2018", "P", "C2", "U4", "u7", "X1"},
                         {"C5", "01/12/2018", "", "P", "C2", "U4", "u8", ""},
                         {"C6", "01/01/2017", "01/05/2018", "S", "C2", "U4", "u1", "E4B"},
                         {"C6", "01/09/2018", "01/12/2018", "S", "C2", "U4", "u9", "X1"},
                         {"C6", "01/12/2018", "", "P", "C2", "U4", "u10", ""},
                         {"C7", "01/05/2018", "01/06/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C7", "01/06/2018", "01/07/2018", "P", "C2", "U4", "u2", "X1"},
                         {"C7", "01/07/2018", "31/03/2019", "P", "C2", "U4", "u3", "E4B"},
                         {"C8", "01/05/2018", "02/05/2018", "S", "V3", "H5", "u1", "E4A"},
                         {"C8", "01/06/2018", "02/06/2018", "S", "V3", "H5", "u1", "E4A"},
                         {"C8", "01/03/2019", "", "S", "V3", "H5", "u1", ""},
                         {"C9", "01/01/2017", "01/05/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C9", "01/05/2018", "01/06/2018", "B", "E1", "U4", "u2", "X1"},
                         {"C9", "01/06/2018", "01/07/2018", "L", "C2", "U4", "u2", "X1"},
                         {"C9", "01/07/2018", "", "P", "C2", "U4", "u3", ""},
                         {"C10", "01/01/2017", "31/03/2018", "S", "C2", "U4", "u1", "X1"},
                         {"C10", "31/03/2018", "01/05/2018", "P", "C2", "U4", "u2", "X1"},
                         {"C10", "01/05/2018", "", "P", "C2", "U4", "u3", ""}});
  return f;
}

TEST(Ni62, CountsChildrenWithThreeOrMorePlacementsInTheYear) {
  Observation o = ni62_fixture().run(ShortTermStability(), "2018-19");
  EXPECT_EQ(o.denominator, 8);
  EXPECT_EQ(o.numerator, 4);
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
  EXPECT_EQ(o.numerator_records, (Strings{"C2", "C5", "C6", "C9"}));
  EXPECT_EQ(o.denominator_records, (Strings{"C1", "C2", "C3", "C4", "C5", "C6", "C9", "C10"}));
}

TEST(Ni62, MinPlacementsIsAParameter) {
  // 2 or more: C1 (2), C2, C4 (2), C5, C6, C9, C10 (2) = 7 of 8; C3 has 1. 87.5%.
  Observation o =
      ni62_fixture().param("min_placements", int64_t{2}).run(ShortTermStability(), "2018-19");
  EXPECT_EQ(o.numerator, 7);
  EXPECT_DOUBLE_EQ(*o.value, 87.5);
}

TEST(Ni62, TemporaryPlacementsCountWhenNotExcluded) {
  // exclude_temporary false: every S/P/B episode is a placement. C4: 1 + T1 + return + P = 4,
  // C5: 4 as well. Counted C2, C4, C5, C6, C9 = 5 of 8 = 62.5%.
  Observation o =
      ni62_fixture().param("exclude_temporary", false).run(ShortTermStability(), "2018-19");
  EXPECT_EQ(o.numerator, 5);
  EXPECT_EQ(o.numerator_records, (Strings{"C2", "C4", "C5", "C6", "C9"}));
}

TEST(Ni62, PlacementRneSaysWhichMovesCount) {
  // Counting T and U too: C3 = 1 + T + U = 3 joins. C2, C3, C5, C6, C9 = 5 of 8.
  Observation o = ni62_fixture()
                      .param("placement_rne", Strings{"S", "P", "B", "T", "U"})
                      .run(ShortTermStability(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"C2", "C3", "C5", "C6", "C9"}));
  // P alone: S and B are no longer moves. C2 1+2 = 3, C5 1+1+1 = 3; C6 1+0+1 = 2,
  // C9 1+0+1 = 2. 2 of 8 = 25%.
  Observation p =
      ni62_fixture().param("placement_rne", Strings{"P"}).run(ShortTermStability(), "2018-19");
  EXPECT_EQ(p.numerator_records, (Strings{"C2", "C5"}));
  EXPECT_DOUBLE_EQ(*p.value, 25.0);
}

TEST(Ni62, WindowMonthsIsAParameter) {
  // 6 months: window (30/09/2018, 31/03/2019] (31/03 - 6 months = 30/09, clamped), with 2 or
  // more placements: C1 1 + P 01/10 = 2, C4 1 + P 01/12 = 2, C5 1 + P 01/12 = 2,
  // C6 1 + P 01/12 = 2; C2, C3, C9, C10 have 1. 4 of 8 = 50%.
  Observation o = ni62_fixture()
                      .param("window_months", int64_t{6})
                      .param("min_placements", int64_t{2})
                      .run(ShortTermStability(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"C1", "C4", "C5", "C6"}));
}

TEST(Ni62, EachQuarterHasItsOwnWindow) {
  // As at 31/12/2018, window (31/12/2017, 31/12/2018]: looked after C1-C7, C9, C10 (C7 until
  // 31/03/2019). C1 0+2 = 2; C2 1+2 = 3; C3 1; C4 1+1 = 2; C5 1+2 = 3; C6 1+2 = 3;
  // C7 0+3 = 3; C9 3; C10 1+1+1 = 3 (P on 31/03/2018 is inside this window).
  // Counted C2, C5, C6, C7, C9, C10 = 6 of 9.
  auto o = ni62_fixture().run(ShortTermStability(), Strings{"2018-19 Q3", "2018-19"});
  EXPECT_EQ(o[0].denominator, 9);
  EXPECT_EQ(o[0].numerator_records, (Strings{"C2", "C5", "C6", "C7", "C9", "C10"}));
  EXPECT_EQ(o[1].numerator, 4);
}

TEST(Ni62, BadParametersAreClearErrors) {
  EXPECT_THROW(
      ni62_fixture().param("min_placements", int64_t{0}).run(ShortTermStability(), "2018-19"),
      std::invalid_argument);
}

// NI 63 as at 31/03/2019: under 16; looked after continuously since 30/09/2016 or earlier
// (31/03/2019 - 30 months, clamped from 31/09); in the current placement since 31/03/2017 or
// earlier (24 months). Born 01/01/2008 (aged 11) unless said.
//  D1  S 30/09/2016, open                                 exactly 30 months; placement 30 months
//  D2  S 01/10/2016, open                                 one day short: not in the cohort
//  D3  S 2015, P 31/03/2017                               placement exactly 24 months: counted
//  D4  S 2015, P 01/04/2017                               placement a day short: not counted
//  D5  S 2015, P 01/01/2017, T 01/06/2018 (same carer)    placement since 01/01/2017: counted
//  D6  S 2015 (u1), P T1 01/02/2019, P back to u1 10/02/2019   return: since 2015, counted
//  D7  S 2015 (u1), P T1 01/02/2019, P to u2 10/02/2019   new placement: not counted
//  D8  born 01/03/2003, aged 16                           too old
//  D9  S 2010 ceased 01/06/2017, S 01/01/2018             second period too short
//  D10 S 2010 ceased (E4B) 01/06/2017, S again 01/06/2017 a new period on the same day: short
//  D11 S 2015, X1 then L (legal status only) 01/06/2016   one period, one placement: counted
//  D12 short break (V3) since 2015                        left out
//  D13 S 2015, DEC 31/03/2019                             not looked after on the day
//  D14 S 2015 (u1), P T2 holiday from 20/03/2019, open    still in the 2015 placement: counted
// Cohort D1, D3, D4, D5, D6, D7, D11, D14 = 8; counted D1, D3, D5, D6, D11, D14 = 6 -> 75%.
Fixture ni63_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "URN", "REC"},
                         {"D1", "30/09/2016", "", "S", "C2", "U4", "u1", ""},
                         {"D2", "01/10/2016", "", "S", "C2", "U4", "u1", ""},
                         {"D3", "01/01/2015", "31/03/2017", "S", "C2", "U4", "u1", "X1"},
                         {"D3", "31/03/2017", "", "P", "C2", "U4", "u2", ""},
                         {"D4", "01/01/2015", "01/04/2017", "S", "C2", "U4", "u1", "X1"},
                         {"D4", "01/04/2017", "", "P", "C2", "U4", "u2", ""},
                         {"D5", "01/01/2015", "01/01/2017", "S", "C2", "U4", "u1", "X1"},
                         {"D5", "01/01/2017", "01/06/2018", "P", "C2", "U4", "u2", "X1"},
                         {"D5", "01/06/2018", "", "T", "C2", "U4", "u3", ""},
                         {"D6", "01/01/2015", "01/02/2019", "S", "C2", "U4", "u1", "X1"},
                         {"D6", "01/02/2019", "10/02/2019", "P", "C2", "T1", "", "X1"},
                         {"D6", "10/02/2019", "", "P", "C2", "U4", "u1", ""},
                         {"D7", "01/01/2015", "01/02/2019", "S", "C2", "U4", "u1", "X1"},
                         {"D7", "01/02/2019", "10/02/2019", "P", "C2", "T1", "", "X1"},
                         {"D7", "10/02/2019", "", "P", "C2", "U4", "u2", ""},
                         {"D8", "01/01/2015", "", "S", "C2", "U4", "u1", ""},
                         {"D9", "01/01/2010", "01/06/2017", "S", "C2", "U4", "u1", "E4B"},
                         {"D9", "01/01/2018", "", "S", "C2", "U4", "u1", ""},
                         {"D10", "01/01/2010", "01/06/2017", "S", "C2", "U4", "u1", "E4B"},
                         {"D10", "01/06/2017", "", "S", "C2", "U4", "u1", ""},
                         {"D11", "01/01/2015", "01/06/2016", "S", "V2", "U4", "u1", "X1"},
                         {"D11", "01/06/2016", "", "L", "C2", "U4", "u1", ""},
                         {"D12", "01/01/2015", "", "S", "V3", "U4", "u1", ""},
                         {"D13", "01/01/2015", "31/03/2019", "S", "C2", "U4", "u1", "E4B"},
                         {"D14", "01/01/2015", "20/03/2019", "S", "C2", "U4", "u1", "X1"},
                         {"D14", "20/03/2019", "", "P", "C2", "T2", "", ""}});
  Rows header = {{"CHILD", "DOB"}};
  for (const char* child :
       {"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D9", "D10", "D11", "D12", "D13", "D14"})
    header.push_back({child, "01/01/2008"});
  header.push_back({"D8", "01/03/2003"});
  f.dataset("header", header);
  return f;
}

TEST(Ni63, CountsLongTermChildrenSettledForTwoYears) {
  Observation o = ni63_fixture().run(LongTermStability(), "2018-19");
  EXPECT_EQ(o.denominator_records, (Strings{"D1", "D3", "D4", "D5", "D6", "D7", "D11", "D14"}));
  EXPECT_EQ(o.numerator_records, (Strings{"D1", "D3", "D5", "D6", "D11", "D14"}));
  EXPECT_DOUBLE_EQ(*o.value, 75.0);
}

TEST(Ni63, TemporaryPlacementsCountWhenNotExcluded) {
  // exclude_temporary false: D6's return on 10/02/2019 and D14's T2 on 20/03/2019 are new
  // placements. Counted D1, D3, D5, D11 = 4 of 8 = 50%.
  Observation o =
      ni63_fixture().param("exclude_temporary", false).run(LongTermStability(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"D1", "D3", "D5", "D11"}));
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
}

TEST(Ni63, SameCarerMovesCountWhenPlacementRneSaysSo) {
  // placement_rne S, P, B, T: D5's T on 01/06/2018 starts a new placement: not counted.
  // Counted D1, D3, D6, D11, D14 = 5 of 8.
  Observation o = ni63_fixture()
                      .param("placement_rne", Strings{"S", "P", "B", "T"})
                      .run(LongTermStability(), "2018-19");
  EXPECT_EQ(o.numerator_records, (Strings{"D1", "D3", "D6", "D11", "D14"}));
}

TEST(Ni63, AgeAndDurationsAreParameters) {
  // max_age 17: D8 (16, S 2015, one placement) joins and is counted: 7 of 9.
  Observation o = ni63_fixture().param("max_age", int64_t{17}).run(LongTermStability(), "2018-19");
  EXPECT_EQ(o.denominator, 9);
  EXPECT_EQ(o.numerator, 7);
  // continuous_months 24: looked after since 31/03/2017: D2 (01/10/2016, placement 29 months)
  // joins and is counted; D9 (2018) and D10 (01/06/2017) stay out. 7 of 9.
  Observation p =
      ni63_fixture().param("continuous_months", int64_t{24}).run(LongTermStability(), "2018-19");
  EXPECT_EQ(p.denominator, 9);
  EXPECT_EQ(p.numerator, 7);
  // placement_months 25 (since 28/02/2017): D3 (31/03/2017) is no longer counted. 5 of 8.
  Observation q =
      ni63_fixture().param("placement_months", int64_t{25}).run(LongTermStability(), "2018-19");
  EXPECT_EQ(q.numerator, 5);
}

TEST(Ni63, A29FebruaryBirthdayIsReachedOn1March) {
  // max_age 15. Born 29/02/2004: 15th birthday reached on 01/03/2019 (not a leap year).
  // As at 28/02/2019 (month 2019-02) aged 14: in the cohort, S 2015, counted -> 1/1.
  // As at 31/03/2019 aged 15: not under 15 -> no cohort, no value.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "URN"},
                         {"C1", "01/01/2015", "", "S", "C2", "U4", "u1"}});
  f.dataset("header", {{"CHILD", "DOB"}, {"C1", "29/02/2004"}});
  auto o = f.param("max_age", int64_t{15}).run(LongTermStability(), Strings{"2019-02", "2019-03"});
  EXPECT_EQ(o[0].numerator, 1);
  EXPECT_EQ(o[0].denominator, 1);
  EXPECT_EQ(o[1].denominator, 0);
  EXPECT_FALSE(o[1].value.has_value());
}

TEST(Ni63, ChildrenWithoutADateOfBirthAreLeftOutInANote) {
  // D1 has no header row: left out of the cohort; the note says how many.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "URN"},
                         {"D1", "01/01/2015", "", "S", "C2", "U4", "u1"}});
  f.dataset("header", {{"CHILD", "DOB"}});
  Observation o = f.run(LongTermStability(), "2018-19");
  EXPECT_EQ(o.denominator, 0);
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_EQ(o.notes[0].substr(0, 2), "1 ");
}

}  // namespace
}  // namespace scorecard::plugins::looked_after
