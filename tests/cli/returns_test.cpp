// The statutory returns end to end (docs/datasets.md, "Statutory returns"): the demo authority
// written as yearly XML returns (`demo-data --format xml`) gives the same scorecard as the same
// records written as CSV files.
#include <gtest/gtest.h>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

// scorecard.json without what describes the run rather than the figures: `run_at` (the clock)
// and `config` (the configuration file's path and the hash of its text, which names the data
// folder). Everything else is kept: the period, data_to, summary, every indicator with all
// its periods and breakdowns, and data_quality.
std::string figures(const fs::path& file) {
  json j = read_json(file);
  EXPECT_EQ(j.erase("run_at"), 1u);
  EXPECT_EQ(j.erase("config"), 1u);
  return j.dump(1);
}

TEST(CliReturns, TheDemoAsYearlyXmlReturnsGivesTheSameScorecardAsItsCsvFiles) {
  TempDir tmp;
  const std::vector<std::string> demo = {"demo-data", "--children", "2000", "--seed", "1"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = demo;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const Result csv = scorecard(with({"--out", "csv"}), tmp.path());
  ASSERT_EQ(csv.exit_code, kOk) << describe(csv);
  const Result xml = scorecard(with({"--out", "xml", "--format", "xml"}), tmp.path());
  ASSERT_EQ(xml.exit_code, kOk) << describe(xml);
  EXPECT_TRUE(contains(xml.out, "XML returns")) << xml.out;
  // The SSDA903 and CIN tables are only in the returns; the other datasets stay CSV.
  for (const char* gone : {"header.csv", "episodes.csv", "uasc.csv", "oc2.csv", "oc3.csv",
                           "ad1.csv", "placed_for_adoption.csv", "referrals.csv", "cp_plans.csv"})
    EXPECT_FALSE(fs::exists(tmp / "xml" / gone)) << gone;
  for (const char* kept : {"SSDA903_2018-19.xml", "SSDA903_2012-13.xml", "CIN_Census_2018-19.xml",
                           "visits.csv", "workforce.csv", "postcode_centroids.csv"})
    EXPECT_TRUE(fs::exists(tmp / "xml" / kept)) << kept;
  EXPECT_FALSE(fs::exists(tmp / "xml" / "SSDA903_2018-19.xml.tmp"));

  write_demo_config(tmp / "csv.yaml", tmp / "csv");
  write_demo_config(tmp / "xml.yaml", tmp / "xml");
  const Result from_csv =
      scorecard({"run", "--config", "csv.yaml", "--period", "2018-19 Q4", "--out", "out_csv"},
                tmp.path(), 120);
  ASSERT_EQ(from_csv.exit_code, kOk) << describe(from_csv);
  const Result from_xml =
      scorecard({"run", "--config", "xml.yaml", "--period", "2018-19 Q4", "--out", "out_xml"},
                tmp.path(), 120);
  ASSERT_EQ(from_xml.exit_code, kOk) << describe(from_xml);
  // The returns overlap: an episode or referral open at a year's end is in the next year's
  // return too, with its end known by then, and the later version wins (DATA.md rule 17).
  EXPECT_TRUE(contains(from_xml.err, "replaced by a later census's version")) << from_xml.err;
  EXPECT_TRUE(
      contains(from_xml.err, "(same CHILD and DECOM, other values differ; the later row is kept)"))
      << from_xml.err;
  const std::string a = figures(tmp / "out_csv/scorecard.json");
  const std::string b = figures(tmp / "out_xml/scorecard.json");
  EXPECT_GT(a.size(), 10000u);  // 30 indicators of 9 periods each
  EXPECT_TRUE(a == b) << "the scorecards differ; compare " << tmp / "out_csv/scorecard.json"
                      << " with " << tmp / "out_xml/scorecard.json"
                      << " (set SCORECARD_KEEP_TEMP to keep them)";
}

}  // namespace
}  // namespace scorecard::cli_test
