// One run from configuration to rated scorecard, on the demo authority's data.
#include "core/pipeline/pipeline.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace scorecard::pipeline {
namespace {
namespace fs = std::filesystem;

// Writes a scorecard.yaml over the demo data with the given indicator entries.
fs::path write_config(const std::string& name, const std::string& indicators,
                      const std::string& plugins = "") {
  const fs::path dir = fs::temp_directory_path() / ("scorecard-pipeline-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "scorecard.yaml")
      << "authority: { name: Test, population_0_17: 80846 }\n"
      << plugins << "data: { directory: " << DEMO_DIR << "/data }\n"
      << "indicators:\n"
      << indicators;
  return dir / "scorecard.yaml";
}

model::Scorecard run_config(const fs::path& file, bool isolate = false) {
  const config::Config cfg = config::load(file);
  const plugins::Registry registry = load_registry(cfg, false);
  EXPECT_TRUE(registry.problems().empty());
  RunOptions options;
  options.period = periods::parse("2018-19 Q3");
  options.isolate = isolate;
  options.limits = {2, 512};
  return run(cfg, registry, options);
}

const model::IndicatorResult& find(const model::Scorecard& s, const std::string& code) {
  for (const auto& i : s.indicators)
    if (i.code == code) return i;
  throw std::runtime_error("no " + code);
}

TEST(Pipeline, EveryPeriodOfTheHistoryIsComputedAndRated) {
  const auto s = run_config(write_config("history",
                                         "  - use: cla.stability.short_term\n"
                                         "    target: 10\n    tolerance: 1\n"));
  const auto& ni62 = find(s, "NI 62");
  ASSERT_EQ(ni62.status, model::Status::kOk) << ni62.message;
  ASSERT_EQ(ni62.periods.size(), 9u);  // 8 previous quarters + 2018-19 Q3
  EXPECT_EQ(ni62.periods.front().label, "2016-17 Q3");
  EXPECT_EQ(ni62.periods.back().label, "2018-19 Q3");
  EXPECT_NE(ni62.periods.back().rag, model::Rag::kNone);
  EXPECT_NE(ni62.periods.back().vs_last_year, model::Direction::kNone);
}

TEST(Pipeline, ExcludingAged18LeaversInYamlChangesVp7AsDefined) {
  // Excluding the children aged 18+ on the day they ceased removes exactly them from the
  // denominator (the plugin notes how many), and from the numerator those who left to
  // permanence; so the denominator falls by the noted number.
  const auto with = run_config(write_config(
      "vp7-excl", "  - use: cla.permanence\n    params: { exclude_aged_18_leavers: true }\n"));
  const auto without = run_config(write_config("vp7", "  - use: cla.permanence\n"));
  const auto& a = find(with, "VP7").periods.back().observation;
  const auto& b = find(without, "VP7").periods.back().observation;
  ASSERT_FALSE(a.notes.empty());
  const double excluded = std::stod(a.notes.front());
  EXPECT_GT(excluded, 0);
  EXPECT_EQ(*a.denominator, *b.denominator - excluded);
  EXPECT_LE(*a.numerator, *b.numerator);
  EXPECT_NE(*a.value, *b.value);
}

TEST(Pipeline, TheSameIndicatorTwiceWithItsOwnCodes) {
  const auto s = run_config(write_config("a1",
                                         "  - use: adoption.a1\n    code: A1 mean\n"
                                         "  - use: adoption.a1\n    code: A1 median\n"
                                         "    params: { aggregation: median }\n"));
  const auto& mean = find(s, "A1 mean").periods.back().observation;
  const auto& median = find(s, "A1 median").periods.back().observation;
  EXPECT_EQ(mean.denominator, median.denominator);  // the same adopted children
  EXPECT_NE(mean.value, median.value);
}

TEST(Pipeline, AWindowLengthSetInYamlIsTheWindowReported) {
  // A1 counts adoptions in the rolling window (as-at - window_months, as-at]: for 2018-19 Q3
  // (as at 31 Dec 2018) the declared 36 months start on 1 Jan 2016, 12 months on 1 Jan 2018.
  // EA11 (12 months by default) with 6 months: (30 Jun 2018, 31 Dec 2018], from 1 Jul 2018.
  const auto s = run_config(write_config("windows",
                                         "  - use: adoption.a1\n    code: A1 36\n"
                                         "  - use: adoption.a1\n    code: A1 12\n"
                                         "    params: { window_months: 12 }\n"
                                         "  - use: workforce.turnover\n    code: EA11 6\n"
                                         "    params: { window_months: 6 }\n"));
  const auto& a36 = find(s, "A1 36").periods.back();
  const auto& a12 = find(s, "A1 12").periods.back();
  const auto& ea11 = find(s, "EA11 6").periods.back();
  EXPECT_EQ(a36.from, Date::from_ymd(2016, 1, 1));
  EXPECT_EQ(a12.from, Date::from_ymd(2018, 1, 1));
  EXPECT_EQ(ea11.from, Date::from_ymd(2018, 7, 1));
  EXPECT_EQ(ea11.to, Date::from_ymd(2018, 12, 31));
  // The history's periods move with it: 2016-17 Q3 ends 31 Dec 2016, 12 months from 1 Jan 2016.
  EXPECT_EQ(find(s, "A1 12").periods.front().from, Date::from_ymd(2016, 1, 1));
  // Fewer adoptions in 12 months than in 36.
  ASSERT_TRUE(a12.observation.denominator && a36.observation.denominator);
  EXPECT_LT(*a12.observation.denominator, *a36.observation.denominator);
}

TEST(Pipeline, UnknownIdsAndParametersAreConfigurationErrors) {
  EXPECT_THROW(run_config(write_config("unknown", "  - use: cla.no_such_thing\n")),
               config::ConfigError);
  EXPECT_THROW(run_config(write_config("param",
                                       "  - use: cla.permanence\n"
                                       "    params: { no_such_param: 1 }\n")),
               config::ConfigError);
}

TEST(Pipeline, IsolatedPluginsThatCrashOrHangCostOnlyThemselves) {
  const std::string plugins =
      std::string("plugins: { directories: [") + FAULTY_PLUGIN_DIR + "] }\n";
  const auto s = run_config(write_config("isolated",
                                         "  - use: faulty.segfault\n  - use: faulty.abort\n"
                                         "  - use: faulty.hang\n  - use: faulty.fine\n"
                                         "  - use: cla.count\n",
                                         plugins),
                            /*isolate=*/true);
  EXPECT_EQ(find(s, "faulty.segfault").status, model::Status::kError);
  EXPECT_NE(find(s, "faulty.segfault").message.find("SIGSEGV"), std::string::npos);
  EXPECT_NE(find(s, "faulty.abort").message.find("SIGABRT"), std::string::npos);
  EXPECT_NE(find(s, "faulty.hang").message.find("timed out"), std::string::npos);
  EXPECT_EQ(find(s, "faulty.fine").status, model::Status::kOk);
  const auto& cla = find(s, "CLA");
  ASSERT_EQ(cla.status, model::Status::kOk) << cla.message;
  EXPECT_GT(*cla.periods.back().observation.value, 0);
  EXPECT_EQ(s.summary.front().not_computed, 3);
}

}  // namespace
}  // namespace scorecard::pipeline
