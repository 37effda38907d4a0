// Fixtures for the permanence family, worked by hand from DATA.md: VP7 (indicator 9, rule 6),
// A1/A10 (indicator 10) and A2 (indicator 11), both with rule 7.
#include "permanence.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "adoption.hpp"
#include "core/testing/fixture.hpp"

namespace scorecard::plugins {
namespace {

using testing::Fixture;
using Labels = std::vector<std::string>;

// Period 2018-19 Q3 = 01/10/2018 .. 31/12/2018 (events within).
//  C1 adopted (E11) on 15/11/2018                      -> ceased, permanent
//  C2 returned home otherwise (E4B) on 01/10/2018      -> ceased (first day), not permanent
//  C3 SGO (E45) on 31/12/2018, aged 18 on that day     -> ceased (last day), permanent
//  C4 episode ends X1 on 01/11/2018, next episode open -> not a ceasing
//  C5 ceased E45 on 01/01/2019                         -> outside the period
//  C6 staying put (E17) on 20/12/2018, aged 18         -> ceased, not permanent
//  C7 short break (LS V3) ending E4A in the period     -> short breaks are excluded
Fixture vp7_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "REC", "LS"},
                         {"C1", "01/01/2017", "15/11/2018", "E11", "C2"},
                         {"C2", "01/05/2018", "01/10/2018", "E4B", "C2"},
                         {"C3", "01/05/2010", "31/12/2018", "E45", "C2"},
                         {"C4", "01/05/2018", "01/11/2018", "X1", "C2"},
                         {"C4", "01/11/2018", "", "", "C2"},
                         {"C5", "01/05/2018", "01/01/2019", "E45", "C2"},
                         {"C6", "01/05/2012", "20/12/2018", "E17", "C2"},
                         {"C7", "01/10/2018", "02/10/2018", "E4A", "V3"}});
  f.dataset("header", {{"CHILD", "DOB"},
                       {"C1", "01/01/2016"},
                       {"C2", "01/01/2010"},
                       {"C3", "31/12/2000"},  // 18th birthday on 31/12/2018
                       {"C4", "01/01/2010"},
                       {"C5", "01/01/2010"},
                       {"C6", "01/06/2000"},
                       {"C7", "01/01/2010"}});
  return f;
}

TEST(Permanence, CountsChildrenWhoCeasedToPermanentReasons) {
  // Ceased in period: C1, C2, C3, C6 = 4. Permanent: C1 (E11), C3 (E45) = 2. 2/4 = 50%.
  Observation o = vp7_fixture().run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_EQ(o.numerator, 2);
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C3"}));
}

TEST(Permanence, ExcludingAged18LeaversRemovesThemFromBothSides) {
  // C3 (18 on the day) and C6 (18) leave: ceased C1, C2 = 2; permanent C1 = 1. 1/2 = 50%.
  Observation o =
      vp7_fixture().param("exclude_aged_18_leavers", true).run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 2);
  EXPECT_EQ(o.numerator, 1);
  EXPECT_DOUBLE_EQ(*o.value, 50.0);
}

TEST(Permanence, UsesEachChildsLastCeasingInThePeriod) {
  // C1 ceased E4B on 10/10/2018, came back on 01/11/2018 and was adopted (E11) 30/11/2018.
  // One child, last ceasing E11: 1/1 = 100%.
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "REC", "LS"},
                         {"C1", "01/01/2018", "10/10/2018", "E4B", "C2"},
                         {"C1", "01/11/2018", "30/11/2018", "E11", "E1"}});
  f.dataset("header", {{"CHILD", "DOB"}, {"C1", "01/01/2015"}});
  Observation o = f.run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 1);
  EXPECT_EQ(o.numerator, 1);
}

TEST(Permanence, PermanenceReasonsAreAParameter) {
  // Counting E17 (staying put) as permanent too: C1, C3, C6 of 4 = 75%.
  Observation o =
      vp7_fixture()
          .param("permanence_reasons", std::vector<std::string>{"E11", "E12", "E45", "E17"})
          .run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.numerator, 3);
  EXPECT_DOUBLE_EQ(*o.value, 75.0);
}

TEST(Permanence, NoLeaversMeansNoValue) {
  Fixture f;
  f.dataset("episodes",
            {{"CHILD", "DECOM", "DEC", "REC", "LS"}, {"C1", "01/01/2018", "", "", "C2"}});
  f.dataset("header", {{"CHILD", "DOB"}, {"C1", "01/01/2015"}});
  Observation o = f.run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 0);
  EXPECT_FALSE(o.value.has_value());
}

// ---- adoption.a1 (A1, A10) and adoption.a2 (A2) ----
//
// Period 2018-19: as-at 31/03/2019; the 36-month window is (31/03/2016, 31/03/2019].
// Episodes chain (each DECOM = the previous DEC) unless said otherwise. Days are counted by
// hand, month by month (2016 is a leap year).
//
//  C1  S 01/01/2016 U4 (LS C2); P 01/06/2016 U4 (LS E1); T 01/03/2017 A4 (LS E1), adopted
//      E11 01/09/2017 -> in the window.
//      A1: 01/01/2016 -> 01/03/2017 = 366 + 31 + 28 = 425.
//      A10 (latest AD1 row FOSTER_CARE 1): the last placement change (RNE S/P/B) at or before
//      the A4 episode is the P of 01/06/2016 (T is same carer): 31+29+31+30+31 = 152.
//      A2: placement order 01/06/2016 (first LS E1) -> latest match 15/02/2017
//      = 30+31+31+30+31+30+31+31+14 = 259 (the earlier AD1 row, 01/01/2017, would give 214).
//  C2  S 10/05/2015 U1 (LS C2); T 10/08/2015 A5 (LS E1), adopted E12 01/04/2016: the first day
//      of the window -> in.
//      A1: 10/05/2015 -> 10/08/2015 = 31+30+31 = 92. Its latest AD1 row (20/07/2015) has
//      FOSTER_CARE 0, so A10 leaves 92 (the earlier row says 1, which would give 0).
//      A2: match 20/07/2015 came before the order of 10/08/2015 -> 0.
//  C3  S 01/01/2015 A3 (LS E1), adopted E11 31/03/2016: exactly 36 months before the as-at
//      date -> outside (the window is half-open). In 2017-18's window: A1 0 days.
//  C4  S 01/02/2018 U4 (LS C2); B 01/05/2018 A6 (LS E1), adopted E11 31/03/2019 (the as-at
//      date) -> in. A1: 28+31+30 = 89. A2: order 01/05/2018 -> match 31/05/2018 = 30.
//  C5  S 01/01/2018 A4, adopted 01/04/2019 -> after the as-at date, out.
//  C6  left care to an SGO (E45) -> not adopted.
//  C11 S 01/04/2018 U4 (LS C2); P 01/06/2018 A4 (LS C2), adopted 01/01/2019 -> in.
//      A1: 30+31 = 61. A2: no LS E1 episode -> no placement order, excluded.
//  C12 S 01/02/2018 U4 (LS E1); P 01/03/2018 A5, adopted E12 01/02/2019 -> in.
//      A1: 28. A2: no AD1 row -> no match, excluded.
//  C13 S 01/01/2018 U4 (LS E1); P 01/06/2018 A4, adopted 01/12/2018 -> in.
//      A1: 31+28+31+30+31 = 151. A2: order 01/01/2018 -> match 11/04/2018 = 31+28+31+10 = 100.
Fixture adoption_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "REC", "URN"},
                         {"C1", "01/01/2016", "01/06/2016", "S", "C2", "U4", "X1", "U1"},
                         {"C1", "01/06/2016", "01/03/2017", "P", "E1", "U4", "X1", "U2"},
                         {"C1", "01/03/2017", "01/09/2017", "T", "E1", "A4", "E11", "U2"},
                         {"C2", "10/05/2015", "10/08/2015", "S", "C2", "U1", "X1", "U3"},
                         {"C2", "10/08/2015", "01/04/2016", "T", "E1", "A5", "E12", "U3"},
                         {"C3", "01/01/2015", "31/03/2016", "S", "E1", "A3", "E11", "U4"},
                         {"C4", "01/02/2018", "01/05/2018", "S", "C2", "U4", "X1", "U5"},
                         {"C4", "01/05/2018", "31/03/2019", "B", "E1", "A6", "E11", "U6"},
                         {"C5", "01/01/2018", "01/04/2019", "S", "E1", "A4", "E11", "U7"},
                         {"C6", "01/01/2017", "01/01/2018", "S", "C2", "U4", "E45", "U8"},
                         {"C11", "01/04/2018", "01/06/2018", "S", "C2", "U4", "X1", "U9"},
                         {"C11", "01/06/2018", "01/01/2019", "P", "C2", "A4", "E11", "U10"},
                         {"C12", "01/02/2018", "01/03/2018", "S", "E1", "U4", "X1", "U11"},
                         {"C12", "01/03/2018", "01/02/2019", "P", "E1", "A5", "E12", "U12"},
                         {"C13", "01/01/2018", "01/06/2018", "S", "E1", "U4", "X1", "U13"},
                         {"C13", "01/06/2018", "01/12/2018", "P", "E1", "A4", "E11", "U14"}});
  f.dataset("ad1", {{"CHILD", "DATE_MATCH", "FOSTER_CARE"},
                    {"C1", "15/02/2017", "1"},
                    {"C1", "01/01/2017", "0"},
                    {"C2", "10/07/2015", "1"},
                    {"C2", "20/07/2015", "0"},
                    {"C3", "01/02/2016", "0"},
                    {"C4", "31/05/2018", "0"},
                    {"C5", "01/02/2019", "0"},
                    {"C11", "01/05/2018", "0"},
                    {"C13", "11/04/2018", "0"}});
  return f;
}

TEST(AdoptionA1, MeanOfDaysFromCareStartToAdoptivePlacement) {
  // In the window: C1 425, C2 92, C4 89, C11 61, C12 28, C13 151 (C3 exactly 36 months
  // before, C5 after the as-at date). Sum 846 over 6 children: mean 141.
  Observation o = adoption_fixture().run(AdoptionA1(), "2018-19");
  EXPECT_EQ(o.denominator, 6);
  EXPECT_EQ(o.numerator, 846);
  EXPECT_DOUBLE_EQ(*o.value, 141.0);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2", "C4", "C11", "C12", "C13"}));
}

TEST(AdoptionA1, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  // 28, 61, 89, 92, 151, 425: the middle two are 89 and 92 -> 90.5.
  Observation o =
      adoption_fixture().param("aggregation", std::string("median")).run(AdoptionA1(), "2018-19");
  EXPECT_EQ(o.denominator, 6);
  EXPECT_DOUBLE_EQ(*o.value, 90.5);
}

TEST(AdoptionA1, WindowMonthsSetsTheCohortAndMedianOfAnOddCount) {
  // 24 months: (31/03/2017, 31/03/2019] keeps C1 (01/09/2017), C4, C11, C12, C13 and drops
  // C2 (01/04/2016). Values 425, 89, 61, 28, 151: median 89; mean 754 / 5 = 150.8.
  Observation median = adoption_fixture()
                           .param("window_months", int64_t{24})
                           .param("aggregation", std::string("median"))
                           .run(AdoptionA1(), "2018-19");
  EXPECT_EQ(median.denominator, 5);
  EXPECT_DOUBLE_EQ(*median.value, 89.0);
  Observation mean =
      adoption_fixture().param("window_months", int64_t{24}).run(AdoptionA1(), "2018-19");
  EXPECT_DOUBLE_EQ(*mean.value, 150.8);
  // 12 months: (31/03/2018, 31/03/2019]: C4 89, C11 61, C12 28, C13 151 -> 329 / 4 = 82.25.
  Observation year =
      adoption_fixture().param("window_months", int64_t{12}).run(AdoptionA1(), "2018-19");
  EXPECT_EQ(year.denominator, 4);
  EXPECT_DOUBLE_EQ(*year.value, 82.25);
}

TEST(AdoptionA1, EachPeriodHasItsOwnThirtySixMonths) {
  // 2017-18: (31/03/2015, 31/03/2018] holds C1 425, C2 92 and C3 0 (adopted 31/03/2016):
  // 517 / 3. 2018-19 as above: 141.
  std::vector<Observation> o = adoption_fixture().run(AdoptionA1(), Labels{"2017-18", "2018-19"});
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].denominator, 3);
  EXPECT_DOUBLE_EQ(*o[0].value, 517.0 / 3.0);
  EXPECT_DOUBLE_EQ(*o[1].value, 141.0);
}

TEST(AdoptionA1, FosterCarerAdjustmentCountsFromTheStartOfThatPlacement) {
  // A10: C1's latest AD1 row has FOSTER_CARE 1 -> 152 instead of 425; C2's latest row has 0
  // -> stays 92. 152 + 92 + 89 + 61 + 28 + 151 = 573 over 6 = 95.5.
  Observation o =
      adoption_fixture().param("foster_carer_adjustment", true).run(AdoptionA1(), "2018-19");
  EXPECT_EQ(o.denominator, 6);
  EXPECT_EQ(o.numerator, 573);
  EXPECT_DOUBLE_EQ(*o.value, 95.5);
}

TEST(AdoptionA1, FosterCarerAdjustmentRequiresAd1) {
  // AD1 is optional for A1 and required once the A10 adjustment is on.
  Parameters off = testing::resolve_parameters(AdoptionA1().metadata(), {});
  Parameters on =
      testing::resolve_parameters(AdoptionA1().metadata(), {{"foster_carer_adjustment", true}});
  auto ad1_optional = [](const std::vector<DatasetNeed>& needs) {
    for (const auto& n : needs)
      if (n.dataset == "ad1") return n.optional;
    return true;
  };
  EXPECT_TRUE(ad1_optional(AdoptionA1().needs(off)));
  EXPECT_FALSE(ad1_optional(AdoptionA1().needs(on)));
}

// Two periods of care and rule 7 (2018-19, window (31/03/2016, 31/03/2019]):
//  C8  first period: S 01/01/2014 A3 (LS E1), ended E8 01/06/2014. Second period: S
//      01/01/2017 U4 (LS E1); P 01/04/2017 A4, adopted 01/10/2017.
//      A1 counts from the latest S: 01/01/2017 -> 01/04/2017 = 31+28+31 = 90 (not from 2014,
//      and not the 2014 A3 episode). A2: order 01/01/2017 (the E1 of this period) -> match
//      01/03/2017 = 31+28 = 59.
//  C9  S 01/01/2016 U4, DEC 01/05/2016; next episode P 03/05/2016 A4 (the chain breaks, so a
//      new period of care with no RNE S), adopted 01/12/2016 -> left out and reported.
//  C10 S 01/01/2016 U4; P 01/07/2016 U5, adopted 01/12/2016 with no A3-A6 episode -> left out.
Fixture two_periods_fixture() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "REC"},
                         {"C8", "01/01/2014", "01/06/2014", "S", "E1", "A3", "E8"},
                         {"C8", "01/01/2017", "01/04/2017", "S", "E1", "U4", "X1"},
                         {"C8", "01/04/2017", "01/10/2017", "P", "E1", "A4", "E11"},
                         {"C9", "01/01/2016", "01/05/2016", "S", "E1", "U4", "X1"},
                         {"C9", "03/05/2016", "01/12/2016", "P", "E1", "A4", "E11"},
                         {"C10", "01/01/2016", "01/07/2016", "S", "E1", "U4", "X1"},
                         {"C10", "01/07/2016", "01/12/2016", "P", "E1", "U5", "E12"}});
  f.dataset("ad1", {{"CHILD", "DATE_MATCH", "FOSTER_CARE"},
                    {"C8", "01/03/2017", "0"},
                    {"C9", "01/04/2016", "0"},
                    {"C10", "01/06/2016", "0"}});
  return f;
}

const char* const kRule7Note =
    "adoptions left out (rule 7): 1 with no RNE S episode starting their period of care, 1 with "
    "no A3-A6 placement in it";

TEST(AdoptionA1, UsesThePeriodOfCareOfTheAdoptionAndReportsThoseLeftOut) {
  Observation o = two_periods_fixture().run(AdoptionA1(), "2018-19");
  EXPECT_EQ(o.denominator, 1);
  EXPECT_DOUBLE_EQ(*o.value, 90.0);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C8"}));
  ASSERT_FALSE(o.notes.empty());
  EXPECT_EQ(o.notes[0], kRule7Note);
}

TEST(AdoptionA1, RejectsAnUnknownAggregation) {
  EXPECT_THROW(
      adoption_fixture().param("aggregation", std::string("mode")).run(AdoptionA1(), "2018-19"),
      std::invalid_argument);
}

TEST(AdoptionA2, MeanOfDaysFromPlacementOrderToMatch) {
  // C1 259, C2 0 (match before the order), C4 30, C13 100; C11 (no placement order) and C12
  // (no match) excluded and reported. 389 / 4 = 97.25.
  Observation o = adoption_fixture().run(AdoptionA2(), "2018-19");
  EXPECT_EQ(o.denominator, 4);
  EXPECT_EQ(o.numerator, 389);
  EXPECT_DOUBLE_EQ(*o.value, 97.25);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2", "C4", "C13"}));
  EXPECT_NE(std::find(o.notes.begin(), o.notes.end(),
                      "children excluded: 1 with no placement order (LS E1) in their period of "
                      "care, 1 with no DATE_MATCH in AD1"),
            o.notes.end());
}

TEST(AdoptionA2, MedianEvenAndOdd) {
  // Even: 0, 30, 100, 259 -> (30 + 100) / 2 = 65.
  Observation even =
      adoption_fixture().param("aggregation", std::string("median")).run(AdoptionA2(), "2018-19");
  EXPECT_DOUBLE_EQ(*even.value, 65.0);
  // Odd, 24 months (31/03/2017, 31/03/2019]: C1 259, C4 30, C13 100 -> median 100.
  Observation odd = adoption_fixture()
                        .param("aggregation", std::string("median"))
                        .param("window_months", int64_t{24})
                        .run(AdoptionA2(), "2018-19");
  EXPECT_EQ(odd.denominator, 3);
  EXPECT_DOUBLE_EQ(*odd.value, 100.0);
}

TEST(AdoptionA2, SamePeriodOfCareAndRule7AsA1) {
  // C8: 59 days; C9 and C10 left out under rule 7 as for A1.
  Observation o = two_periods_fixture().run(AdoptionA2(), "2018-19");
  EXPECT_EQ(o.denominator, 1);
  EXPECT_DOUBLE_EQ(*o.value, 59.0);
  ASSERT_FALSE(o.notes.empty());
  EXPECT_EQ(o.notes[0], kRule7Note);
}

TEST(AdoptionA1, FosterPlacementIgnoresAReturnFromATemporaryPlacement) {
  // C20: S 01/01/2017 U4 (carer URN F1); P 01/03/2017 U4 with carers F2 (who adopt); P
  // 01/06/2017 T2 (holiday, temporary); P 08/06/2017 U4 F2 (the return to the same URN and
  // PLACE: not a new placement); T 01/09/2017 A4 F2, adopted 01/12/2017; FOSTER_CARE 1.
  // A1: 01/01/2017 -> 01/09/2017 = 31+28+31+30+31+30+31+31 = 243.
  // A10: the last placement change at or before the A4 episode is the P of 01/03/2017:
  // 31 + 28 = 59 (counting the return of 08/06/2017 would give 158).
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "REC", "URN"},
                         {"C20", "01/01/2017", "01/03/2017", "S", "C2", "U4", "X1", "F1"},
                         {"C20", "01/03/2017", "01/06/2017", "P", "C2", "U4", "X1", "F2"},
                         {"C20", "01/06/2017", "08/06/2017", "P", "C2", "T2", "X1", "H1"},
                         {"C20", "08/06/2017", "01/09/2017", "P", "E1", "U4", "X1", "F2"},
                         {"C20", "01/09/2017", "01/12/2017", "T", "E1", "A4", "E11", "F2"}});
  f.dataset("ad1", {{"CHILD", "DATE_MATCH", "FOSTER_CARE"}, {"C20", "01/08/2017", "1"}});
  EXPECT_DOUBLE_EQ(*f.run(AdoptionA1(), "2018-19").value, 243.0);
  EXPECT_DOUBLE_EQ(*f.param("foster_carer_adjustment", true).run(AdoptionA1(), "2018-19").value,
                   59.0);
}

TEST(Adoption, MetadataMatchesDataMd) {
  const Metadata a1 = AdoptionA1().metadata();
  EXPECT_EQ(a1.id, "adoption.a1");
  EXPECT_EQ(a1.code, "A1");
  EXPECT_EQ(a1.unit, Unit::kDays);
  EXPECT_EQ(a1.polarity, Polarity::kLowerIsBetter);
  EXPECT_EQ(a1.period_kind, PeriodKind::kRolling);
  EXPECT_EQ(a1.period_months, 36);
  const Parameters p = testing::resolve_parameters(a1, {});
  EXPECT_EQ(p.integer("window_months"), 36);
  EXPECT_EQ(p.text("aggregation"), "mean");
  EXPECT_FALSE(p.flag("foster_carer_adjustment"));
  const Metadata a2 = AdoptionA2().metadata();
  EXPECT_EQ(a2.id, "adoption.a2");
  EXPECT_EQ(a2.code, "A2");
  EXPECT_EQ(a2.theme, "Permanence and adoption");
}
}  // namespace
}  // namespace scorecard::plugins
