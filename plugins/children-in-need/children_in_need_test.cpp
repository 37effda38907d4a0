// Fixtures for the children-in-need family, worked by hand from DATA.md indicators 15-17 and
// counting rules 10-12.
#include "children_in_need.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/testing/fixture.hpp"

namespace scorecard::plugins {
namespace {

using testing::Fixture;
using Labels = std::vector<std::string>;

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// ---- cin.rereferrals (rule 10) ----
//
// 2018-19: referrals dated 01/04/2018 .. 31/03/2019.
//  K1  R1 10/05/2017 (NFA); R2 10/05/2018 -> the previous referral is exactly 12 months
//      before: R2 is a re-referral (and an NFA referral counts as the earlier one)
//  K2  R3 09/05/2017; R4 10/05/2018 -> 12 months and a day: not a re-referral
//  K3  R5 01/06/2018 (NFA; the child's first: in the denominator, not a re-referral);
//      R6 01/09/2018 -> 3 months after R5: re-referral
//  K4  R7 and R8 both 15/11/2018 -> neither is strictly earlier: no re-referral
//  K5  R12 05/04/2017; R11 20/03/2019 -> 23 months: not within 12 (within 24: yes)
// Denominator R2, R4, R5, R6, R7, R8, R11 = 7; numerator R2, R6 = 2.
testing::Rows referral_rows() {
  return {{"CHILD", "REFERRAL_ID", "REFERRAL_DATE", "NFA"},
          {"K1", "R1", "10/05/2017", "1"},
          {"K1", "R2", "10/05/2018", "0"},
          {"K2", "R3", "09/05/2017", "0"},
          {"K2", "R4", "10/05/2018", "0"},
          {"K3", "R6", "01/09/2018", "0"},
          {"K3", "R5", "01/06/2018", "1"},
          {"K4", "R7", "15/11/2018", "0"},
          {"K4", "R8", "15/11/2018", "0"},
          {"K5", "R11", "20/03/2019", "0"},
          {"K5", "R12", "05/04/2017", "0"}};
}
Fixture referrals_fixture() {
  Fixture f;
  f.dataset("referrals", referral_rows());
  return f;
}

TEST(Rereferrals, EarlierReferralWithinTwelveMonthsExactlyTwelveCounts) {
  Observation o = referrals_fixture().run(Rereferrals(), "2018-19");
  EXPECT_EQ(o.denominator, 7);
  EXPECT_EQ(o.numerator, 2);
  EXPECT_DOUBLE_EQ(*o.value, 200.0 / 7.0);
  EXPECT_EQ(sorted(o.numerator_records), (std::vector<std::string>{"R2", "R6"}));
  EXPECT_EQ(sorted(o.denominator_records),
            (std::vector<std::string>{"R11", "R2", "R4", "R5", "R6", "R7", "R8"}));
}

TEST(Rereferrals, WithinMonthsIsAParameter) {
  // 24 months: R2, R4 (09/05/2017 >= 10/05/2016), R6, R11 (05/04/2017 >= 20/03/2017) = 4 / 7.
  Observation wide =
      referrals_fixture().param("within_months", int64_t{24}).run(Rereferrals(), "2018-19");
  EXPECT_EQ(wide.numerator, 4);
  EXPECT_EQ(wide.denominator, 7);
  // 6 months: only R6 (3 months after R5) = 1 / 7.
  Observation narrow =
      referrals_fixture().param("within_months", int64_t{6}).run(Rereferrals(), "2018-19");
  EXPECT_EQ(narrow.numerator, 1);
}

TEST(Rereferrals, EachPeriodCountsItsOwnReferrals) {
  // 2018-19 Q1 (01/04/2018 .. 30/06/2018): R2 (re-referral), R4, R5 -> 1 / 3.
  // 2017-18: R1, R3, R12 are everyone's first referral -> 0 / 3.
  std::vector<Observation> o =
      referrals_fixture().run(Rereferrals(), Labels{"2017-18", "2018-19 Q1"});
  EXPECT_EQ(o[0].denominator, 3);
  EXPECT_EQ(o[0].numerator, 0);
  EXPECT_EQ(o[1].denominator, 3);
  EXPECT_EQ(o[1].numerator, 1);
}

TEST(Rereferrals, AReferralWithoutAChildIsNotCountedAndSaidSo) {
  // The loader refuses a blank CHILD (a required column); a fixture can hold one. Two blank
  // CHILD referrals 3 months apart would be one child's re-referral if grouped together: they
  // are left out, and each period says how many of its own (R92, in 2017-18, is not 2018-19's).
  // K6's two referrals 2 months apart are counted: 2018-19 denominator 7 + 2 = 9, numerator 2 + 1
  // (R14) = 3.
  testing::Rows rows = referral_rows();
  rows.insert(rows.end(), {{"", "R90", "01/05/2018", "0"},
                           {"K6", "R13", "01/05/2018", "0"},
                           {"", "R91", "01/08/2018", "0"},
                           {"", "R92", "01/08/2017", "0"},
                           {"K6", "R14", "01/07/2018", "0"}});
  Fixture f;
  f.dataset("referrals", rows);
  Observation o = f.run(Rereferrals(), "2018-19");
  EXPECT_EQ(o.denominator, 9);
  EXPECT_EQ(o.numerator, 3);
  EXPECT_EQ(sorted(o.numerator_records), (std::vector<std::string>{"R14", "R2", "R6"}));
  EXPECT_EQ(o.notes, (std::vector<std::string>{"2 referrals without a CHILD"}));
}

TEST(Rereferrals, TheEarlierReferralCanBeAsOldAsTheWindowAllowsBeforeThePeriod) {
  // Asked for 2018-19 Q1 (01/04/2018 .. 30/06/2018) and, after it, 2017-18 Q4 (01/01/2018 ..
  // 31/03/2018): the earliest first day of any period is 01/01/2018.
  // Q1: K1 01/04/2017, then 01/04/2018: exactly 12 months, a re-referral. K2 31/03/2017, then
  // 01/04/2018: 12 months and a day, not one (its 01/01/1990 referral changes nothing). K4
  // 01/03/2018, then 30/06/2018, the quarter's last day: a re-referral. K3 01/06/2017 and
  // 01/07/2018, after the quarter: neither counted. 2 of 3.
  // Q4: K4's 01/03/2018, its first: 0 of 1; K5 01/01/2017, then 01/01/2018, the earliest first
  // day: exactly 12 months, a re-referral: 1 of 2.
  Fixture f;
  f.dataset("referrals", {{"CHILD", "REFERRAL_ID", "REFERRAL_DATE"},
                          {"K1", "A1", "01/04/2017"},
                          {"K2", "B0", "01/01/1990"},
                          {"K2", "B1", "31/03/2017"},
                          {"K1", "A2", "01/04/2018"},
                          {"K2", "B2", "01/04/2018"},
                          {"K3", "C1", "01/06/2017"},
                          {"K3", "C2", "01/07/2018"},
                          {"K4", "D2", "30/06/2018"},
                          {"K4", "D1", "01/03/2018"},
                          {"K5", "E1", "01/01/2017"},
                          {"K5", "E2", "01/01/2018"}});
  std::vector<Observation> o = f.run(Rereferrals(), Labels{"2018-19 Q1", "2017-18 Q4"});
  EXPECT_EQ(o[0].denominator, 3);
  EXPECT_EQ(o[0].numerator, 2);
  EXPECT_EQ(sorted(o[0].numerator_records), (std::vector<std::string>{"A2", "D2"}));
  EXPECT_EQ(o[1].denominator, 2);
  EXPECT_EQ(o[1].numerator, 1);
  EXPECT_EQ(o[1].numerator_records, (std::vector<std::string>{"E2"}));
}

// ---- cp.second_plan (rule 11) ----
//
// 2018-19: plans starting 01/04/2018 .. 31/03/2019 (in the period: *).
//  Q1  A1 01/01/2015-01/06/2015; A2* 10/10/2018 -> earlier plan ever: yes; ended 40 months
//      before: not within 24
//  Q2  B1 01/05/2016-01/06/2016; B2* 01/06/2018 -> ended exactly 24 months before: within 24
//  Q3  C1 01/05/2016-31/05/2016; C2* 01/06/2018 -> ended 24 months and a day before: ever only
//  Q4  D1* 01/07/2018-01/12/2018 (first plan); D2* 01/12/2018 -> D1 ended the day D2
//      started: within 24 (and 12)
//  Q5  E1* 01/02/2019 -> first plan
//  Q6  F1 01/03/2017, never ended; F2* 01/03/2019 -> ever: yes; within: F1 has no end
//  Q7  G1* and G2* both 15/08/2018 -> neither started earlier: no
//  Q8  H1 01/01/2018-20/03/2018; H2 01/04/2019 -> neither in 2018-19
//  Q9  I1 01/01/2018-15/10/2018; I2* 01/10/2018 -> ever: yes; within: I1 ended after I2
//      started, outside [start - 24 months, start]
// Denominator A2 B2 C2 D1 D2 E1 F2 G1 G2 I2 = 10. Ever: A2 B2 C2 D2 F2 I2 = 6. Within 24:
// B2 D2 = 2. Within 12: D2 = 1.
Fixture plans_fixture() {
  Fixture f;
  f.dataset("cp_plans", {{"CHILD", "CPP_ID", "CPP_START", "CPP_END", "INITIAL_CATEGORY"},
                         {"Q1", "A1", "01/01/2015", "01/06/2015", "NEG"},
                         {"Q1", "A2", "10/10/2018", "", "NEG"},
                         {"Q2", "B1", "01/05/2016", "01/06/2016", "NEG"},
                         {"Q2", "B2", "01/06/2018", "", "NEG"},
                         {"Q3", "C1", "01/05/2016", "31/05/2016", "NEG"},
                         {"Q3", "C2", "01/06/2018", "", "NEG"},
                         {"Q4", "D2", "01/12/2018", "", "NEG"},
                         {"Q4", "D1", "01/07/2018", "01/12/2018", "NEG"},
                         {"Q5", "E1", "01/02/2019", "", "NEG"},
                         {"Q6", "F1", "01/03/2017", "", "NEG"},
                         {"Q6", "F2", "01/03/2019", "", "NEG"},
                         {"Q7", "G1", "15/08/2018", "01/01/2019", "NEG"},
                         {"Q7", "G2", "15/08/2018", "", "NEG"},
                         {"Q8", "H1", "01/01/2018", "20/03/2018", "NEG"},
                         {"Q8", "H2", "01/04/2019", "", "NEG"},
                         {"Q9", "I1", "01/01/2018", "15/10/2018", "NEG"},
                         {"Q9", "I2", "01/10/2018", "", "NEG"}});
  return f;
}

TEST(SecondPlan, EverIsTheDefault) {
  Observation o = plans_fixture().run(SecondPlan(), "2018-19");
  EXPECT_EQ(o.denominator, 10);
  EXPECT_EQ(o.numerator, 6);
  EXPECT_DOUBLE_EQ(*o.value, 60.0);
  EXPECT_EQ(sorted(o.numerator_records),
            (std::vector<std::string>{"A2", "B2", "C2", "D2", "F2", "I2"}));
}

TEST(SecondPlan, WithinTwentyFourMonthsCountsAnEndExactlyTwentyFourMonthsBefore) {
  Observation o = plans_fixture().param("within_months", int64_t{24}).run(SecondPlan(), "2018-19");
  EXPECT_EQ(o.denominator, 10);
  EXPECT_EQ(o.numerator, 2);
  EXPECT_EQ(sorted(o.numerator_records), (std::vector<std::string>{"B2", "D2"}));
  Observation year =
      plans_fixture().param("within_months", int64_t{12}).run(SecondPlan(), "2018-19");
  EXPECT_EQ(year.numerator, 1);
}

TEST(SecondPlan, EachPeriodCountsThePlansStartingInIt) {
  // 2017-18: H1 and I1 (01/01/2018), both first plans -> 0 / 2.
  std::vector<Observation> o = plans_fixture().run(SecondPlan(), Labels{"2017-18", "2018-19"});
  EXPECT_EQ(o[0].denominator, 2);
  EXPECT_EQ(o[0].numerator, 0);
  EXPECT_EQ(o[1].numerator, 6);
}

// ---- cp.visits_on_time (VP8, rule 12) ----
//
// 2018-19 Q3: due dates 01/10/2018 .. 31/12/2018; due_days 10.
//  X1 plan P1 from 01/10/2018, open. CP visits 05/10, 20/10, 25/10 twice, 04/11, 20/12.
//     due 11/10 (start + 10): visit 05/10 -> on time
//     due 15/10 (05/10 + 10): next visit 20/10 -> missed; the next due date is counted from
//     20/10, not every 10 days after 15/10 (a missed due date does not recur)
//     due 30/10: visit 25/10 -> on time (the two 25/10 visits are one)
//     due 04/11: visit 04/11, on the due date -> on time
//     due 14/11: next visit 20/12 -> missed
//     due 30/12: no later visit -> missed
//     6 due, 3 on time
//  X2 plan P2 01/11/2018 - 15/11/2018, visit 08/11: due 11/11 met; due 18/11 is after the
//     plan closed -> 1 due, 1 on time
//  X3 plan P3 01/12/2018 - 11/12/2018, no visit: due 11/12 is the day it closed, so the plan
//     is not open on it -> nothing due
//  X4 plan P4 from 20/09/2018, CP visits 25/09 and 03/10 (SEEN 0: not used), a CLA visit
//     10/10 (not a CP visit): due 30/09 met (before Q3); due 05/10 met by 03/10; due 13/10
//     missed -> in Q3 2 due, 1 on time
//  X5 plan P5 from 25/12/2018, no visit: due 04/01/2019, after Q3
//  X6 plan P6 from 01/10/2018, visits 01/10 (the start day) and 09/10: due 11/10 met by 09/10;
//     due 19/10 missed -> 2 due, 1 on time
// Q3: 11 due, 6 on time.
Fixture visits_fixture() {
  Fixture f;
  f.dataset("cp_plans", {{"CHILD", "CPP_ID", "CPP_START", "CPP_END"},
                         {"X1", "P1", "01/10/2018", ""},
                         {"X2", "P2", "01/11/2018", "15/11/2018"},
                         {"X3", "P3", "01/12/2018", "11/12/2018"},
                         {"X4", "P4", "20/09/2018", ""},
                         {"X5", "P5", "25/12/2018", ""},
                         {"X6", "P6", "01/10/2018", ""}});
  f.dataset("visits", {{"CHILD", "VISIT_DATE", "VISIT_TYPE", "SEEN"},
                       {"X1", "05/10/2018", "CP", "1"},
                       {"X1", "20/10/2018", "CP", "1"},
                       {"X1", "25/10/2018", "CP", "1"},
                       {"X1", "25/10/2018", "CP", "0"},
                       {"X1", "04/11/2018", "CP", "1"},
                       {"X1", "20/12/2018", "CP", "1"},
                       {"X2", "08/11/2018", "CP", "1"},
                       {"X4", "25/09/2018", "CP", "1"},
                       {"X4", "03/10/2018", "CP", "0"},
                       {"X4", "10/10/2018", "CLA", "1"},
                       {"X6", "09/10/2018", "CP", "1"},
                       {"X6", "01/10/2018", "CP", "1"}});
  return f;
}

TEST(VisitsOnTime, OneDueDatePerGapWhileThePlanIsOpen) {
  Observation o = visits_fixture().run(VisitsOnTime(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 11);
  EXPECT_EQ(o.numerator, 6);
  EXPECT_DOUBLE_EQ(*o.value, 600.0 / 11.0);
  EXPECT_EQ(
      sorted(o.numerator_records),
      (std::vector<std::string>{"P1 due 2018-10-11", "P1 due 2018-10-30", "P1 due 2018-11-04",
                                "P2 due 2018-11-11", "P4 due 2018-10-05", "P6 due 2018-10-11"}));
}

// Plans at the edges of the quarter (01/10/2018 .. 31/12/2018): Y1 from 21/09/2018 to
// 02/10/2018, no visit: due 01/10, the quarter's first day, while the plan is open -> due,
// missed. Y2 from 20/09/2018 to 01/10/2018: due 30/09, before the quarter; the plan closes on
// 01/10 -> nothing due in Q3. Y3 from 21/12/2018, visit 30/12: due 31/12, the last day -> due,
// on time. Y4 from 31/12/2018: due 10/01/2019 -> nothing. Y5 from 01/01/2015 to 01/01/2016,
// visits then: long over -> nothing. Q3: 2 due, 1 on time.
TEST(VisitsOnTime, PlansAtTheEdgesOfThePeriodsCountOnlyWhatFallsDueInThem) {
  Fixture f;
  f.dataset("cp_plans", {{"CHILD", "CPP_ID", "CPP_START", "CPP_END"},
                         {"Y1", "E1", "21/09/2018", "02/10/2018"},
                         {"Y2", "E2", "20/09/2018", "01/10/2018"},
                         {"Y3", "E3", "21/12/2018", ""},
                         {"Y4", "E4", "31/12/2018", ""},
                         {"Y5", "E5", "01/01/2015", "01/01/2016"}});
  f.dataset("visits", {{"CHILD", "VISIT_DATE", "VISIT_TYPE", "SEEN"},
                       {"Y3", "30/12/2018", "CP", "1"},
                       {"Y5", "05/01/2015", "CP", "1"},
                       {"Y5", "20/01/2015", "CP", "1"}});
  Observation o = f.run(VisitsOnTime(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(sorted(o.denominator_records),
            (std::vector<std::string>{"E1 due 2018-10-01", "E3 due 2018-12-31"}));
}

TEST(VisitsOnTime, DueDaysIsAParameter) {
  // due_days 14:
  //  X1: due 15/10 met (05/10); 19/10 missed (20/10); 03/11 met (25/10); 08/11 met (04/11);
  //      18/11 missed (20/12); 03/01/2019 after Q3 -> 5 due, 3 on time
  //  X2: due 15/11, the day the plan closed -> nothing due
  //  X3: due 15/12, after the plan closed -> nothing due
  //  X4: due 04/10 met (25/09); 09/10 met (03/10); 17/10 missed -> 3 due, 2 on time
  //  X6: due 15/10 met (09/10); 23/10 missed -> 2 due, 1 on time
  // 10 due, 6 on time.
  Observation o = visits_fixture().param("due_days", int64_t{14}).run(VisitsOnTime(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 10);
  EXPECT_EQ(o.numerator, 6);
}

TEST(VisitsOnTime, AllPeriodsInOneCall) {
  // 2018-19 adds X4's due 30/09 (met) and X5's due 04/01/2019 (missed) to Q3's 11 and 6:
  // 13 due, 7 on time.
  std::vector<Observation> o =
      visits_fixture().run(VisitsOnTime(), Labels{"2018-19 Q3", "2018-19"});
  EXPECT_EQ(o[0].denominator, 11);
  EXPECT_EQ(o[1].denominator, 13);
  EXPECT_EQ(o[1].numerator, 7);
}

TEST(ChildrenInNeed, MetadataMatchesDataMd) {
  const Metadata rr = Rereferrals().metadata();
  EXPECT_EQ(rr.id, "cin.rereferrals");
  EXPECT_EQ(rr.polarity, Polarity::kLowerIsBetter);
  EXPECT_EQ(testing::resolve_parameters(rr, {}).integer("within_months"), 12);
  const Metadata sp = SecondPlan().metadata();
  EXPECT_EQ(sp.id, "cp.second_plan");
  EXPECT_TRUE(testing::resolve_parameters(sp, {}).is_blank("within_months"));
  const Metadata vp8 = VisitsOnTime().metadata();
  EXPECT_EQ(vp8.id, "cp.visits_on_time");
  EXPECT_EQ(vp8.code, "VP8");
  EXPECT_EQ(vp8.polarity, Polarity::kHigherIsBetter);
  EXPECT_EQ(testing::resolve_parameters(vp8, {}).integer("due_days"), 10);
  for (const Metadata& m : {rr, sp, vp8}) {
    EXPECT_EQ(m.theme, "Children in need and child protection");
    EXPECT_EQ(m.unit, Unit::kPercent);
    EXPECT_EQ(m.period_kind, PeriodKind::kEventsWithin);
  }
}
}  // namespace
}  // namespace scorecard::plugins
