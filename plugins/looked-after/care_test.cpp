// Tests of the shared care rules in <scorecard/care.hpp> against DATA.md: periods of care and
// continuous care (rule 3), placements (rules 1-2), the current placement, the OC2 cohort
// (rule 8), UASC at a date (rule 4), age bands and ethnicity groups (rule 18).
#include <gtest/gtest.h>

#include <scorecard/sdk.hpp>
#include <string>
#include <vector>

#include "core/values/column_builder.hpp"

namespace scorecard {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// A table of the given typed columns from rows of cell text (rows[0] = the column names).
Table make_table(const std::string& name, const Rows& rows, const std::vector<ColumnType>& types,
                 StringPool& pool) {
  Table t;
  t.name = name;
  t.rows = rows.size() - 1;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    values::ColumnBuilder b(rows[0][c], types[c]);
    for (size_t r = 1; r < rows.size(); ++r) EXPECT_TRUE(b.append(rows[r][c], pool));
    t.columns.push_back(b.take());
  }
  return t;
}

// One child's care from episodes rows CHILD, DECOM, DEC, RNE, LS, PLACE, URN.
struct Care {
  StringPool pool;
  CareIndex index;
  explicit Care(const Rows& rows) {
    const auto S = ColumnType::kString, D = ColumnType::kDate, C = ColumnType::kCode;
    Table t = make_table("episodes", rows, {S, D, D, C, C, C, S}, pool);
    index = CareIndex::build(t, nullptr, pool);
  }
  const ChildCare& child() const { return index.children.at(0); }
  std::vector<PeriodOfCare> periods() const { return periods_of_care(child(), pool); }
  PlacementRules rules() const { return PlacementRules::make(pool, {"S", "P", "B"}, true); }
};

const Rows kHeader = {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "URN"}};
Rows episodes(Rows rows) {
  rows.insert(rows.begin(), kHeader[0]);
  return rows;
}
Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

TEST(CareRules, AnRneSEpisodeOnTheDayCareEndedStartsANewPeriodOfCare) {
  // Rule 3: ceased (E4B) on 01/06/2018 and started again (S) the same day: two periods of
  // care, so not continuously looked after from 2017 to 2019, although the dates chain.
  Care care(episodes({{"C1", "01/01/2017", "01/06/2018", "S", "C2", "U4", "u1"},
                      {"C1", "01/06/2018", "", "S", "C2", "U4", "u1"}}));
  const auto periods = care.periods();
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_FALSE(continuously_looked_after(care.child(), d(2017, 6, 1), d(2019, 3, 31), periods));
  EXPECT_TRUE(continuously_looked_after(care.child(), d(2018, 6, 1), d(2019, 3, 31), periods));
  EXPECT_EQ(period_of_care_start(care.child(), d(2019, 3, 31), periods), d(2018, 6, 1));
}

TEST(CareRules, ContinuousCareFollowsTheChainAndBreaksAtAGap) {
  // X1 then P on the same day: one period. DEC 01/10/2018 and next DECOM 05/10/2018: a gap.
  Care chained(episodes({{"C1", "01/01/2017", "01/06/2018", "S", "C2", "U4", "u1"},
                         {"C1", "01/06/2018", "", "P", "C2", "U4", "u2"}}));
  EXPECT_TRUE(
      continuously_looked_after(chained.child(), d(2017, 1, 1), d(2019, 3, 31), chained.periods()));
  Care gap(episodes({{"C1", "01/01/2017", "01/10/2018", "S", "C2", "U4", "u1"},
                     {"C1", "05/10/2018", "", "P", "C2", "U4", "u2"}}));
  EXPECT_EQ(gap.periods().size(), 2u);
  EXPECT_FALSE(
      continuously_looked_after(gap.child(), d(2017, 1, 1), d(2019, 3, 31), gap.periods()));
  // Not looked after on the last day (DEC on it): not continuous.
  Care ended(episodes({{"C1", "01/01/2017", "31/03/2019", "S", "C2", "U4", "u1"}}));
  EXPECT_FALSE(
      continuously_looked_after(ended.child(), d(2017, 1, 1), d(2019, 3, 31), ended.periods()));
}

TEST(CareRules, ASameDayEpisodeListedAfterItsSuccessorStillChains) {
  // The file lists the open episode first; both start 01/05/2018. Sorted, the same-day S
  // episode (ended 01/05/2018) comes first, so the P episode continues its period of care:
  // one period, started 01/05/2018, and two placements in 2018-19 (S and P).
  Care care(episodes({{"C1", "01/05/2018", "", "P", "C2", "U4", "u2"},
                      {"C1", "01/05/2018", "01/05/2018", "S", "C2", "U4", "u1"}}));
  const auto periods = care.periods();
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(care.child().episodes[0].rne, *care.pool.find("S"));
  EXPECT_EQ(placements_in_window(care.child(), d(2019, 3, 31), 12, care.rules(), periods), 2);
}

TEST(CareRules, WindowStartsOnTheDayAYearBeforeTheAsAtDate) {
  // Rule 1: started 01/04/2018: not looked after on 31/03/2018, so 1 placement in 2018-19.
  // Started 31/03/2018: looked after on that day: also 1 (its S episode is not after it).
  Care april(episodes({{"C1", "01/04/2018", "", "S", "C2", "U4", "u1"}}));
  EXPECT_EQ(placements_in_window(april.child(), d(2019, 3, 31), 12, april.rules(), april.periods()),
            1);
  Care march(episodes({{"C1", "31/03/2018", "", "S", "C2", "U4", "u1"}}));
  EXPECT_EQ(placements_in_window(march.child(), d(2019, 3, 31), 12, march.rules(), march.periods()),
            1);
}

TEST(CareRules, AReturnFromTemporaryPlacementsIsNotANewPlacement) {
  // Rule 2: u1 U4, then T1 and T3 (two temporary episodes), then back to u1 U4: 1 placement.
  // Back to U4 at another URN: 2. A child whose care began in hospital (T1) and then moved to
  // a carer: 1 (the T1 is not a placement, the first carer is).
  Care back(episodes({{"C1", "01/01/2019", "05/01/2019", "S", "C2", "U4", "u1"},
                      {"C1", "05/01/2019", "07/01/2019", "P", "C2", "T1", ""},
                      {"C1", "07/01/2019", "09/01/2019", "P", "C2", "T3", ""},
                      {"C1", "09/01/2019", "", "P", "C2", "U4", "u1"}}));
  EXPECT_EQ(placements_in_window(back.child(), d(2019, 3, 31), 12, back.rules(), back.periods()),
            1);
  Care moved(episodes({{"C1", "01/01/2019", "05/01/2019", "S", "C2", "U4", "u1"},
                       {"C1", "05/01/2019", "07/01/2019", "P", "C2", "T1", ""},
                       {"C1", "07/01/2019", "", "P", "C2", "U4", "u2"}}));
  EXPECT_EQ(placements_in_window(moved.child(), d(2019, 3, 31), 12, moved.rules(), moved.periods()),
            2);
  Care hospital(episodes({{"C1", "01/01/2019", "05/01/2019", "S", "C2", "T1", ""},
                          {"C1", "05/01/2019", "", "P", "C2", "U4", "u1"}}));
  EXPECT_EQ(placements_in_window(hospital.child(), d(2019, 3, 31), 12, hospital.rules(),
                                 hospital.periods()),
            1);
}

TEST(CareRules, PlacementStartIsTheLastPlacementChangeOfTheCurrentPeriod) {
  // S 2015 u1, P 2017 u2, U 2018 (same carer), T2 holiday 2019: the placement began 01/06/2017.
  Care care(episodes({{"C1", "01/01/2015", "01/06/2017", "S", "C2", "U4", "u1"},
                      {"C1", "01/06/2017", "01/06/2018", "P", "C2", "U4", "u2"},
                      {"C1", "01/06/2018", "20/03/2019", "U", "E1", "U4", "u3"},
                      {"C1", "20/03/2019", "", "P", "E1", "T2", ""}}));
  EXPECT_EQ(placement_start(care.child(), 3, care.rules(), care.periods()), d(2017, 6, 1));
  // With placement_rne P only, the period's first day is used when nothing before is a move.
  const auto p_only = PlacementRules::make(care.pool, {"P"}, true);
  EXPECT_EQ(placement_start(care.child(), 0, p_only, care.periods()), d(2015, 1, 1));
}

TEST(CareRules, Oc2CohortIsLookedAfterAllYearWithoutANewStartOrShortBreak) {
  // Rule 8, YEAR 2019 = 01/04/2018 - 31/03/2019.
  auto in_cohort = [](const Rows& rows) {
    Care care(episodes(rows));
    return looked_after_12_months_at_31_march(care.child(), 2019, care.periods());
  };
  EXPECT_TRUE(in_cohort({{"C1", "31/03/2018", "", "S", "C2", "U4", "u1"}}));
  // S on 1 April is "in the year".
  EXPECT_FALSE(in_cohort({{"C1", "01/04/2018", "", "S", "C2", "U4", "u1"}}));
  // DEC on 31 March: not looked after on 31 March.
  EXPECT_FALSE(in_cohort({{"C1", "01/01/2017", "31/03/2019", "S", "C2", "U4", "u1"}}));
  // A new period of care (S) on the day the last ended.
  EXPECT_FALSE(in_cohort({{"C1", "01/01/2017", "01/10/2018", "S", "C2", "U4", "u1"},
                          {"C1", "01/10/2018", "", "S", "C2", "U4", "u1"}}));
  // X1 and P on the same day: continuous.
  EXPECT_TRUE(in_cohort({{"C1", "01/01/2017", "01/10/2018", "S", "C2", "U4", "u1"},
                         {"C1", "01/10/2018", "", "P", "C2", "U4", "u2"}}));
  // A short break (V3) on any day of the year, even alongside the main care.
  EXPECT_FALSE(in_cohort({{"C1", "01/01/2017", "", "S", "C2", "U4", "u1"},
                          {"C1", "01/04/2018", "01/04/2018", "S", "V3", "H5", "u9"}}));
  EXPECT_TRUE(in_cohort({{"C1", "01/01/2017", "", "S", "C2", "U4", "u1"},
                         {"C1", "01/03/2018", "31/03/2018", "S", "V3", "H5", "u9"}}));
}

TEST(CareRules, UascAtADateNeedsDucBlankOrAfterIt) {
  // Rule 4. C1 DUC blank; C2 DUC 31/03/2019; C3 two rows, one blank; C4 not in the table.
  StringPool pool;
  Table uasc = make_table(
      "uasc",
      {{"CHILD", "DUC"}, {"C1", ""}, {"C2", "31/03/2019"}, {"C3", "01/01/2018"}, {"C3", ""}},
      {ColumnType::kString, ColumnType::kDate}, pool);
  const UascIndex index = UascIndex::build(uasc);
  const Code c4 = pool.intern("C4");
  EXPECT_TRUE(index.at(*pool.find("C1"), d(2019, 3, 31)));
  EXPECT_TRUE(index.at(*pool.find("C2"), d(2019, 3, 30)));
  EXPECT_FALSE(index.at(*pool.find("C2"), d(2019, 3, 31)));
  EXPECT_TRUE(index.at(*pool.find("C3"), d(2019, 3, 31)));
  EXPECT_FALSE(index.at(c4, d(2019, 3, 31)));
}

TEST(CareRules, AgeBandsAndEthnicityGroups) {
  EXPECT_EQ(age_band(0), "Under 1");
  EXPECT_EQ(age_band(1), "1 to 4");
  EXPECT_EQ(age_band(4), "1 to 4");
  EXPECT_EQ(age_band(5), "5 to 9");
  EXPECT_EQ(age_band(10), "10 to 15");
  EXPECT_EQ(age_band(15), "10 to 15");
  EXPECT_EQ(age_band(16), "16 and over");
  EXPECT_EQ(ethnicity_group("WBRI"), "White");
  EXPECT_EQ(ethnicity_group("MWBC"), "Mixed");
  EXPECT_EQ(ethnicity_group("APKN"), "Asian");
  EXPECT_EQ(ethnicity_group("BCRB"), "Black");
  EXPECT_EQ(ethnicity_group("CHNE"), "Other");
  EXPECT_EQ(ethnicity_group("OOTH"), "Other");
  EXPECT_EQ(ethnicity_group("REFU"), "Refused or not obtained");
  EXPECT_EQ(ethnicity_group("NOBT"), "Refused or not obtained");
  EXPECT_EQ(ethnicity_group(""), "Not known");
}

}  // namespace
}  // namespace scorecard
