// RAG, direction of travel, benchmarks, small numbers and suppression (DESIGN.md "Rating").
#include "core/rating/rating.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace scorecard::rating {
namespace {

using model::Comparison;
using model::Direction;
using model::Rag;
using model::Tolerance;
constexpr auto kHigher = Polarity::kHigherIsBetter;
constexpr auto kLower = Polarity::kLowerIsBetter;

TEST(Rag, HigherIsBetterWithToleranceInPoints) {
  // Target 25, tolerance 2.5 points: 25 and above green, 22.5 to 25 amber, below 22.5 red.
  const Tolerance t{2.5, false};
  EXPECT_EQ(rag(25.0, 25.0, t, kHigher, 1), Rag::kGreen);
  EXPECT_EQ(rag(31.0, 25.0, t, kHigher, 1), Rag::kGreen);
  EXPECT_EQ(rag(24.9, 25.0, t, kHigher, 1), Rag::kAmber);
  EXPECT_EQ(rag(22.5, 25.0, t, kHigher, 1), Rag::kAmber);
  EXPECT_EQ(rag(22.4, 25.0, t, kHigher, 1), Rag::kRed);
}

TEST(Rag, LowerIsBetterMirrorsIt) {
  // NI 62, target 10, tolerance 1: 10 and below green, up to 11 amber, above red.
  const Tolerance t{1, false};
  EXPECT_EQ(rag(9.0, 10.0, t, kLower, 1), Rag::kGreen);
  EXPECT_EQ(rag(10.0, 10.0, t, kLower, 1), Rag::kGreen);
  EXPECT_EQ(rag(11.0, 10.0, t, kLower, 1), Rag::kAmber);
  EXPECT_EQ(rag(11.1, 10.0, t, kLower, 1), Rag::kRed);
}

TEST(Rag, RelativeToleranceIsAPercentOfTheTarget) {
  // Target 200 days, tolerance 5% = 10 days: 205 amber, 210 amber, 211 red.
  const Tolerance t{5, true};
  EXPECT_EQ(rag(205.0, 200.0, t, kLower, 0), Rag::kAmber);
  EXPECT_EQ(rag(210.0, 200.0, t, kLower, 0), Rag::kAmber);
  EXPECT_EQ(rag(211.0, 200.0, t, kLower, 0), Rag::kRed);
}

TEST(Rag, ZeroToleranceMeansNoAmber) {
  EXPECT_EQ(rag(24.9, 25.0, Tolerance{0, false}, kHigher, 1), Rag::kRed);
  EXPECT_EQ(rag(24.9, 25.0, std::nullopt, kHigher, 1), Rag::kRed);
}

TEST(Rag, NotRatedWithoutPolarityTargetOrValue) {
  EXPECT_EQ(rag(5.0, 4.0, std::nullopt, Polarity::kNeutral, 1), Rag::kNone);
  EXPECT_EQ(rag(5.0, std::nullopt, std::nullopt, kHigher, 1), Rag::kNone);
  EXPECT_EQ(rag(std::nullopt, 4.0, std::nullopt, kHigher, 1), Rag::kNone);
}

TEST(Rag, TheValueIsRoundedAsTheBoardReadsIt) {
  // 24.96 is shown as 25.0, so it meets a target of 25.
  EXPECT_EQ(rag(24.96, 25.0, std::nullopt, kHigher, 1), Rag::kGreen);
  EXPECT_EQ(rag(24.94, 25.0, std::nullopt, kHigher, 1), Rag::kRed);
}

TEST(Direction, FollowsPolarity) {
  EXPECT_EQ(direction(12.0, 10.0, kHigher, 1), Direction::kImproving);
  EXPECT_EQ(direction(12.0, 10.0, kLower, 1), Direction::kDeclining);
  EXPECT_EQ(direction(10.04, 10.0, kLower, 1), Direction::kUnchanged);
  EXPECT_EQ(direction(12.0, std::nullopt, kLower, 1), Direction::kNone);
}

TEST(Direction, NeutralIndicatorsSayWhichWayWithoutJudging) {
  // No better direction: 10 -> 12 went up, 12 -> 10 down, 10.0 -> 10.04 (10.0 at one decimal)
  // is unchanged, and with nothing before there is nothing to compare.
  EXPECT_EQ(direction(12.0, 10.0, Polarity::kNeutral, 1), Direction::kUp);
  EXPECT_EQ(direction(10.0, 12.0, Polarity::kNeutral, 1), Direction::kDown);
  EXPECT_EQ(direction(10.04, 10.0, Polarity::kNeutral, 1), Direction::kUnchanged);
  EXPECT_EQ(direction(12.0, std::nullopt, Polarity::kNeutral, 1), Direction::kNone);
}

TEST(Benchmarks, ComparedByPolarity) {
  EXPECT_EQ(compare(9.0, 10.0, kLower, 1), Comparison::kBetter);
  EXPECT_EQ(compare(9.0, 10.0, kHigher, 1), Comparison::kWorse);
  EXPECT_EQ(compare(10.0, 10.0, kHigher, 1), Comparison::kSame);
  EXPECT_EQ(compare(std::nullopt, 10.0, kHigher, 1), Comparison::kNone);
}

model::PeriodResult period(const char* label, Date start, Date end, std::optional<double> value,
                           double numerator, double denominator) {
  model::PeriodResult p;
  p.label = label;
  p.start = start;
  p.end = end;
  p.observation.value = value;
  p.observation.numerator = numerator;
  p.observation.denominator = denominator;
  return p;
}

TEST(Rate, DirectionsAgainstThePreviousPeriodAndTheSamePeriodLastYear) {
  // Five quarters of a lower-is-better indicator; the last is compared with the one before
  // (12 -> 9: improving) and with the same quarter a year earlier (8 -> 9: declining).
  model::IndicatorResult ind;
  ind.polarity = kLower;
  ind.decimals = 0;
  ind.tolerance = Tolerance{1, false};
  ind.benchmarks = {{"england", 10}};
  auto q = [](int y, int m) { return Date::from_ymd(y, m, 1); };
  ind.periods = {period("2017-18 Q3", q(2017, 10), q(2018, 1).add_days(-1), 8, 8, 100),
                 period("2017-18 Q4", q(2018, 1), q(2018, 4).add_days(-1), 10, 10, 100),
                 period("2018-19 Q1", q(2018, 4), q(2018, 7).add_days(-1), 11, 11, 100),
                 period("2018-19 Q2", q(2018, 7), q(2018, 10).add_days(-1), 12, 12, 100),
                 period("2018-19 Q3", q(2018, 10), q(2019, 1).add_days(-1), 9, 9, 100)};
  for (auto& p : ind.periods) p.target = 10;
  rate(ind, {});
  const auto& last = ind.periods.back();
  EXPECT_EQ(last.rag, Rag::kGreen);
  EXPECT_EQ(last.vs_previous, Direction::kImproving);
  EXPECT_EQ(last.vs_last_year, Direction::kDeclining);
  ASSERT_EQ(last.benchmarks.size(), 1u);
  EXPECT_EQ(last.benchmarks[0].comparison, Comparison::kBetter);
  EXPECT_EQ(ind.periods[2].rag, Rag::kAmber);  // 11 within 1 of 10
  EXPECT_EQ(ind.periods[3].rag, Rag::kRed);    // 12
  EXPECT_EQ(ind.periods[0].vs_last_year, Direction::kNone);
}

TEST(Rate, SmallDenominatorsAreFlagged) {
  model::IndicatorResult ind;
  ind.periods = {period("a", Date{}, Date{}, 50, 2, 4), period("b", Date{}, Date{}, 50, 5, 10)};
  rate(ind, {5, false});
  EXPECT_TRUE(ind.periods[0].small_number);   // 4 < 5
  EXPECT_FALSE(ind.periods[1].small_number);  // 10
  EXPECT_FALSE(ind.periods[0].suppressed);
}

TEST(Suppress, ASmallNumeratorHidesItAndTheValueThatWouldGiveItBack) {
  model::PeriodResult p = period("a", Date{}, Date{}, 3.0, 3, 100);
  suppress(p, 5);
  EXPECT_TRUE(p.suppressed);
  EXPECT_FALSE(p.observation.numerator.has_value());
  EXPECT_FALSE(p.observation.value.has_value());
  EXPECT_EQ(p.observation.denominator, 100);
}

TEST(Suppress, ASmallComplementIsHiddenToo) {
  // 97 of 100: the 3 who were not counted could be worked out.
  model::PeriodResult p = period("a", Date{}, Date{}, 97.0, 97, 100);
  suppress(p, 5);
  EXPECT_FALSE(p.observation.numerator.has_value());
  EXPECT_FALSE(p.observation.value.has_value());
}

TEST(Suppress, ZeroAndLargeCountsStay) {
  model::PeriodResult p = period("a", Date{}, Date{}, 0.0, 0, 100);
  suppress(p, 5);
  EXPECT_FALSE(p.suppressed);
  EXPECT_EQ(p.observation.numerator, 0);
}

TEST(Suppress, OneSmallBreakdownCellTakesTheNextSmallestWithIt) {
  // Sex: Female 3, Male 40, total 43 shown. Female masked; Male alone would give 43 - 40 = 3
  // back, so Male is masked too. Age: 10 and 33: nothing masked.
  model::PeriodResult p = period("a", Date{}, Date{}, 43, 43, 43);
  p.observation.breakdowns = {{"sex", "Female", 3, std::nullopt, 3},
                              {"sex", "Male", 40, std::nullopt, 40},
                              {"age", "0-9", 10, std::nullopt, 10},
                              {"age", "10+", 33, std::nullopt, 33}};
  suppress(p, 5);
  EXPECT_TRUE(std::isnan(p.observation.breakdowns[0].numerator));
  EXPECT_TRUE(std::isnan(p.observation.breakdowns[1].numerator));
  EXPECT_EQ(p.observation.breakdowns[2].numerator, 10);
  EXPECT_EQ(p.suppressed_breakdowns, (std::vector<std::string>{"sex/Female", "sex/Male"}));
}

TEST(Summary, CountsTheReportingPeriodByRagPerSet) {
  std::vector<model::IndicatorResult> inds(4);
  inds[0].set = "board";
  inds[0].periods = {model::PeriodResult{}};
  inds[0].periods[0].rag = Rag::kGreen;
  inds[1].set = "board";
  inds[1].periods = {model::PeriodResult{}};
  inds[1].periods[0].rag = Rag::kRed;
  inds[2].status = model::Status::kNotComputed;
  inds[3].periods = {model::PeriodResult{}};
  const auto s = summarise(inds);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].green, 1);
  EXPECT_EQ(s[0].red, 1);
  EXPECT_EQ(s[0].not_computed, 1);
  EXPECT_EQ(s[0].not_rated, 1);
  EXPECT_EQ(s[1].set, "board");
  EXPECT_EQ(s[1].green + s[1].red, 2);
}

}  // namespace
}  // namespace scorecard::rating
