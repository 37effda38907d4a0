// YAML measures through the whole run: examples/local-measures on the demo authority, the
// equalities the issue asks for (a measure written as CLA and NI 62 in YAML equals the standard
// indicator for every period; VP7 with staying put equals the compiled local plugin), and the
// configuration errors of a bad measure, each at its file, line and column.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/pipeline/pipeline.hpp"

namespace scorecard::pipeline {
namespace {
namespace fs = std::filesystem;

const fs::path kExample = fs::path(EXAMPLE_DIR) / "scorecard.yaml";

model::Scorecard run_example(bool with_local_plugin) {
  config::Config cfg = config::load(kExample);
  if (with_local_plugin) {
    cfg.plugin_directories.push_back(LOCAL_PLUGIN_DIR);
    config::IndicatorUse lp;
    lp.id = "local.permanence_staying_put";
    lp.code = "VP7-LP";
    cfg.indicators.push_back(lp);
  }
  const plugins::Registry registry = load_registry(cfg, false);
  EXPECT_TRUE(registry.problems().empty());
  RunOptions options;
  options.period = periods::parse("2018-19 Q3");
  return run(cfg, registry, options);
}

const model::IndicatorResult& find(const model::Scorecard& s, const std::string& code) {
  for (const auto& i : s.indicators)
    if (i.code == code) return i;
  throw std::runtime_error("no " + code);
}

// Every period's value of `a` equals `b`'s (and the counts behind them).
void expect_equal_every_period(const model::Scorecard& s, const std::string& a,
                               const std::string& b) {
  const auto& x = find(s, a);
  const auto& y = find(s, b);
  ASSERT_EQ(x.status, model::Status::kOk) << x.message;
  ASSERT_EQ(y.status, model::Status::kOk) << y.message;
  ASSERT_EQ(x.periods.size(), 9u);
  ASSERT_EQ(x.periods.size(), y.periods.size());
  for (size_t i = 0; i < x.periods.size(); ++i) {
    SCOPED_TRACE(a + " vs " + b + " in " + x.periods[i].label);
    EXPECT_EQ(x.periods[i].label, y.periods[i].label);
    ASSERT_TRUE(x.periods[i].observation.value.has_value());
    EXPECT_EQ(x.periods[i].observation.value, y.periods[i].observation.value);
    EXPECT_EQ(x.periods[i].observation.numerator, y.periods[i].observation.numerator);
    EXPECT_EQ(x.periods[i].observation.denominator, y.periods[i].observation.denominator);
  }
}

const std::vector<std::string> kLocalCodes = {"LM1", "LM2", "LM3", "LM4",   "LM5",    "VP7-SP",
                                              "LM6", "LM7", "LM8", "CLA-Y", "NI 62-Y"};

TEST(LocalMeasures, EveryMeasureOfTheExampleIsComputedWithItsMetadata) {
  const auto s = run_example(false);
  for (const auto& code : kLocalCodes) {
    const auto& m = find(s, code);
    EXPECT_EQ(m.status, model::Status::kOk) << code << ": " << m.message;
    EXPECT_EQ(m.periods.size(), 9u) << code;
    EXPECT_TRUE(m.periods.back().observation.value.has_value()) << code;
  }
  const auto& lm2 = find(s, "LM2");
  EXPECT_EQ(lm2.id, "measures.percent.at_end");
  EXPECT_EQ(std::get<std::string>(lm2.params.at("measure")), "local.connected_carers");
  EXPECT_EQ(lm2.name, "Children placed with connected carers");
  EXPECT_EQ(lm2.unit, Unit::kPercent);
  EXPECT_EQ(lm2.polarity, Polarity::kHigherIsBetter);
  EXPECT_EQ(lm2.periods.back().target, 15);
  EXPECT_NE(lm2.periods.back().rag, model::Rag::kNone);  // rated like any indicator
  EXPECT_FALSE(lm2.periods.back().observation.breakdowns.empty());
  // The window follows the cohort: six months of starts (rolling), turnover's 12 months.
  EXPECT_EQ(find(s, "LM3").id, "measures.count.rolling");
  EXPECT_EQ(find(s, "LM3").periods.back().from, Date::from_ymd(2018, 7, 1));
  EXPECT_EQ(find(s, "LM6").periods.back().from, Date::from_ymd(2018, 1, 1));
  EXPECT_EQ(find(s, "LM4").id, "measures.ratio.in_period");
  EXPECT_EQ(find(s, "LM7").unit, Unit::kDays);
  EXPECT_EQ(find(s, "LM8").unit, Unit::kRatePer10000);
}

TEST(LocalMeasures, CountAndNi62InYamlEqualTheStandardIndicatorsEveryPeriod) {
  const auto s = run_example(false);
  expect_equal_every_period(s, "CLA-Y", "CLA");
  expect_equal_every_period(s, "NI 62-Y", "NI 62");
}

TEST(LocalMeasures, PermanenceWithStayingPutEqualsTheCompiledLocalPlugin) {
  const auto s = run_example(true);
  expect_equal_every_period(s, "VP7-SP", "VP7-LP");
  // And it differs from VP7, which does not count E17 as permanence.
  EXPECT_NE(find(s, "VP7-SP").periods.back().observation.numerator,
            find(s, "VP7").periods.back().observation.numerator);
}

TEST(LocalMeasures, ExplainListsTheRecordsOfEachMeasure) {
  config::Config cfg = config::load(kExample);
  const plugins::Registry registry = load_registry(cfg, false);
  for (const auto& code : {"LM1", "LM5", "LM6"}) {
    RunOptions options;
    options.period = periods::parse("2018-19 Q3");
    options.want_records = true;
    options.only = code;
    const auto s = run(cfg, registry, options);
    ASSERT_EQ(s.indicators.size(), 1u);
    const auto& o = s.indicators.front().periods.back().observation;
    // One record per counted member (LM6 is weighted by FTE, so only the list is compared).
    EXPECT_FALSE(o.denominator_records.empty()) << code;
    if (std::string(code) != "LM6") {
      EXPECT_EQ(o.denominator_records.size(), static_cast<size_t>(*o.denominator)) << code;
    }
    EXPECT_EQ(o.numerator_records.empty(), *o.numerator == 0) << code;
  }
}

// ---- configuration errors ----

fs::path write_config(const std::string& name, const std::string& indicators) {
  const fs::path dir = fs::temp_directory_path() / ("scorecard-measures-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "scorecard.yaml") << "authority: { name: Test, population_0_17: 80846 }\n"
                                        << "data: { directory: " << DEMO_DIR << "/data }\n"
                                        << "indicators:\n"
                                        << indicators;
  return dir / "scorecard.yaml";
}

// The message of the configuration error `indicators` makes (load, then prepare).
std::string refusal(const std::string& name, const std::string& indicators) {
  try {
    const config::Config cfg = config::load(write_config(name, indicators));
    prepare(cfg, load_registry(cfg, false));
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(accepted)";
}

// The entries start on line 4 of the written file (authority, data, indicators).
TEST(LocalMeasureErrors, AnUnknownColumnIsAConfigurationErrorAtItsPlace) {
  const std::string m = refusal("column",
                                "  - measure: local.x\n"
                                "    cohort: { looked_after: end }\n"
                                "    where:\n"
                                "      - { column: PLCE, in: [P1] }\n"
                                "    figure: count\n");
  EXPECT_NE(m.find("indicator 'local.x' (measures.count.at_end): "), std::string::npos) << m;
  EXPECT_NE(m.find("scorecard.yaml:7:19: unknown column 'PLCE' in dataset 'episodes'"),
            std::string::npos)
      << m;
}

TEST(LocalMeasureErrors, TheConfigurationChecksTheEntryAndItsParameters) {
  EXPECT_NE(refusal("figure",
                    "  - measure: local.x\n    cohort: { looked_after: end }\n"
                    "    figure: total\n")
                .find("scorecard.yaml:6:13: 'figure' in measure 'local.x': expected one of: "
                      "count, percent, rate_per_10000, ratio, mean, median"),
            std::string::npos);
  EXPECT_NE(refusal("unit",
                    "  - measure: local.x\n    cohort: { looked_after: end }\n"
                    "    figure: count\n    unit: percent\n")
                .find("scorecard.yaml:7:11: 'unit' of measure 'local.x': a count is in count, "
                      "not percent"),
            std::string::npos);
  EXPECT_NE(refusal("twice",
                    "  - measure: local.x\n    cohort: { looked_after: end }\n"
                    "    figure: count\n"
                    "  - measure: local.x\n    code: X2\n"
                    "    cohort: { looked_after: end }\n    figure: count\n")
                .find("scorecard.yaml:7:14: measure 'local.x' is already defined at "),
            std::string::npos);
  EXPECT_NE(refusal("param",
                    "  - measure: local.x\n    parameters: { codes: [P1] }\n"
                    "    params: { code: [P2] }\n"
                    "    cohort: { looked_after: end }\n    figure: count\n")
                .find("scorecard.yaml:6:15: unknown parameter 'code' for measure 'local.x' "
                      "(expected one of: codes); did you mean 'codes'?"),
            std::string::npos);
  EXPECT_NE(refusal("param-type",
                    "  - measure: local.x\n    parameters: { months: 6 }\n"
                    "    params: { months: six }\n"
                    "    cohort: { looked_after: end }\n    figure: count\n")
                .find("scorecard.yaml:6:23: parameter 'months': expected an integer"),
            std::string::npos);
  EXPECT_NE(refusal("cohort-on-use", "  - use: cla.count\n    cohort: { looked_after: end }\n")
                .find("scorecard.yaml:5:5: unknown key 'cohort'"),
            std::string::npos);
}

TEST(LocalMeasureErrors, AMeasureUsedAgainWithOtherValues) {
  // A second use of one definition with its own code and a parameter value: LM1 with both
  // care orders counts at least the children LM1 counts.
  const fs::path file = write_config(
      "again",
      "  - measure: local.po\n    code: PO\n    parameters: { orders: [C2] }\n"
      "    cohort: { looked_after: end }\n    where:\n      - { column: LS, in: orders }\n"
      "    figure: count\n"
      "  - use: local.po\n    code: PO-ALL\n    params: { orders: [C1, C2] }\n");
  const config::Config cfg = config::load(file);
  RunOptions options;
  options.period = periods::parse("2018-19 Q3");
  const auto s = run(cfg, load_registry(cfg, false), options);
  const auto& po = find(s, "PO").periods.back().observation;
  const auto& all = find(s, "PO-ALL").periods.back().observation;
  ASSERT_EQ(find(s, "PO-ALL").status, model::Status::kOk) << find(s, "PO-ALL").message;
  EXPECT_GT(*all.value, *po.value);
}

TEST(LocalMeasureErrors, MissingDataMakesAMeasureNotComputedAsForAPlugin) {
  // The demo data has no missing.csv: the measure that reads it is not computed, the rest run.
  const fs::path file = write_config(
      "missing",
      "  - measure: local.missing\n    cohort: { records: missing }\n    figure: count\n"
      "  - measure: local.count\n    cohort: { looked_after: end }\n    figure: count\n");
  const config::Config cfg = config::load(file);
  RunOptions options;
  options.period = periods::parse("2018-19 Q3");
  const auto s = run(cfg, load_registry(cfg, false), options);
  EXPECT_EQ(find(s, "local.missing").status, model::Status::kNotComputed);
  EXPECT_NE(find(s, "local.missing").message.find("needs dataset 'missing'"), std::string::npos)
      << find(s, "local.missing").message;
  EXPECT_EQ(find(s, "local.count").status, model::Status::kOk);
}

// ---- the command of the done-criterion ----

TEST(LocalMeasuresCli, TheExampleRunsWithEveryMeasureComputedAndTrendsInTheHtml) {
  const fs::path out = fs::temp_directory_path() / "scorecard-measures-cli";
  fs::remove_all(out);
  const std::string command = std::string(SCORECARD_EXE) + " run --config " + kExample.string() +
                              " --period \"2018-19 Q3\" --out " + out.string() +
                              " --no-progress > " + (out.string() + ".log") + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream html_file(out / "scorecard.html");
  std::stringstream html;
  html << html_file.rdbuf();
  const std::string text = html.str();
  for (const auto& code : kLocalCodes) {
    // The row of the measure holds its trend line.
    const size_t row = text.find(">" + code + "<");
    ASSERT_NE(row, std::string::npos) << code;
    const size_t end = text.find("</tr>", row);
    const std::string cells = text.substr(row, end - row);
    EXPECT_NE(cells.find("<svg class=\"trend\""), std::string::npos) << code;
  }
  EXPECT_EQ(text.find("not computed"), std::string::npos);
}

}  // namespace
}  // namespace scorecard::pipeline
