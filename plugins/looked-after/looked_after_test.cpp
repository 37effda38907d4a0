// Fixtures for cla.count, cla.rate, cla.starts, cla.ceased, cla.start_exit_ratio,
// cla.in_house_foster and cla.foster_or_adoption_10_16, worked by hand from DATA.md
// indicators 1-3, 7, 8 and rules 6 and 18. (NI 62/63, distance, OC2, recent events and the
// SDK care rules have their own files in looked_after_more_test.)
#include "looked_after.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/testing/fixture.hpp"

namespace scorecard::plugins::looked_after {
namespace {

using testing::Fixture;
using Strings = std::vector<std::string>;

// The breakdown cell (dimension, category), or a failed test.
double cell(const Observation& o, const std::string& dimension, const std::string& category) {
  for (const auto& b : o.breakdowns)
    if (b.dimension == dimension && b.category == category) return b.numerator;
  ADD_FAILURE() << "no breakdown " << dimension << " / " << category;
  return -1;
}
std::vector<std::string> categories(const Observation& o, const std::string& dimension) {
  std::vector<std::string> out;
  for (const auto& b : o.breakdowns)
    if (b.dimension == dimension) out.push_back(b.category);
  return out;
}

// As at 31/03/2019 (period 2018-19; 2018-19 Q3 is as at 31/12/2018).
//  C1 open since 01/01/2018, U4, C2                 -> looked after
//  C2 01/06/2018 - 31/03/2019 (DEC on the as-at)    -> not looked after on 31/03, yes on 31/12
//  C3 starts 31/03/2019, K1, E1                     -> looked after (DECOM <= as-at)
//  C4 starts and ends 31/03/2019                    -> not looked after (DEC > d fails)
//  C5 short break (V3) open                         -> never counted
//  C6 two periods of care: 2016-17, then 01/01/2019 open, P1, C2 -> looked after, once
//  C7 01/01/2019 open, U4, V2, UASC with DUC blank  -> looked after, UASC
//  C8 01/02/2019 open, H5, V2, UASC with DUC 31/03/2019 (not after the as-at) -> not UASC
Fixture count_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "REC"},
                         {"C1", "01/01/2018", "", "S", "C2", "U4", ""},
                         {"C2", "01/06/2018", "31/03/2019", "S", "C2", "U1", "E4B"},
                         {"C3", "31/03/2019", "", "S", "E1", "K1", ""},
                         {"C4", "31/03/2019", "31/03/2019", "S", "C2", "U4", "E4B"},
                         {"C5", "01/03/2019", "", "S", "V3", "H5", ""},
                         {"C6", "01/04/2016", "01/05/2017", "S", "C2", "U4", "E4B"},
                         {"C6", "01/01/2019", "", "S", "C2", "P1", ""},
                         {"C7", "01/01/2019", "", "S", "V2", "U4", ""},
                         {"C8", "01/02/2019", "", "S", "V2", "H5", ""}});
  f.dataset("header", {{"CHILD", "SEX", "DOB", "ETHNIC"},
                       {"C1", "1", "15/05/2018", "WBRI"},
                       {"C2", "2", "01/01/2010", "MWBC"},
                       {"C3", "2", "31/03/2014", "CHNE"},  // 5th birthday on the as-at date
                       {"C4", "1", "01/01/2010", "APKN"},
                       {"C5", "1", "01/01/2010", "WBRI"},
                       {"C6", "1", "01/04/2009", "REFU"},  // 10th birthday the day after
                       {"C7", "1", "01/01/2002", "BAFR"},
                       {"C8", "2", "29/02/2004", "NOBT"}});
  f.dataset("uasc", {{"CHILD", "DUC"}, {"C7", ""}, {"C8", "31/03/2019"}});
  return f;
}

TEST(ClaCount, CountsChildrenLookedAfterAtTheAsAtDate) {
  // C1, C3, C6, C7, C8 = 5 (C2: DEC on the as-at; C4: same-day episode; C5: short break).
  Observation o = count_fixture().run(Count(), "2018-19");
  EXPECT_EQ(o.numerator, 5);
  EXPECT_EQ(o.value, 5);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C3", "C6", "C7", "C8"}));
}

TEST(ClaCount, EachPeriodReadsItsOwnAsAtDate) {
  // As at 31/12/2018: C1 (since 01/01/2018) and C2 (until 31/03/2019) = 2; C3, C6, C7, C8
  // start later, C6's first period ended in 2017.
  auto o = count_fixture().run(Count(), Strings{"2018-19 Q3", "2018-19"});
  EXPECT_EQ(o[0].value, 2);
  EXPECT_EQ(o[0].numerator_records, (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(o[1].value, 5);
}

TEST(ClaCount, BreaksDownBySexAgeEthnicityPlacementLegalStatusAndUasc) {
  // C1 M, under 1 (born 15/05/2018), WBRI White, U4, C2, not UASC
  // C3 F, 5 on the day -> 5 to 9, CHNE Other, K1, E1, not UASC
  // C6 M, 9 (10 tomorrow) -> 5 to 9, REFU refused, P1, C2, not UASC
  // C7 M, 17 -> 16 and over, BAFR Black, U4, V2, UASC (DUC blank)
  // C8 F, born 29/02/2004 -> 15 -> 10 to 15, NOBT refused, H5, V2, not UASC (DUC = as-at)
  Observation o = count_fixture().run(Count(), "2018-19");
  EXPECT_EQ(cell(o, "sex", "Male"), 3);
  EXPECT_EQ(cell(o, "sex", "Female"), 2);
  EXPECT_EQ(cell(o, "age band", "Under 1"), 1);
  EXPECT_EQ(cell(o, "age band", "1 to 4"), 0);
  EXPECT_EQ(cell(o, "age band", "5 to 9"), 2);
  EXPECT_EQ(cell(o, "age band", "10 to 15"), 1);
  EXPECT_EQ(cell(o, "age band", "16 and over"), 1);
  EXPECT_EQ(cell(o, "ethnicity", "White"), 1);
  EXPECT_EQ(cell(o, "ethnicity", "Mixed"), 0);
  EXPECT_EQ(cell(o, "ethnicity", "Black"), 1);
  EXPECT_EQ(cell(o, "ethnicity", "Other"), 1);
  EXPECT_EQ(cell(o, "ethnicity", "Refused or not obtained"), 2);
  EXPECT_EQ(categories(o, "placement group"), (std::vector<std::string>{"H", "K", "P", "U"}));
  EXPECT_EQ(cell(o, "placement group", "U"), 2);
  EXPECT_EQ(cell(o, "placement group", "P"), 1);
  EXPECT_EQ(categories(o, "legal status"), (std::vector<std::string>{"C2", "E1", "V2"}));
  EXPECT_EQ(cell(o, "legal status", "C2"), 2);
  EXPECT_EQ(cell(o, "legal status", "V2"), 2);
  EXPECT_EQ(cell(o, "UASC", "UASC"), 1);
  EXPECT_EQ(cell(o, "UASC", "Not UASC"), 4);
  EXPECT_TRUE(o.notes.empty());
}

TEST(ClaCount, AgeBandOfA29FebruaryBirthdayMovesOn1March) {
  // Born 29/02/2008: 10th birthday reached on 01/03/2018 (2018 is not a leap year).
  // As at 28/02/2018 (month 2018-02) aged 9 -> 5 to 9; as at 31/03/2018 aged 10 -> 10 to 15.
  Fixture f;
  f.dataset("episodes",
            {{"CHILD", "DECOM", "DEC", "LS", "PLACE"}, {"C1", "01/01/2015", "", "C2", "U4"}});
  f.dataset("header", {{"CHILD", "SEX", "DOB", "ETHNIC"}, {"C1", "2", "29/02/2008", "WBRI"}});
  auto o = f.run(Count(), Strings{"2018-02", "2018-03"});
  EXPECT_EQ(cell(o[0], "age band", "5 to 9"), 1);
  EXPECT_EQ(cell(o[0], "age band", "10 to 15"), 0);
  EXPECT_EQ(cell(o[1], "age band", "5 to 9"), 0);
  EXPECT_EQ(cell(o[1], "age band", "10 to 15"), 1);
}

TEST(ClaCount, WithoutHeaderOrUascOnlyEpisodeBreakdownsAreGiven) {
  // C1 U4 C2, C2 K2 C2: count 2; placement U 1, K 1; legal status C2 2; notes say why the
  // other breakdowns are missing. Blank PLACE and LS count as "Not known".
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS", "PLACE"},
                         {"C1", "01/01/2015", "", "C2", "U4"},
                         {"C2", "01/01/2015", "", "C2", "K2"},
                         {"C3", "01/01/2015", "", "", ""}});
  Observation o = f.run(Count(), "2018-19");
  EXPECT_EQ(o.value, 3);
  EXPECT_EQ(categories(o, "sex"), std::vector<std::string>{});
  EXPECT_EQ(categories(o, "UASC"), std::vector<std::string>{});
  EXPECT_EQ(cell(o, "placement group", "U"), 1);
  EXPECT_EQ(cell(o, "placement group", "Not known"), 1);
  EXPECT_EQ(cell(o, "legal status", "C2"), 2);
  EXPECT_EQ(cell(o, "legal status", "Not known"), 1);
  EXPECT_EQ(o.notes.size(), 2u);
}

TEST(ClaRate, IsTheCountPer10000Children) {
  // 5 children looked after at 31/03/2019, population 2,000: 5 / 2000 x 10,000 = 25.
  // As at 31/12/2018: 2 / 2000 x 10,000 = 10.
  auto o = count_fixture().population(2000).run(Rate(), Strings{"2018-19 Q3", "2018-19"});
  EXPECT_EQ(o[1].numerator, 5);
  EXPECT_EQ(o[1].denominator, 2000);
  EXPECT_DOUBLE_EQ(*o[1].value, 25.0);
  EXPECT_DOUBLE_EQ(*o[0].value, 10.0);
  EXPECT_EQ(o[1].numerator_records.size(), 5u);
  EXPECT_TRUE(o[1].denominator_records.empty());
}

TEST(ClaRate, WithoutAPopulationIsAClearError) {
  try {
    count_fixture().run(Rate(), "2018-19");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("population_0_17"), std::string::npos);
  }
  EXPECT_THROW(count_fixture().population(0).run(Rate(), "2018-19"), std::runtime_error);
}

TEST(ClaRate, ShortBreaksAndSameDayEpisodesAreNotInTheRate) {
  // Only C2 looked after (C1 short break, C3 same-day): 1 / 52,000 x 10,000 = 0.1923...
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS"},
                         {"C1", "01/01/2019", "", "V4"},
                         {"C2", "01/01/2019", "", "C2"},
                         {"C3", "31/03/2019", "31/03/2019", "C2"}});
  Observation o = f.population(52000).run(Rate(), "2018-19");
  EXPECT_EQ(o.numerator, 1);
  EXPECT_NEAR(*o.value, 10000.0 / 52000.0, 1e-12);
}

// Period 2018-19: 01/04/2018 - 31/03/2019 (events within).
//  C1 S 01/04/2018 (first day), open                       -> start
//  C2 S 31/03/2019 (last day), open                        -> start
//  C3 S 31/03/2018 (the day before), ceased E11 31/03/2019 -> ceased (last day)
//  C4 S 01/05/2018, ceased E4B 01/06/2018, S 01/09/2018    -> start (once), ceased
//  C5 S and ceased (E4B) on 01/01/2019, a same-day episode  -> start, ceased
//  C6 short break (V3) S 01/05/2018 - 02/05/2018 E4A       -> neither
//  C7 S 2017, X1 on 01/06/2018, P 01/06/2018 open          -> neither (X1 is not a ceasing)
//  C8 S 01/01/2018, ceased E13 01/04/2018 (first day)      -> ceased
//  C9 ceased 31/03/2018 (the day before)                    -> neither
//  C10 S 2017, ceased E45 15/07/2018                       -> ceased
Fixture events_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "REC"},
                         {"C1", "01/04/2018", "", "S", "C2", ""},
                         {"C2", "31/03/2019", "", "S", "C2", ""},
                         {"C3", "31/03/2018", "31/03/2019", "S", "C2", "E11"},
                         {"C4", "01/05/2018", "01/06/2018", "S", "V2", "E4B"},
                         {"C4", "01/09/2018", "", "S", "C2", ""},
                         {"C5", "01/01/2019", "01/01/2019", "S", "V2", "E4B"},
                         {"C6", "01/05/2018", "02/05/2018", "S", "V3", "E4A"},
                         {"C7", "01/01/2017", "01/06/2018", "S", "C2", "X1"},
                         {"C7", "01/06/2018", "", "P", "C2", ""},
                         {"C8", "01/01/2018", "01/04/2018", "S", "C2", "E13"},
                         {"C9", "01/01/2018", "31/03/2018", "S", "C2", "E4B"},
                         {"C10", "01/01/2017", "15/07/2018", "S", "C2", "E45"}});
  return f;
}

TEST(ClaStarts, CountsChildrenWithAnRneSEpisodeInThePeriod) {
  // C1, C2, C4 (twice, counted once), C5 = 4.
  Observation o = events_fixture().run(Starts(), "2018-19");
  EXPECT_EQ(o.value, 4);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2", "C4", "C5"}));
}

TEST(ClaStarts, QuartersCountTheirOwnStarts) {
  // Q1 (01/04-30/06/2018): C1 01/04, C4 01/05 = 2. Q2 (01/07-30/09): C4 01/09 = 1.
  // Q3 (01/10-31/12): none. Q4 (01/01-31/03/2019): C5 01/01, C2 31/03 = 2.
  auto o = events_fixture().run(Starts(), {"2018-19 Q1", "2018-19 Q2", "2018-19 Q3", "2018-19 Q4"});
  EXPECT_EQ(o[0].value, 2);
  EXPECT_EQ(o[1].value, 1);
  EXPECT_EQ(o[2].value, 0);
  EXPECT_EQ(o[3].value, 2);
}

TEST(ClaStarts, AChangeOfPlacementIsNotAStart) {
  // C1: S 01/01/2018 then P and B episodes in the period: no start in 2018-19.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS"},
                         {"C1", "01/01/2018", "01/05/2018", "S", "C2"},
                         {"C1", "01/05/2018", "01/06/2018", "P", "C2"},
                         {"C1", "01/06/2018", "", "B", "E1"}});
  EXPECT_EQ(f.run(Starts(), "2018-19").value, 0);
}

TEST(ClaCeased, CountsChildrenWhoseCareEndedInThePeriod) {
  // C3 (31/03/2019), C4 (01/06/2018), C5 (same day), C8 (01/04/2018), C10 = 5.
  Observation o = events_fixture().run(Ceased(), "2018-19");
  EXPECT_EQ(o.value, 5);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C3", "C4", "C5", "C8", "C10"}));
}

TEST(ClaCeased, AnX1EndingIsNotACeasing) {
  // Q1 (01/04-30/06/2018): C8 01/04, C4 01/06 = 2; C7's X1 on 01/06 is not counted.
  Observation o = events_fixture().run(Ceased(), "2018-19 Q1");
  EXPECT_EQ(o.value, 2);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C4", "C8"}));
}

TEST(ClaCeased, AChildWhoLeftTwiceCountsOnce) {
  // C1 ceased 01/06/2018 and again 01/12/2018: 1 child.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "REC"},
                         {"C1", "01/01/2018", "01/06/2018", "S", "C2", "E4B"},
                         {"C1", "01/09/2018", "01/12/2018", "S", "C2", "E4A"}});
  EXPECT_EQ(f.run(Ceased(), "2018-19").value, 1);
}

TEST(ClaStartExitRatio, IsStartsOverCeased) {
  // 2018-19: 4 starts / 5 ceased = 0.8.
  Observation o = events_fixture().run(StartExitRatio(), "2018-19");
  EXPECT_EQ(o.numerator, 4);
  EXPECT_EQ(o.denominator, 5);
  EXPECT_DOUBLE_EQ(*o.value, 0.8);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2", "C4", "C5"}));
  EXPECT_EQ(o.denominator_records, (std::vector<std::string>{"C3", "C4", "C5", "C8", "C10"}));
}

TEST(ClaStartExitRatio, QuartersHaveTheirOwnRatio) {
  // Q1: starts 2 (C1, C4) / ceased 2 (C4, C8) = 1. Q2: starts 1 (C4) / ceased 1 (C10) = 1.
  // Q4: starts 2 (C5, C2) / ceased 2 (C5, C3) = 1. Q3: 0 / 0: no value.
  auto o = events_fixture().run(StartExitRatio(),
                                {"2018-19 Q1", "2018-19 Q2", "2018-19 Q3", "2018-19 Q4"});
  EXPECT_DOUBLE_EQ(*o[0].value, 1.0);
  EXPECT_EQ(o[1].numerator, 1);
  EXPECT_EQ(o[1].denominator, 1);
  EXPECT_EQ(o[2].denominator, 0);
  EXPECT_FALSE(o[2].value.has_value());
  EXPECT_EQ(o[3].numerator, 2);
  EXPECT_EQ(o[3].denominator, 2);
}

TEST(ClaStartExitRatio, NoLeaversMeansNoValue) {
  // One start, nobody ceased: 1 / 0 has no value.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "REC"},
                         {"C1", "01/06/2018", "", "S", "C2", ""}});
  Observation o = f.run(StartExitRatio(), "2018-19");
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(o.denominator, 0);
  EXPECT_FALSE(o.value.has_value());
}

// As at 31/03/2019.
//  C1 U4 PR1 -> in-house foster        C2 U1 PR1 -> in-house (family and friends)
//  C3 U5 PR4 -> agency foster, no      C4 K2 PR1 -> own children's home, no
//  C5 U6 PR1 ends 31/03/2019 -> not looked after
//  C6 U3 PR1 short break (V4) -> left out
//  C7 U4 PR2 -> another council's carer, no
//  C8 U4 PR1 until 01/11/2018, then U4 PR4 -> no at 31/03/2019, yes at 30/09/2018
Fixture foster_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS", "PLACE", "PLACE_PROVIDER"},
                         {"C1", "01/01/2018", "", "C2", "U4", "PR1"},
                         {"C2", "01/01/2018", "", "C2", "U1", "PR1"},
                         {"C3", "01/01/2018", "", "C2", "U5", "PR4"},
                         {"C4", "01/01/2018", "", "C2", "K2", "PR1"},
                         {"C5", "01/01/2018", "31/03/2019", "C2", "U6", "PR1"},
                         {"C6", "01/01/2018", "", "V4", "U3", "PR1"},
                         {"C7", "01/01/2018", "", "C2", "U4", "PR2"},
                         {"C8", "01/01/2018", "01/11/2018", "C2", "U4", "PR1"},
                         {"C8", "01/11/2018", "", "C2", "U4", "PR4"}});
  return f;
}

TEST(ClaInHouseFoster, CountsOwnFosterCarersOfAllLookedAfter) {
  // Looked after: C1, C2, C3, C4, C7, C8 = 6; in-house foster: C1, C2 = 2. 2/6 = 33.3%.
  Observation o = foster_fixture().run(InHouseFoster(), "2018-19");
  EXPECT_EQ(o.denominator, 6);
  EXPECT_EQ(o.numerator, 2);
  EXPECT_NEAR(*o.value, 100.0 / 3, 1e-9);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2"}));
}

TEST(ClaInHouseFoster, ReadsThePlacementAtEachAsAtDate) {
  // 30/09/2018 (Q2): C5 is still looked after (U6 PR1) and C8 is with its first carer (PR1):
  // looked after C1, C2, C3, C4, C5, C7, C8 = 7; in-house C1, C2, C5, C8 = 4.
  auto o = foster_fixture().run(InHouseFoster(), Strings{"2018-19 Q2", "2018-19"});
  EXPECT_EQ(o[0].denominator, 7);
  EXPECT_EQ(o[0].numerator, 4);
  EXPECT_EQ(o[1].numerator, 2);
}

TEST(ClaInHouseFoster, NobodyLookedAfterMeansNoValue) {
  Observation o = foster_fixture().run(InHouseFoster(), "2016-17");
  EXPECT_EQ(o.denominator, 0);
  EXPECT_FALSE(o.value.has_value());
}

// As at 31/03/2019; ages in whole years on that day.
//  C1 born 31/03/2009: 10 today, U4            -> cohort, foster
//  C2 born 01/04/2009: 9 (10 tomorrow), U4     -> too young
//  C3 born 01/04/2002: 16 (17 tomorrow), K2    -> cohort, not foster/adoption
//  C4 born 31/03/2002: 17 today, U4            -> too old
//  C5 aged 12, A4 placed for adoption          -> cohort, counted
//  C6 aged 12, P1 placed with parents          -> cohort, not counted
//  C7 aged 13, U1 on a short break (V3)        -> left out
//  C8 no header row                            -> left out, in a note
Fixture age_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS", "PLACE"},
                         {"C1", "01/01/2018", "", "C2", "U4"},
                         {"C2", "01/01/2018", "", "C2", "U4"},
                         {"C3", "01/01/2018", "", "C2", "K2"},
                         {"C4", "01/01/2018", "", "C2", "U4"},
                         {"C5", "01/01/2018", "", "E1", "A4"},
                         {"C6", "01/01/2018", "", "C2", "P1"},
                         {"C7", "01/01/2018", "", "V3", "U1"},
                         {"C8", "01/01/2018", "", "C2", "U4"}});
  f.dataset("header", {{"CHILD", "DOB"},
                       {"C1", "31/03/2009"},
                       {"C2", "01/04/2009"},
                       {"C3", "01/04/2002"},
                       {"C4", "31/03/2002"},
                       {"C5", "15/06/2006"},
                       {"C6", "15/06/2006"},
                       {"C7", "15/06/2005"}});
  return f;
}

TEST(ClaFosterOrAdoption10To16, CountsFosterOrAdoptionOfChildrenAged10To16) {
  // Cohort C1, C3, C5, C6 = 4; foster or adoption C1, C5 = 2. 50%. C8 in a note.
  Observation o = age_fixture().run(FosterOrAdoption10To16(), "2018-19");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_EQ(o.numerator, 2);
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
  EXPECT_EQ(o.denominator_records, (std::vector<std::string>{"C1", "C3", "C5", "C6"}));
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_EQ(o.notes[0].substr(0, 2), "1 ");
}

TEST(ClaFosterOrAdoption10To16, AgeRangeIsAParameter) {
  // Ages 0-17: C2 (9) and C4 (17) join: cohort 6; counted C1, C2, C4, C5 = 4. 66.7%.
  Observation o = age_fixture()
                      .param("min_age", int64_t{0})
                      .param("max_age", int64_t{17})
                      .run(FosterOrAdoption10To16(), "2018-19");
  EXPECT_EQ(o.denominator, 6);
  EXPECT_EQ(o.numerator, 4);
}

TEST(ClaFosterOrAdoption10To16, A29FebruaryBirthdayIsReachedOn1March) {
  // C1 born 29/02/2000 (U4), C2 born 29/02/2008 (K2), both looked after since 2015.
  // 28/02/2017: C1 16 (17th birthday on 01/03/2017) in, foster; C2 8 out -> 1/1 = 100%.
  // 28/02/2018: C1 17 out; C2 9 (10th birthday on 01/03/2018) out -> no cohort, no value.
  // 31/03/2018: C2 10 in, not foster -> 0/1 = 0%.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS", "PLACE"},
                         {"C1", "01/01/2015", "", "C2", "U4"},
                         {"C2", "01/01/2015", "", "C2", "K2"}});
  f.dataset("header", {{"CHILD", "DOB"}, {"C1", "29/02/2000"}, {"C2", "29/02/2008"}});
  auto o = f.run(FosterOrAdoption10To16(), Strings{"2017-02", "2018-02", "2018-03"});
  EXPECT_EQ(o[0].denominator, 1);
  EXPECT_DOUBLE_EQ(*o[0].value, 100.0);
  EXPECT_EQ(o[1].denominator, 0);
  EXPECT_FALSE(o[1].value.has_value());
  EXPECT_EQ(o[2].denominator, 1);
  EXPECT_DOUBLE_EQ(*o[2].value, 0.0);
}

}  // namespace
}  // namespace scorecard::plugins::looked_after
