// The local permanence measure against a hand-worked fixture, with the SDK's testing kit:
// built and run by ctest out of tree, against the installed SDK (README.md).
#include "local_permanence.hpp"

#include <gtest/gtest.h>

#include <scorecard/testing.hpp>

namespace {

using scorecard::Observation;
using scorecard::testing::Fixture;

// Reporting year 2018-19 (1 April 2018 to 31 March 2019): the children whose last episode
// ending in the year has a REC other than X1 are the cohort (they ceased to be looked after).
//   C1 adopted (E11) on 10/06/2018: ceased, permanent.
//   C2 stayed put (E17) on 20/09/2018: ceased, permanent (this council's local rule).
//   C3 returned home (E13) on 15/12/2018: ceased, not permanent.
//   C4's episode ended X1 (care continued) on 05/05/2018, and the next is still open: not
//     a leaver.
//   C5 adopted on 20/03/2018, before the year: not in the cohort.
// So 2 of 3 = 66.7%.
Fixture leavers() {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "REC", "LS"},
                         {"C1", "01/04/2017", "10/06/2018", "E11", "C2"},
                         {"C2", "01/05/2017", "20/09/2018", "E17", "C2"},
                         {"C3", "01/01/2018", "15/12/2018", "E13", "C2"},
                         {"C4", "01/01/2018", "05/05/2018", "X1", "C2"},
                         {"C4", "05/05/2018", "", "", "C2"},
                         {"C5", "01/01/2017", "20/03/2018", "E11", "C2"}});
  return f;
}

TEST(LocalPermanence, CountsStayingPutAsPermanent) {
  const Observation o = leavers().run(local::LocalPermanence{}, "2018-19");
  EXPECT_EQ(o.numerator, 2);
  EXPECT_EQ(o.denominator, 3);
  ASSERT_TRUE(o.value);
  EXPECT_NEAR(*o.value, 200.0 / 3.0, 1e-9);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(o.denominator_records, (std::vector<std::string>{"C1", "C2", "C3"}));
}

// Without E17 among the permanent reasons, only C1 counts: 1 of 3 = 33.3%.
TEST(LocalPermanence, ThePermanentReasonsAreAParameter) {
  Fixture f = leavers();
  f.param("permanent_reasons", std::vector<std::string>{"E11", "E12"});
  const Observation o = f.run(local::LocalPermanence{}, "2018-19");
  EXPECT_EQ(o.numerator, 1);
  EXPECT_EQ(o.denominator, 3);
  EXPECT_NEAR(*o.value, 100.0 / 3.0, 1e-9);
}

// A quarter reads only its own leavers: in 2018-19 Q1 (April to June) only C1 ceased: 1 of 1.
TEST(LocalPermanence, APeriodReadsOnlyItsOwnLeavers) {
  const Observation o = leavers().run(local::LocalPermanence{}, "2018-19 Q1");
  EXPECT_EQ(o.denominator, 1);
  EXPECT_EQ(o.value, 100.0);
}

}  // namespace
