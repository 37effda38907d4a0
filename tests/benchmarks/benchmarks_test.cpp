// Published benchmarks read from the real DfE files (2025 releases), worked by hand from their
// rows; the Wilson and Byar intervals against hand-worked values.
#include "core/benchmarks/benchmarks.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/rating/rating.hpp"

namespace scorecard::benchmarks {
namespace {
namespace fs = std::filesystem;

const Entry& entry(const Published& p, const std::string& id, const std::string& code) {
  for (const auto& e : p.mapping().entries)
    if (e.id == id && e.code == code) return e;
  throw std::runtime_error("no entry " + id);
}

// Wilson, 9 of 60: p = 0.15, z = 1.959964, z^2/n = 0.0640243; centre = (0.15 + 0.0320122) /
// 1.0640243 = 0.171058; half = z * sqrt(0.15 * 0.85 / 60 + z^2 / 14400) / 1.0640243 =
// 1.959964 * sqrt(0.002125 + 0.000266768) / 1.0640243 = 0.0900856: 8.097% to 26.115%.
TEST(Wilson, NineOfSixtyByHand) {
  const auto i = rating::wilson(9, 60);
  ASSERT_TRUE(i);
  EXPECT_NEAR(i->low, 8.0974, 1e-3);
  EXPECT_NEAR(i->high, 26.1146, 1e-3);
  EXPECT_EQ(i->method, "wilson");
  // 0 of 20: p = 0, the lower end is 0 and the upper z^2/(n + z^2) = 3.8415 / 23.8415 = 16.11%.
  const auto zero = rating::wilson(0, 20);
  ASSERT_TRUE(zero);
  EXPECT_NEAR(zero->low, 0, 1e-9);
  EXPECT_NEAR(zero->high, 16.112, 1e-2);
  EXPECT_FALSE(rating::wilson(3, 0));
  EXPECT_FALSE(rating::wilson(7, 5));
}

// Wilson, 7 of 60 (the reports sample's NI 62): p = 7/60 = 0.116667, z = 1.959964, z^2 =
// 3.841459, z^2/n = 0.0640243, z^2/2n = 0.0320122; centre = (0.116667 + 0.0320122) / 1.0640243
// = 0.148679 / 1.0640243 = 0.139733; half = z / 1.0640243 * sqrt(p(1 - p)/n + z^2/4n^2) =
// 1.842029 * sqrt(0.116667 * 0.883333 / 60 + 3.841459 / 14400) = 1.842029 * sqrt(0.00171759 +
// 0.00026677) = 1.842029 * 0.0445462 = 0.0820556: 5.768% to 22.179%.
TEST(Wilson, SevenOfSixtyByHand) {
  const auto i = rating::wilson(7, 60);
  ASSERT_TRUE(i);
  EXPECT_NEAR(i->low, 5.768, 1e-3);
  EXPECT_NEAR(i->high, 22.179, 1e-3);
}

// Byar, 366 of 51,799 (Barnsley's CLA rate 2025): lower = 366 (1 - 1/3294 - z/(3 sqrt 366))^3
// = 329.46 -> 63.60 per 10,000; upper = 367 (1 - 1/3303 + z/(3 sqrt 367))^3 = 405.49 -> 78.28.
TEST(Byar, RatePerTenThousandByHand) {
  const auto i = rating::byar_per_10000(366, 51799);
  ASSERT_TRUE(i);
  EXPECT_NEAR(i->low, 63.603, 1e-2);
  EXPECT_NEAR(i->high, 78.281, 1e-2);
}

TEST(Significance, IntervalAgainstTheBenchmark) {
  const model::Interval i{10.5, 17.6, "wilson"};
  using model::Significance;
  EXPECT_EQ(rating::significance(i, 14, 10, Polarity::kLowerIsBetter), Significance::kWorse);
  EXPECT_EQ(rating::significance(i, 14, 11, Polarity::kLowerIsBetter), Significance::kSimilar);
  EXPECT_EQ(rating::significance(i, 14, 20, Polarity::kLowerIsBetter), Significance::kBetter);
  EXPECT_EQ(rating::significance(i, 14, 10, Polarity::kHigherIsBetter), Significance::kBetter);
  EXPECT_EQ(rating::significance(i, 14, 10, Polarity::kNeutral), Significance::kHigher);
  EXPECT_EQ(rating::significance(std::nullopt, 14, 10, Polarity::kNeutral), Significance::kNone);
}

// The rating notes "within chance" when the target lies inside the interval, and a published
// England figure replaces a configured one.
TEST(Rating, WithinChanceAndPublishedEngland) {
  model::IndicatorResult r;
  r.unit = Unit::kPercent;
  r.polarity = Polarity::kLowerIsBetter;
  r.decimals = 1;
  r.benchmarks = {{"england", 9}, {"local_target", 12}};
  model::PeriodResult p;
  p.observation.numerator = 9;
  p.observation.denominator = 60;
  p.observation.value = 15;
  p.target = 10;  // inside 8.1% to 26.1%
  model::PublishedBenchmarks pb;
  pb.available = true;
  pb.year_label = "2024-25 (year ending 31 March 2025)";
  pb.england = 10;
  p.published = pb;
  r.periods = {p};
  rating::rate(r, {});
  const auto& out = r.periods[0];
  EXPECT_EQ(out.rag, model::Rag::kRed);
  EXPECT_TRUE(out.target_within_interval);
  ASSERT_EQ(out.benchmarks.size(), 2u);
  EXPECT_EQ(out.benchmarks[0].name, "england");
  EXPECT_EQ(out.benchmarks[0].value, 10);
  EXPECT_EQ(out.benchmarks[0].source, "DfE 2024-25 (year ending 31 March 2025)");
  EXPECT_EQ(out.benchmarks[0].comparison, model::Comparison::kWorse);
  EXPECT_EQ(out.benchmarks[0].significance, model::Significance::kSimilar);
  EXPECT_EQ(out.benchmarks[1].name, "local_target");
  EXPECT_EQ(out.benchmarks[1].source, "configuration");
}

class RealFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(DFE_DIR)) GTEST_SKIP() << DFE_DIR << " is missing";
    published = std::make_unique<Published>(DFE_DIR, load_mapping(MAPPING));
  }
  std::unique_ptr<Published> published;
};

// Barnsley, la_cla_placement_stability.csv, 2025, "CLA on 31 March" / "With 3 or more
// placements during the year" (children_percent): England (National row) 10; Yorkshire and
// The Humber (E12000003) 11; Barnsley 14 (50 of the 366 "Total children"). Its ten neighbours
// (sn_model_2025_wide.csv, row 370): Rotherham 372 13, Wakefield 384 10, Tameside 357 6,
// Doncaster 371 11, Dudley 332 7, Telford and Wrekin 894 13, County Durham 840 9, Gateshead
// 390 7, Redcar and Cleveland 807 9, Sunderland 394 9: sum 94, mean 9.4; sorted 6 7 7 9 9 9
// 10 11 13 13, median (9 + 9) / 2 = 9. 151 LAs have a number; 132 of them are below 14, so
// Barnsley ranks 133 (lower is better) and ceil(4 * 133 / 151) = 4: quartile D.
TEST_F(RealFiles, BarnsleyNi62For2025ByHand) {
  const AuthorityId a = published->resolve("370");
  EXPECT_EQ(a.code, "E08000016");
  EXPECT_EQ(a.name, "Barnsley");
  EXPECT_EQ(a.region_code, "E12000003");
  EXPECT_EQ(published->resolve("E08000016").dfe_number, "370");
  const Entry& e = entry(*published, "cla.stability.short_term", "NI 62");
  const auto p = published->lookup(e, a, 2025, false, Polarity::kLowerIsBetter);
  ASSERT_TRUE(p.available);
  EXPECT_EQ(p.year_label, "2024-25 (year ending 31 March 2025)");
  EXPECT_EQ(p.england, 10);
  EXPECT_EQ(p.region, 11);
  EXPECT_EQ(p.region_name, "Yorkshire and The Humber");
  EXPECT_EQ(p.own, 14);
  EXPECT_EQ(p.own_numerator, 50);
  EXPECT_EQ(p.own_denominator, 366);
  ASSERT_EQ(p.neighbour_list.size(), 10u);
  const std::vector<std::pair<std::string, double>> expected = {
      {"372", 13}, {"384", 10}, {"357", 6}, {"371", 11}, {"332", 7},
      {"894", 13}, {"840", 9},  {"390", 7}, {"807", 9},  {"394", 9}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(p.neighbour_list[i].dfe_number, expected[i].first);
    EXPECT_EQ(p.neighbour_list[i].value, expected[i].second) << expected[i].first;
  }
  EXPECT_EQ(p.neighbour_list[0].name, "Rotherham");
  EXPECT_EQ(p.neighbour_list[0].code, "E08000018");
  EXPECT_EQ(p.neighbours_missing, 0);
  EXPECT_NEAR(*p.neighbours, 9.4, 1e-9);
  EXPECT_EQ(p.rank, 133);
  EXPECT_EQ(p.ranked, 151);
  EXPECT_EQ(p.quartile, "D");
  const auto median = published->lookup(e, a, 2025, true, Polarity::kLowerIsBetter);
  EXPECT_EQ(median.neighbours, 9);
  EXPECT_EQ(median.neighbours_method, "median");
}

// Westminster (213) carries Inner London (E13000001) as its region; its region is London,
// E12000007, whose 2025 NI 62 row says 10.
TEST_F(RealFiles, LondonBoroughGetsLondon) {
  const AuthorityId a = published->resolve("E09000033");
  EXPECT_EQ(a.dfe_number, "213");
  EXPECT_EQ(a.region_code, "E12000007");
  EXPECT_EQ(a.region_name, "London");
  const auto p = published->lookup(entry(*published, "cla.stability.short_term", "NI 62"), a, 2025,
                                   false, Polarity::kLowerIsBetter);
  EXPECT_EQ(p.region_code, "E12000007");
  EXPECT_EQ(p.region, 10);
  EXPECT_EQ(p.own, 10);
}

// Camden (202), NI 62 for 2023 (the 2025 model's neighbours): 206 10, 213 10, 205 6, 210 13,
// 208 14, 207 (Kensington and Chelsea) c (suppressed), 209 9, 309 10, 204 15, 302 11. 207 is
// left out and counted: nine values, sum 98, mean 10.888...
TEST_F(RealFiles, SuppressedNeighbourIsLeftOutAndCounted) {
  const AuthorityId a = published->resolve("202");
  const auto p = published->lookup(entry(*published, "cla.stability.short_term", "NI 62"), a, 2023,
                                   false, Polarity::kLowerIsBetter);
  ASSERT_EQ(p.neighbour_list.size(), 10u);
  EXPECT_EQ(p.neighbours_missing, 1);
  EXPECT_EQ(p.neighbour_list[5].dfe_number, "207");
  EXPECT_FALSE(p.neighbour_list[5].value);
  EXPECT_EQ(p.neighbour_list[5].marker, "c");
  EXPECT_NEAR(*p.neighbours, 98.0 / 9, 1e-9);
}

// A 2024-release-style file (number / percentage for children_count / children_percent), made
// here from the 2025 file, reads through the same mapping to the same figures.
TEST_F(RealFiles, ReleaseBeforeColumnNamesReadThroughTheMapping) {
  const fs::path dir = fs::temp_directory_path() / ("bm_2024_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* f : {"cla_number_and_rate_per_10k_children.csv", "sn_model_2025_wide.csv"})
    fs::copy_file(fs::path(DFE_DIR) / f, dir / f, fs::copy_options::overwrite_existing);
  std::ifstream in(fs::path(DFE_DIR) / "la_cla_placement_stability.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const size_t eol = s.find('\n');
  std::string header = s.substr(0, eol);
  for (auto [from, to] : {std::pair<std::string, std::string>{"children_count", "number"},
                          {"children_percent", "percentage"}})
    header.replace(header.find(from), from.size(), to);
  ASSERT_EQ(header.find("children_"), std::string::npos);
  std::ofstream(dir / "la_cla_placement_stability.csv", std::ios::binary)
      << header << s.substr(eol);
  Published old(dir, load_mapping(MAPPING));
  const auto p = old.lookup(entry(old, "cla.stability.short_term", "NI 62"), old.resolve("370"),
                            2025, false, Polarity::kLowerIsBetter);
  EXPECT_EQ(p.own, 14);
  EXPECT_EQ(p.own_denominator, 366);
  EXPECT_EQ(p.england, 10);
  EXPECT_NEAR(*p.neighbours, 9.4, 1e-9);
  fs::remove_all(dir);
}

// A use whose params differ from the published definition gets no entry and a reason.
TEST_F(RealFiles, DifferentParamsGetANote) {
  std::string why;
  EXPECT_TRUE(published->match("care_leavers.eet",
                               {{"min_age", "17"},
                                {"max_age", "18"},
                                {"eet_codes", "[F1, P1, F2, P2, F3, P3, F4, P4, F5, P5]"}},
                               &why));
  EXPECT_FALSE(published->match("care_leavers.eet",
                                {{"min_age", "18"},
                                 {"max_age", "21"},
                                 {"eet_codes", "[F1, P1, F2, P2, F3, P3, F4, P4, F5, P5]"}},
                                &why));
  EXPECT_NE(why.find("min_age is 18 where the DfE's definition has 19"), std::string::npos) << why;
  EXPECT_FALSE(published->match("workforce.turnover",
                                {{"window_months", "12"},
                                 {"denominator", "at_end"},
                                 {"qualified_only", "true"},
                                 {"teams", "[]"},
                                 {"roles", "[]"},
                                 {"leaving_reasons", "[RESIGNED, RETIRED]"}},
                                &why));
  EXPECT_NE(why.find("leaving_reasons"), std::string::npos) << why;
  EXPECT_FALSE(published->match("adoption.a1", {}, &why));
  EXPECT_EQ(why, "");
}

// Years: a quarter takes the latest year ending not after it; `latest` the file's latest.
TEST(Years, MatchingPublishedYear) {
  const std::vector<int> years = {2021, 2022, 2023, 2024, 2025};
  EXPECT_EQ(year_for(years, YearEnd::kMarch, Date::from_ymd(2025, 3, 31), false), 2025);
  EXPECT_EQ(year_for(years, YearEnd::kMarch, Date::from_ymd(2024, 12, 31), false), 2024);
  EXPECT_EQ(year_for(years, YearEnd::kSeptember, Date::from_ymd(2024, 12, 31), false), 2024);
  EXPECT_EQ(year_for(years, YearEnd::kSeptember, Date::from_ymd(2024, 9, 29), false), 2023);
  EXPECT_FALSE(year_for(years, YearEnd::kMarch, Date::from_ymd(2018, 12, 31), false));
  EXPECT_EQ(year_for(years, YearEnd::kMarch, Date::from_ymd(2018, 12, 31), true), 2025);
}

}  // namespace
}  // namespace scorecard::benchmarks

// `scorecard benchmarks` without --published reads the files a configuration's
// `published: dfe` names: the source tree's here (this test's executable has no installed
// share/scorecard beside it), $SCORECARD_BENCHMARKS_DIR/dfe when that is set, and the folder
// the older SCORECARD_DFE_DIR names before either.
TEST(DefaultDirectory, TheOneAConfigurationsPublishedDfeNames) {
  namespace fs = std::filesystem;
  ::unsetenv("SCORECARD_DFE_DIR");
  ::unsetenv("SCORECARD_BENCHMARKS_DIR");
  EXPECT_EQ(fs::weakly_canonical(scorecard::benchmarks::default_directory()),
            fs::weakly_canonical(DFE_DIR));
  ::setenv("SCORECARD_BENCHMARKS_DIR", "/srv/scorecard/benchmarks", 1);
  EXPECT_EQ(scorecard::benchmarks::default_directory(), fs::path("/srv/scorecard/benchmarks/dfe"));
  ::setenv("SCORECARD_DFE_DIR", "/srv/dfe-2026", 1);
  EXPECT_EQ(scorecard::benchmarks::default_directory(), fs::path("/srv/dfe-2026"));
  ::unsetenv("SCORECARD_DFE_DIR");
  ::unsetenv("SCORECARD_BENCHMARKS_DIR");
}
