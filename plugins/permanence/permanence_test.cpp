// VP7 fixtures, worked by hand from DATA.md indicator 9 and counting rule 6.
#include <gtest/gtest.h>

#include "core/testing/fixture.hpp"
#include "permanence.hpp"

namespace scorecard::plugins {
namespace {

using testing::Fixture;

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
  Observation o = vp7_fixture().param("exclude_aged_18_leavers", true).run(Permanence(), "2018-19 Q3");
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
  Observation o = vp7_fixture()
                      .param("permanence_reasons", std::vector<std::string>{"E11", "E12", "E45", "E17"})
                      .run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.numerator, 3);
  EXPECT_DOUBLE_EQ(*o.value, 75.0);
}

TEST(Permanence, NoLeaversMeansNoValue) {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "REC", "LS"}, {"C1", "01/01/2018", "", "", "C2"}});
  f.dataset("header", {{"CHILD", "DOB"}, {"C1", "01/01/2015"}});
  Observation o = f.run(Permanence(), "2018-19 Q3");
  EXPECT_EQ(o.denominator, 0);
  EXPECT_FALSE(o.value.has_value());
}

}  // namespace
}  // namespace scorecard::plugins
