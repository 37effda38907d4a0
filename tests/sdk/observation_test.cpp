// The SDK's ratio and distribution helpers.
#include <gtest/gtest.h>

#include <scorecard/observation.hpp>

namespace scorecard {
namespace {

TEST(Ratio, CountsNumeratorDenominatorAndBreakdowns) {
  Ratio r(true);
  r.count("A", true, {{"sex", "Female"}});
  r.count("B", false, {{"sex", "Female"}});
  r.count("C", true, {{"sex", "Male"}});
  r.count("D", false, {{"sex", "Male"}});
  const Observation o = r.percent();
  EXPECT_EQ(o.numerator, 2);
  EXPECT_EQ(o.denominator, 4);
  EXPECT_DOUBLE_EQ(*o.value, 50);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"A", "C"}));
  ASSERT_EQ(o.breakdowns.size(), 2u);
  EXPECT_EQ(o.breakdowns[0].category, "Female");
  EXPECT_DOUBLE_EQ(*o.breakdowns[0].value, 50);
}

TEST(Ratio, RecordsAreKeptOnlyWhenAskedFor) {
  Ratio r(false);
  r.count("A", true);
  EXPECT_TRUE(r.percent().numerator_records.empty());
  EXPECT_FALSE(Ratio(true).percent().value.has_value());  // empty cohort: no value
}

// Turnover as the DfE defines it: leavers' FTE over the FTE in post. Three in post (1.0, 0.5,
// 0.8 = 2.3 FTE), two leavers not in post (0.6 and 1.0 = 1.6 FTE): 1.6 / 2.3 x 100 = 69.565...%.
TEST(WeightedRatio, SumsWeightsAndKeepsTheRecords) {
  WeightedRatio r(true);
  r.add_denominator("W1", 1.0);
  r.add_denominator("W2", 0.5);
  r.add_denominator("W3", 0.8);
  r.add_numerator("L1", 0.6);
  r.add_numerator("L2", 1.0);
  r.note("2 leavers");
  const Observation o = r.percent();
  EXPECT_DOUBLE_EQ(*o.numerator, 1.6);
  EXPECT_DOUBLE_EQ(*o.denominator, 2.3);
  EXPECT_NEAR(*o.value, 69.5652173913, 1e-9);
  EXPECT_EQ(o.weight_unit, "FTE");
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"L1", "L2"}));
  EXPECT_EQ(o.denominator_records, (std::vector<std::string>{"W1", "W2", "W3"}));
  EXPECT_EQ(o.notes, (std::vector<std::string>{"2 leavers"}));
}

// add(): a record in the denominator and, when it meets the definition, the numerator with the
// same weight; breakdowns are sums of weights too. Female: 0.5 of 1.5 (33.3...%); Male: 0 of 2.
TEST(WeightedRatio, AddCountsBothSidesAndBreakdowns) {
  WeightedRatio r(false, "hours");
  r.add("A", 0.5, true, {{"sex", "Female"}});
  r.add("B", 1.0, false, {{"sex", "Female"}});
  r.add("C", 2.0, false, {{"sex", "Male"}});
  const Observation o = r.ratio();
  EXPECT_DOUBLE_EQ(*o.numerator, 0.5);
  EXPECT_DOUBLE_EQ(*o.denominator, 3.5);
  EXPECT_DOUBLE_EQ(*o.value, 0.5 / 3.5);
  EXPECT_EQ(o.weight_unit, "hours");
  EXPECT_TRUE(o.numerator_records.empty());
  ASSERT_EQ(o.breakdowns.size(), 2u);
  EXPECT_EQ(o.breakdowns[0].category, "Female");
  EXPECT_DOUBLE_EQ(o.breakdowns[0].numerator, 0.5);
  EXPECT_DOUBLE_EQ(*o.breakdowns[0].denominator, 1.5);
  EXPECT_DOUBLE_EQ(*o.breakdowns[0].value, 0.5 / 1.5);
  EXPECT_EQ(o.breakdowns[1].category, "Male");
  EXPECT_DOUBLE_EQ(*o.breakdowns[1].value, 0.0);
}

TEST(WeightedRatio, NoValueForNoWeightInTheDenominator) {
  WeightedRatio r(false);
  r.add_numerator("L", 1.0);
  const Observation o = r.percent();
  EXPECT_FALSE(o.value);
  EXPECT_DOUBLE_EQ(*o.numerator, 1.0);
}

TEST(Distribution, MeanAndMedian) {
  Distribution d(false);
  for (double v : {10.0, 30.0, 20.0, 100.0}) d.add("", v);
  EXPECT_DOUBLE_EQ(*d.observation(Aggregation::kMean).value, 40.0);    // 160 / 4
  EXPECT_DOUBLE_EQ(*d.observation(Aggregation::kMedian).value, 25.0);  // (20 + 30) / 2
  d.add("", 5);
  EXPECT_DOUBLE_EQ(*d.observation(Aggregation::kMedian).value, 20.0);  // 5 10 20 30 100
}

}  // namespace
}  // namespace scorecard
