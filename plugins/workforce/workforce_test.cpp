// Workforce fixtures, worked by hand from DATA.md indicators 19 and 20, rules 14 and 15.
#include "workforce.hpp"

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

// ---- workforce.turnover (EA11) ----
//
// Period 2018-19: as-at 31/03/2019, window (31/03/2018, 31/03/2019].
//  W1  SW qualified   CIN 1.0 from 2015, in post                -> in post at both dates
//  W2  SW qualified   CIN 0.5 resigned 31/03/2019 (the as-at)   -> leaver, NOT in post at end;
//                                                                  in post at 31/03/2018
//  W3  SW qualified   CP  1.0 resigned 31/03/2018 (as-at - 12m) -> not in the window; not in
//                                                                  post on 31/03/2018 either
//  W4  SW qualified   CP  0.8 retired 01/04/2018                -> leaver (window's first day);
//                                                                  in post at 31/03/2018
//  W5  SW qualified   CP  1.0 dismissed 15/09/2018              -> not voluntary; in post at start
//  W6  SW unqualified CIN 1.0 resigned 15/10/2018               -> only without qualified_only
//  W7  TM qualified   CP  1.0 from 01/05/2018                   -> in post at end only
//  W8  SW unqualified CIN 0.6 from 01/01/2018                   -> only without qualified_only
//  W9  SW qualified   CIN 1.0 from 01/04/2019                   -> not yet in post
//  W10 SW qualified   CP  1.0 from 2010                         -> in post at both dates
//
// Defaults: leavers W2 0.5 + W4 0.8 = 1.3 FTE; in post at 31/03/2019 W1 + W7 + W10 = 3.0 FTE.
Fixture turnover_fixture() {
  Fixture f;
  f.dataset("workforce", {{"WORKER_ID", "ROLE", "QUALIFIED", "TEAM", "FTE", "START_DATE",
                           "END_DATE", "LEAVING_REASON"},
                          {"W1", "SW", "1", "CIN", "1.0", "01/01/2015", "", ""},
                          {"W2", "SW", "1", "CIN", "0.5", "01/01/2016", "31/03/2019", "RESIGNED"},
                          {"W3", "SW", "1", "CP", "1.0", "01/01/2016", "31/03/2018", "RESIGNED"},
                          {"W4", "SW", "1", "CP", "0.8", "01/06/2017", "01/04/2018", "RETIRED"},
                          {"W5", "SW", "1", "CP", "1.0", "01/01/2017", "15/09/2018", "DISMISSED"},
                          {"W6", "SW", "0", "CIN", "1.0", "01/01/2017", "15/10/2018", "RESIGNED"},
                          {"W7", "TM", "1", "CP", "1.0", "01/05/2018", "", ""},
                          {"W8", "SW", "0", "CIN", "0.6", "01/01/2018", "", ""},
                          {"W9", "SW", "1", "CIN", "1.0", "01/04/2019", "", ""},
                          {"W10", "SW", "1", "CP", "1.0", "01/01/2010", "", ""}});
  return f;
}

TEST(WorkforceTurnover, VoluntaryLeaverFteOverFteInPostAtTheEnd) {
  // 1.3 / 3.0 = 43.33%. W2 (left on the as-at date) is a leaver and not in post; W3 (left on
  // as-at - 12 months) is outside the window; W5 was dismissed; W6 is unqualified.
  Observation o = turnover_fixture().run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 1.3, 1e-9);
  EXPECT_NEAR(*o.denominator, 3.0, 1e-9);
  EXPECT_NEAR(*o.value, 1.3 / 3.0 * 100.0, 1e-9);
  EXPECT_EQ(sorted(o.numerator_records), (Strings{"W2", "W4"}));
  EXPECT_EQ(sorted(o.denominator_records), (Strings{"W1", "W10", "W7"}));
}

TEST(WorkforceTurnover, AverageDenominatorUsesFteInPostTwelveMonthsBeforeToo) {
  // In post at 31/03/2018: W1 1.0, W2 0.5, W4 0.8 (leaves the next day), W5 1.0, W10 1.0 =
  // 4.3 (W3 left that day: not in post). Average (4.3 + 3.0) / 2 = 3.65; 1.3 / 3.65 = 35.62%.
  Observation o = turnover_fixture()
                      .param("denominator", std::string("average"))
                      .run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 1.3, 1e-9);
  EXPECT_NEAR(*o.denominator, 3.65, 1e-9);
  EXPECT_NEAR(*o.value, 1.3 / 3.65 * 100.0, 1e-9);
  EXPECT_EQ(sorted(o.denominator_records), (Strings{"W1", "W10", "W2", "W4", "W5", "W7"}));
}

TEST(WorkforceTurnover, QualifiedOnlyOffCountsUnqualifiedWorkers) {
  // + W6 leaver 1.0 -> 2.3; + W8 in post 0.6 -> 3.6. 2.3 / 3.6 = 63.89%.
  Observation o =
      turnover_fixture().param("qualified_only", false).run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 2.3, 1e-9);
  EXPECT_NEAR(*o.denominator, 3.6, 1e-9);
  EXPECT_NEAR(*o.value, 2.3 / 3.6 * 100.0, 1e-9);
}

TEST(WorkforceTurnover, TeamsFilter) {
  // Team CP (qualified): leavers W4 0.8; in post W7 + W10 = 2.0. 0.8 / 2.0 = 40%.
  Observation o =
      turnover_fixture().param("teams", Strings{"CP"}).run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 0.8, 1e-9);
  EXPECT_NEAR(*o.denominator, 2.0, 1e-9);
  EXPECT_NEAR(*o.value, 40.0, 1e-9);
}

TEST(WorkforceTurnover, RolesFilter) {
  // Role SW (qualified): leavers W2 + W4 = 1.3; in post W1 + W10 = 2.0 (W7 is TM). 65%.
  Observation o =
      turnover_fixture().param("roles", Strings{"SW"}).run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 1.3, 1e-9);
  EXPECT_NEAR(*o.denominator, 2.0, 1e-9);
  EXPECT_NEAR(*o.value, 65.0, 1e-9);
}

TEST(WorkforceTurnover, AFilterNamingNoCodeInTheDataCountsNobody) {
  // Team XYZ appears nowhere: nobody passes, so no value (not "every team").
  Observation o =
      turnover_fixture().param("teams", Strings{"XYZ"}).run(WorkforceTurnover(), "2018-19");
  EXPECT_DOUBLE_EQ(*o.numerator, 0.0);
  EXPECT_DOUBLE_EQ(*o.denominator, 0.0);
  EXPECT_FALSE(o.value.has_value());
}

TEST(WorkforceTurnover, LeavingReasonsIsAParameter) {
  // Counting DISMISSED too adds W5 (1.0): 2.3 / 3.0 = 76.67%.
  Observation o = turnover_fixture()
                      .param("leaving_reasons", Strings{"RESIGNED", "RETIRED", "DISMISSED"})
                      .run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 2.3, 1e-9);
  EXPECT_NEAR(*o.value, 2.3 / 3.0 * 100.0, 1e-9);
}

TEST(WorkforceTurnover, WindowMonthsIsAParameter) {
  // 6 months: (30/09/2018, 31/03/2019] (31/03 - 6 months clamps to 30/09). Leavers: W2 only
  // (W4 left 01/04/2018). 0.5 / 3.0 = 16.67%.
  Observation o =
      turnover_fixture().param("window_months", int64_t{6}).run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 0.5, 1e-9);
  EXPECT_NEAR(*o.value, 0.5 / 3.0 * 100.0, 1e-9);
}

TEST(WorkforceTurnover, AQuarterRollsTwelveMonthsToItsEnd) {
  // 2018-19 Q3: as-at 31/12/2018, window (31/12/2017, 31/12/2018]. Leavers: W3 1.0 (resigned
  // 31/03/2018: inside this window, though outside 2018-19's) + W4 0.8 = 1.8; W2 leaves in
  // 2019. In post at 31/12/2018: W1 1.0, W2 0.5, W7 1.0, W10 1.0 = 3.5. 1.8 / 3.5 = 51.43%.
  auto o = turnover_fixture().run(WorkforceTurnover(), Strings{"2018-19 Q3", "2018-19"});
  EXPECT_NEAR(*o[0].numerator, 1.8, 1e-9);
  EXPECT_NEAR(*o[0].denominator, 3.5, 1e-9);
  EXPECT_NEAR(*o[0].value, 1.8 / 3.5 * 100.0, 1e-9);
  EXPECT_EQ(sorted(o[0].numerator_records), (Strings{"W3", "W4"}));
  EXPECT_NEAR(*o[1].value, 1.3 / 3.0 * 100.0, 1e-9);
}

TEST(WorkforceTurnover, AnUnknownDenominatorIsAnError) {
  EXPECT_THROW(turnover_fixture()
                   .param("denominator", std::string("start"))
                   .run(WorkforceTurnover(), "2018-19"),
               std::invalid_argument);
}

// ---- workforce.turnover, census: true (the DfE workforce census's turnover rate) ----
//
// The DfE: leavers in the census year (1 October to 30 September) over the FTE in post on
// 30 September, agency workers left out. Period 2018-19 (as-at 31/03/2019): the census date is
// the latest 30 September on or before it, 30/09/2018; leavers in (30/09/2017, 30/09/2018].
// The rows are as the workforce census gives them: no TEAM, an AGENCY flag.
//  C1 SW 1.0 from 2015, in post                          -> in post on 30/09/2018 (1.0)
//  C2 SW 0.5 resigned 01/10/2017 (the year's first day)  -> leaver (0.5)
//  C3 SW 0.8 retired 30/09/2018 (the census date)        -> leaver (0.8), not in post
//  C4 SW 1.0 resigned 30/09/2017 (the year before's end) -> neither
//  C5 SW 1.0 resigned 01/12/2018 (after the census date) -> in post on 30/09/2018 (1.0), and not
//                                                           a leaver of this census year
//  C6 SW 1.0 agency, resigned 01/03/2018                 -> left out (agency)
//  C7 SW 0.6 agency, in post                             -> left out (agency)
//  C8 SW 0.4 from 15/10/2018                             -> not yet in post on 30/09/2018
//  C9 SW 1.0 dismissed 01/06/2018                        -> not a voluntary leaver
// Census: (0.5 + 0.8) / (1.0 + 1.0) = 1.3 / 2.0 = 65%.
Fixture census_fixture() {
  Fixture f;
  f.dataset("workforce", {{"WORKER_ID", "ROLE", "QUALIFIED", "FTE", "START_DATE", "END_DATE",
                           "LEAVING_REASON", "AGENCY"},
                          {"C1", "SW", "1", "1.0", "01/01/2015", "", "", "0"},
                          {"C2", "SW", "1", "0.5", "01/01/2016", "01/10/2017", "RESIGNED", "0"},
                          {"C3", "SW", "1", "0.8", "01/01/2016", "30/09/2018", "RETIRED", "0"},
                          {"C4", "SW", "1", "1.0", "01/01/2016", "30/09/2017", "RESIGNED", "0"},
                          {"C5", "SW", "1", "1.0", "01/01/2016", "01/12/2018", "RESIGNED", "0"},
                          {"C6", "SW", "1", "1.0", "01/01/2017", "01/03/2018", "RESIGNED", "1"},
                          {"C7", "SW", "1", "0.6", "01/01/2018", "", "", "1"},
                          {"C8", "SW", "1", "0.4", "15/10/2018", "", "", "0"},
                          {"C9", "SW", "1", "1.0", "01/01/2014", "01/06/2018", "DISMISSED", "0"}});
  return f;
}

TEST(WorkforceTurnoverCensus, LeaversOfTheYearToThirtySeptemberOverFteInPostThenNoAgency) {
  Observation o = census_fixture().param("census", true).run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 1.3, 1e-9);
  EXPECT_NEAR(*o.denominator, 2.0, 1e-9);
  EXPECT_NEAR(*o.value, 65.0, 1e-9);
  EXPECT_EQ(sorted(o.numerator_records), (Strings{"C2", "C3"}));
  EXPECT_EQ(sorted(o.denominator_records), (Strings{"C1", "C5"}));
  EXPECT_TRUE(std::find(o.notes.begin(), o.notes.end(),
                        "census year 2017-10-01 to 2018-09-30 (agency workers left out)") !=
              o.notes.end())
      << ::testing::PrintToString(o.notes);
}

TEST(WorkforceTurnoverCensus, EveryPeriodEndingBeforeTheNextThirtySeptemberHasTheSameCensus) {
  // 2018-19 Q2 ends on 30/09/2018 itself: the same census year as 2018-19 (65%). 2018-19 Q1
  // ends on 30/06/2018: the census of 30/09/2017, leavers in (30/09/2016, 30/09/2017]: C4 1.0;
  // in post on 30/09/2017: C1 1.0, C2 0.5, C3 0.8, C5 1.0, C9 1.0 = 4.3 (C4 left that day; C6
  // and C7 are agency). 1.0 / 4.3 = 23.26%.
  auto o = census_fixture()
               .param("census", true)
               .run(WorkforceTurnover(), Strings{"2018-19 Q1", "2018-19 Q2"});
  EXPECT_NEAR(*o[0].numerator, 1.0, 1e-9);
  EXPECT_NEAR(*o[0].denominator, 4.3, 1e-9);
  EXPECT_NEAR(*o[0].value, 1.0 / 4.3 * 100.0, 1e-9);
  EXPECT_NEAR(*o[1].value, 65.0, 1e-9);
}

TEST(WorkforceTurnoverCensus, WithoutItAgencyWorkersCountAndTheWindowEndsAtThePeriodEnd) {
  // census false (the default, unchanged): (31/03/2018, 31/03/2019]; AGENCY is not read.
  // Leavers: C3 0.8, C5 1.0 = 1.8 (C6 left 01/03/2018, before the window); in post at
  // 31/03/2019: C1 1.0, C7 0.6, C8 0.4 = 2.0. 1.8 / 2.0 = 90%. No TEAM column is needed.
  Observation o = census_fixture().run(WorkforceTurnover(), "2018-19");
  EXPECT_NEAR(*o.numerator, 1.8, 1e-9);
  EXPECT_NEAR(*o.denominator, 2.0, 1e-9);
  EXPECT_NEAR(*o.value, 90.0, 1e-9);
}

TEST(WorkforceTurnoverCensus, ATeamFilterWithoutATeamColumnIsAnError) {
  EXPECT_THROW(census_fixture().param("teams", Strings{"CP"}).run(WorkforceTurnover(), "2018-19"),
               std::invalid_argument);
}

// ---- workforce.caseload ----
//
// As-at 31/03/2019 (2018-19, a snapshot).
//  W1 qualified 1.0: C1 C2 open, C3 open (ends 31/12/2019), C4 ends 31/03/2019 (not open),
//     C5 starts 01/04/2019 (not yet)                                      -> 3 cases, 3 per FTE
//  W2 qualified 0.5: C6, C7 (starts on the as-at date: open)              -> 2 cases, 4 per FTE
//  W3 qualified 1.0, no case                                             -> not in the cohort
//  W4 unqualified 1.0: C8                                                -> not counted
//  W5 qualified 1.0, left 31/03/2019 (not in post): C9                   -> not counted
//  W6 qualified, two posts 0.5 + 0.3 = 0.8: C10 C11 C12 C13              -> 4 cases, 5 per FTE
// Mean: (3 + 2 + 4) / (1.0 + 0.5 + 0.8) = 9 / 2.3. Median of 3, 4, 5 (odd) = 4.
Fixture caseload_fixture() {
  Fixture f;
  f.dataset("workforce", {{"WORKER_ID", "QUALIFIED", "FTE", "START_DATE", "END_DATE"},
                          {"W1", "1", "1.0", "01/01/2015", ""},
                          {"W2", "1", "0.5", "01/01/2016", ""},
                          {"W3", "1", "1.0", "01/01/2016", ""},
                          {"W4", "0", "1.0", "01/01/2016", ""},
                          {"W5", "1", "1.0", "01/01/2016", "31/03/2019"},
                          {"W6", "1", "0.5", "01/01/2017", ""},
                          {"W6", "1", "0.3", "01/06/2018", ""}});
  f.dataset("allocations", {{"CHILD", "WORKER_ID", "START_DATE", "END_DATE"},
                            {"C1", "W1", "01/01/2019", ""},
                            {"C2", "W1", "01/02/2019", ""},
                            {"C3", "W1", "01/03/2019", "31/12/2019"},
                            {"C4", "W1", "01/01/2019", "31/03/2019"},
                            {"C5", "W1", "01/04/2019", ""},
                            {"C6", "W2", "01/01/2019", ""},
                            {"C7", "W2", "31/03/2019", ""},
                            {"C8", "W4", "01/01/2019", ""},
                            {"C9", "W5", "01/01/2019", ""},
                            {"C10", "W6", "01/01/2019", ""},
                            {"C11", "W6", "01/01/2019", ""},
                            {"C12", "W6", "01/01/2019", ""},
                            {"C13", "W6", "01/01/2019", ""}});
  return f;
}

TEST(WorkforceCaseload, MeanIsAllCasesOverTheFteHoldingThem) {
  Observation o = caseload_fixture().run(WorkforceCaseload(), "2018-19");
  EXPECT_DOUBLE_EQ(*o.numerator, 9.0);
  EXPECT_NEAR(*o.denominator, 2.3, 1e-9);
  EXPECT_NEAR(*o.value, 9.0 / 2.3, 1e-9);
  EXPECT_EQ(sorted(o.denominator_records), (Strings{"W1", "W2", "W6"}));
  // Open at 31/03/2019: C1 C2 C3 C6 C7 C8 C9 C10-C13 = 11; C8 (unqualified holder) and C9
  // (holder left on the as-at date) are not held by a qualified worker in post.
  EXPECT_NE(std::find(o.notes.begin(), o.notes.end(),
                      "2 of 11 open allocations not held by a qualified worker in post"),
            o.notes.end());
}

TEST(WorkforceCaseload, MedianOfAnOddNumberOfWorkers) {
  // 3, 4, 5 cases per FTE -> 4.
  Observation o = caseload_fixture()
                      .param("aggregation", std::string("median"))
                      .run(WorkforceCaseload(), "2018-19");
  EXPECT_EQ(o.denominator, 3);
  EXPECT_DOUBLE_EQ(*o.value, 4.0);
}

TEST(WorkforceCaseload, MedianAndMeanOfAnEvenNumberOfWorkers) {
  // W7 qualified 1.0 with one case (C14): 1, 3, 4, 5 -> median (3 + 4) / 2 = 3.5;
  // mean (9 + 1) / (2.3 + 1.0) = 10 / 3.3.
  auto with_w7 = [] {
    Fixture f = caseload_fixture();
    f.dataset("workforce", {{"WORKER_ID", "QUALIFIED", "FTE", "START_DATE", "END_DATE"},
                            {"W1", "1", "1.0", "01/01/2015", ""},
                            {"W2", "1", "0.5", "01/01/2016", ""},
                            {"W6", "1", "0.5", "01/01/2017", ""},
                            {"W6", "1", "0.3", "01/06/2018", ""},
                            {"W7", "1", "1.0", "01/01/2018", ""}});
    f.dataset("allocations", {{"CHILD", "WORKER_ID", "START_DATE", "END_DATE"},
                              {"C1", "W1", "01/01/2019", ""},
                              {"C2", "W1", "01/02/2019", ""},
                              {"C3", "W1", "01/03/2019", "31/12/2019"},
                              {"C6", "W2", "01/01/2019", ""},
                              {"C7", "W2", "31/03/2019", ""},
                              {"C10", "W6", "01/01/2019", ""},
                              {"C11", "W6", "01/01/2019", ""},
                              {"C12", "W6", "01/01/2019", ""},
                              {"C13", "W6", "01/01/2019", ""},
                              {"C14", "W7", "01/01/2019", ""}});
    return f;
  };
  Observation median =
      with_w7().param("aggregation", std::string("median")).run(WorkforceCaseload(), "2018-19");
  EXPECT_EQ(median.denominator, 4);
  EXPECT_DOUBLE_EQ(*median.value, 3.5);
  Observation mean = with_w7().run(WorkforceCaseload(), "2018-19");
  EXPECT_DOUBLE_EQ(*mean.numerator, 10.0);
  EXPECT_NEAR(*mean.value, 10.0 / 3.3, 1e-9);
}

TEST(WorkforceCaseload, EachPeriodIsASnapshotAtItsEnd) {
  // At 31/12/2018 no allocation has started yet: no cases, no value. At 31/03/2019 as above.
  auto o = caseload_fixture().run(WorkforceCaseload(), Strings{"2018-19 Q3", "2018-19"});
  EXPECT_DOUBLE_EQ(*o[0].numerator, 0.0);
  EXPECT_FALSE(o[0].value.has_value());
  EXPECT_NEAR(*o[1].value, 9.0 / 2.3, 1e-9);
}

// 100 qualified workers W0..W99 (more than a table of 16 places holds, so the lookups of
// their slots probe past one another), listed W99 first; even workers FTE 0.5, odd 1.0 (75 FTE
// in all). Worker i holds (i % 5) + 1 allocations from 01/01/2019, and the even ones one more
// from 01/02/2019. Six more are held by no qualified worker: three by X1 (not in the
// workforce), two by U1 (unqualified), one with no WORKER_ID.
//  31/01/2019: 300 cases / 75 FTE = 4.0; 6 of 306 open allocations not held.
//  31/03/2019: 350 / 75; median of cases per FTE: the odd workers 1..5 ten times each, the even
//  ones (2..6) / 0.5 = 4, 6, 8, 10, 12 ten times each; sorted, 1 x10, 2 x10, 3 x10, 4 x20 (the
//  50th is 4), 5 x10 (the 51st is 5) -> 4.5.
TEST(WorkforceCaseload, ManyWorkersEachHoldTheirOwnCasesAtEveryDate) {
  std::vector<std::vector<std::string>> workforce = {
      {"WORKER_ID", "QUALIFIED", "FTE", "START_DATE", "END_DATE"}, {"U1", "0", "1.0", "", ""}};
  std::vector<std::vector<std::string>> allocations = {
      {"CHILD", "WORKER_ID", "START_DATE", "END_DATE"}};
  for (int i = 99; i >= 0; --i)
    workforce.push_back({"W" + std::to_string(i), "1", i % 2 ? "1.0" : "0.5", "", ""});
  int child = 0;
  auto allocate = [&](const std::string& worker, const char* start) {
    allocations.push_back({"C" + std::to_string(++child), worker, start, ""});
  };
  for (int round = 0; round < 5; ++round)
    for (int i = 0; i < 100; ++i)
      if (round <= i % 5) allocate("W" + std::to_string(i), "01/01/2019");
  for (int i = 0; i < 100; i += 2) allocate("W" + std::to_string(i), "01/02/2019");
  for (const char* other : {"X1", "X1", "X1", "U1", "U1", ""}) allocate(other, "01/01/2019");
  Fixture f;
  f.dataset("workforce", workforce);
  f.dataset("allocations", allocations);
  auto o = f.run(WorkforceCaseload(), Strings{"2019-01", "2018-19"});
  EXPECT_DOUBLE_EQ(*o[0].numerator, 300.0);
  EXPECT_DOUBLE_EQ(*o[0].denominator, 75.0);
  EXPECT_DOUBLE_EQ(*o[0].value, 4.0);
  EXPECT_NE(std::find(o[0].notes.begin(), o[0].notes.end(),
                      "6 of 306 open allocations not held by a qualified worker in post"),
            o[0].notes.end());
  EXPECT_DOUBLE_EQ(*o[1].numerator, 350.0);
  EXPECT_NEAR(*o[1].value, 350.0 / 75.0, 1e-9);
  Strings holders = sorted(o[1].denominator_records);
  ASSERT_EQ(holders.size(), 100u);
  EXPECT_EQ(holders.front(), "W0");
  EXPECT_EQ(std::count(holders.begin(), holders.end(), "U1"), 0);
  Observation median =
      f.param("aggregation", std::string("median")).run(WorkforceCaseload(), "2018-19");
  EXPECT_DOUBLE_EQ(*median.value, 4.5);
}

}  // namespace
}  // namespace scorecard::plugins
