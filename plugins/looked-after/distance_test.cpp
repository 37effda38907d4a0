// cla.placed_over_20_miles fixtures, worked by hand from DATA.md indicator 6 and rule 5.
// Centroids on one meridian make the great-circle distance exact: R x (difference in latitude
// in radians); 0.3 degrees = 3958.8 x 0.3 x pi / 180 = 20.728 miles, 0.28 degrees = 19.346.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/testing/fixture.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

using testing::Fixture;
using Strings = std::vector<std::string>;

const testing::Rows kCentroids = {{"POSTCODE", "LATITUDE", "LONGITUDE"},
                                  {"AB1 1AA", "51.0", "-1.0"},
                                  {"AB1 2AA", "51.3", "-1.0"},
                                  {"AB13AA", "51.28", "-1.0"}};

// As at 31/03/2019, all looked after since 01/01/2018 unless said.
//  E1 PL_DISTANCE 25                                   over
//  E2 PL_DISTANCE 20 ("more than" is strict)           not over
//  E3 PL_DISTANCE 20.1                                 over
//  E4 no PL_DISTANCE; "AB1 1AA" to "ab12aa" = 20.728   over (postcodes upper-case, no spaces)
//  E5 no PL_DISTANCE; "AB1 1AA" to "AB1 3AA" = 19.346  not over
//  E6 no PL_DISTANCE; placed at a postcode with no centroid   unknown
//  E7 no PL_DISTANCE, no postcodes                     unknown
//  E8 UASC (DUC blank), 100                            excluded
//  E9 PLACE P1, 50                                     excluded
//  E10 short break (V3), 60                            excluded
//  E11 PL_DISTANCE 0                                   known, not over
//  E12 DEC on 31/03/2019, 80                           not looked after
//  E13 PL_DISTANCE 22 although the postcodes give 19.346: PL_DISTANCE wins   over
// Denominator E1-E5, E11, E13 = 7; numerator E1, E3, E4, E13 = 4 -> 57.1%.
Fixture distance_fixture() {
  Fixture f;
  f.dataset("episodes",
            {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "HOME_POST", "PL_POST", "PL_DISTANCE"},
             {"E1", "01/01/2018", "", "S", "C2", "U4", "", "", "25"},
             {"E2", "01/01/2018", "", "S", "C2", "U4", "", "", "20"},
             {"E3", "01/01/2018", "", "S", "C2", "U4", "", "", "20.1"},
             {"E4", "01/01/2018", "", "S", "C2", "U4", "AB1 1AA", "ab12aa", ""},
             {"E5", "01/01/2018", "", "S", "C2", "U4", "AB1 1AA", "AB1 3AA", ""},
             {"E6", "01/01/2018", "", "S", "C2", "U4", "AB1 1AA", "XX1 1XX", ""},
             {"E7", "01/01/2018", "", "S", "C2", "U4", "", "", ""},
             {"E8", "01/01/2018", "", "S", "V2", "U4", "", "", "100"},
             {"E9", "01/01/2018", "", "S", "C2", "P1", "", "", "50"},
             {"E10", "01/01/2018", "", "S", "V3", "H5", "", "", "60"},
             {"E11", "01/01/2018", "", "S", "C2", "U4", "", "", "0"},
             {"E12", "01/01/2018", "31/03/2019", "S", "C2", "U4", "", "", "80"},
             {"E13", "01/01/2018", "", "S", "C2", "U4", "AB1 1AA", "AB1 3AA", "22"}});
  f.dataset("uasc", {{"CHILD", "DUC"}, {"E8", ""}});
  f.dataset("postcode_centroids", kCentroids);
  return f;
}

TEST(PlacedOver20Miles, CountsChildrenPlacedMoreThan20MilesFromHome) {
  Observation o = distance_fixture().run(PlacedOverMiles(), "2018-19");
  EXPECT_EQ(o.denominator_records, (Strings{"E1", "E2", "E3", "E4", "E5", "E11", "E13"}));
  EXPECT_EQ(o.numerator_records, (Strings{"E1", "E3", "E4", "E13"}));
  EXPECT_NEAR(*o.value, 400.0 / 7, 1e-9);
  EXPECT_EQ(o.notes, (Strings{"1 UASC left out", "1 children placed with parents left out",
                              "2 children whose distance is unknown left out (no PL_DISTANCE, "
                              "and no centroid for HOME_POST or PL_POST)"}));
}

TEST(PlacedOver20Miles, EachExclusionIsAParameter) {
  // Each exclusion turned off brings back one child who is over 20 miles: 5 of 8 = 62.5%.
  for (const char* param :
       {"exclude_uasc", "exclude_placed_with_parents", "exclude_short_breaks"}) {
    Observation o = distance_fixture().param(param, false).run(PlacedOverMiles(), "2018-19");
    EXPECT_EQ(o.denominator, 8) << param;
    EXPECT_EQ(o.numerator, 5) << param;
  }
}

TEST(PlacedOver20Miles, MilesIsAParameterAndStrict) {
  // 19 miles: E2 (20) and E5 (19.346) join: 6 of 7. 21 miles: E1 (25), E13 (22): 2 of 7.
  EXPECT_EQ(distance_fixture().param("miles", 19.0).run(PlacedOverMiles(), "2018-19").numerator, 6);
  EXPECT_EQ(distance_fixture().param("miles", 21.0).run(PlacedOverMiles(), "2018-19").numerator, 2);
}

TEST(PlacedOver20Miles, GreatCircleDistanceUsesTheEarthRadiusInMiles) {
  // E4 alone: 20.728 miles is more than 20.72 and not more than 20.73.
  auto run = [](double miles) {
    Fixture f;
    f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "HOME_POST", "PL_POST"},
                           {"E4", "01/01/2018", "", "S", "C2", "U4", "AB1 1AA", "AB1 2AA"}});
    f.dataset("uasc", {{"CHILD", "DUC"}});
    f.dataset("postcode_centroids", kCentroids);
    return f.param("miles", miles).run(PlacedOverMiles(), "2018-19");
  };
  EXPECT_EQ(run(20.72).numerator, 1);
  EXPECT_EQ(run(20.73).numerator, 0);
  EXPECT_EQ(run(20.73).denominator, 1);
}

TEST(PlacedOver20Miles, UascDatasetIsNeededOnlyWhenUascAreExcluded) {
  Fixture f;
  f.dataset("episodes",
            {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "HOME_POST", "PL_POST", "PL_DISTANCE"},
             {"E1", "01/01/2018", "", "S", "C2", "U4", "", "", "25"}});
  EXPECT_THROW(f.run(PlacedOverMiles(), "2018-19"), std::invalid_argument);
  Observation o = f.param("exclude_uasc", false).run(PlacedOverMiles(), "2018-19");
  EXPECT_EQ(o.numerator, 1);  // no centroids file either: PL_DISTANCE is enough
}

// Period 2018-19 (01/04/2018 - 31/03/2019), as at 31/03/2019.
//  F1 S 01/05/2018 at 30 miles, moved (P) 01/08/2018 to 5 miles
//  F2 S 01/03/2018 (before the period) at 40 miles, open
//  F3 S 01/06/2018 at 10, ceased 01/07/2018; S again 01/10/2018 at 50, open
//  F4 S 31/03/2019 (last day) at 21
//  F5 S 01/09/2018 at 45, UASC until DUC 01/01/2019
// entered_in_period: F1 (30, over), F3 (first start: 10), F4 (21, over); F5 UASC on its
// start date: left out. 2 of 3.
// Looked after at 31/03/2019 (default): F1 (5), F2 (40), F3 (50), F4 (21), F5 (45; no longer
// UASC on 31/03/2019): 4 of 5 = 80%.
Fixture entered_fixture() {
  Fixture f;
  f.dataset("episodes",
            {{"CHILD", "DECOM", "DEC", "RNE", "LS", "PLACE", "HOME_POST", "PL_POST", "PL_DISTANCE"},
             {"F1", "01/05/2018", "01/08/2018", "S", "C2", "U4", "", "", "30"},
             {"F1", "01/08/2018", "", "P", "C2", "U4", "", "", "5"},
             {"F2", "01/03/2018", "", "S", "C2", "U4", "", "", "40"},
             {"F3", "01/06/2018", "01/07/2018", "S", "C2", "U4", "", "", "10"},
             {"F3", "01/10/2018", "", "S", "C2", "U4", "", "", "50"},
             {"F4", "31/03/2019", "", "S", "C2", "U4", "", "", "21"},
             {"F5", "01/09/2018", "", "S", "V2", "U4", "", "", "45"}});
  f.dataset("uasc", {{"CHILD", "DUC"}, {"F5", "01/01/2019"}});
  return f;
}

TEST(PlacedOver20Miles, EnteredInPeriodUsesTheFirstPlacementOfThoseWhoStarted) {
  Observation entered =
      entered_fixture().param("entered_in_period", true).run(PlacedOverMiles(), "2018-19");
  EXPECT_EQ(entered.denominator_records, (Strings{"F1", "F3", "F4"}));
  EXPECT_EQ(entered.numerator_records, (Strings{"F1", "F4"}));
  EXPECT_EQ(entered.notes[0], "1 UASC left out");
  Observation at_end = entered_fixture().run(PlacedOverMiles(), "2018-19");
  EXPECT_EQ(at_end.numerator_records, (Strings{"F2", "F3", "F4", "F5"}));
  EXPECT_DOUBLE_EQ(*at_end.value, 80.0);
}

}  // namespace
}  // namespace scorecard::plugins::looked_after
