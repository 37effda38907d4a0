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
