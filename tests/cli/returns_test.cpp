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

// ---- the CIN census alone -----------------------------------------------------------------

std::string plan(const std::string& start, const std::string& end) {
  return "<ChildProtectionPlans><CPPstartDate>" + start + "</CPPstartDate>" +
         (end.empty() ? "" : "<CPPendDate>" + end + "</CPPendDate>") +
         "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse></ChildProtectionPlans>";
}

std::string referral(const std::string& on, const std::string& closed, bool nfa,
                     const std::string& plans = "") {
  return "<CINdetails><CINreferralDate>" + on + "</CINreferralDate><ReferralSource>1A" +
         "</ReferralSource>" +
         (closed.empty() ? "" : "<CINclosureDate>" + closed + "</CINclosureDate>") +
         "<ReferralNFA>" + (nfa ? "true" : "false") + "</ReferralNFA>" + plans + "</CINdetails>";
}

std::string child(const std::string& id, const std::string& details) {
  return "<Child><ChildIdentifiers><LAchildID>" + id + "</LAchildID></ChildIdentifiers>" + details +
         "</Child>\n";
}

std::string census(const std::string& reference_date, const std::string& children) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Message><Header><CollectionDetails>"
         "<Collection>CIN</Collection><ReferenceDate>" +
         reference_date + "</ReferenceDate></CollectionDetails></Header>\n<Children>\n" + children +
         "</Children></Message>\n";
}

// A folder holding only three CIN censuses (no CSV at all), named so that the order of their
// names is not the order of their years (the year comes from the ReferenceDate). Each census
// holds the referrals and plans open at some time in its year, closure and end dates blank
// while still open at its census date, so a referral or plan open at a 31 March is in two
// censuses and must count once.
//
//   child  referral (census years)                plans under it (census years)
//   K1     2017-06-01 closed 2017-09-01 (17-18)   2017-07-01 to 2017-08-30 (17-18)
//          2018-05-15 closed 2019-07-01 (18-19, 19-20)
//                                                 2018-06-01 to 2018-12-01 (18-19)
//   K2     2018-04-10 closed 2018-11-30 (18-19)   2018-05-01 to 2018-10-31 (18-19)
//          2019-01-20 closed 2019-05-10 (18-19, 19-20)
//                                                 2019-02-01 to 2019-06-01 (18-19, 19-20)
//   K3     2017-04-01 NFA, closed 2017-04-20 (17-18)
//          2018-04-02 closed 2018-06-30 (18-19)
//   K4     2017-10-01 closed 2018-12-01 (17-18, 18-19)
//                                                 2017-11-01 to 2018-02-01 (17-18)
//                                                 2018-11-01 to 2019-03-01 (18-19)
//   K5     2019-04-05 open (19-20)                2019-04-20 open (19-20)
//
// cin.rereferrals, 2018-19 (DATA.md indicator 15: referrals in the period for which the same
// child had an earlier referral within the 12 months before): the referrals dated 1 April 2018
// to 31 March 2019 are K1 2018-05-15, K2 2018-04-10, K2 2019-01-20 and K3 2018-04-02: 4 (6 if
// the two in two censuses counted twice). Re-referrals: K1 2018-05-15 (2017-06-01 is on or
// after 2017-05-15) and K2 2019-01-20 (2018-04-10); not K2 2018-04-10 (no earlier referral) nor
// K3 2018-04-02 (2017-04-01 is one day more than 12 months before; NFA referrals count like any
// other). 2 of 4 = 50.0%.
//
// cp.second_plan, 2018-19 (DATA.md indicator 16, within_months blank = ever: plans starting in
// the period for a child who had an earlier plan): K1 2018-06-01 (earlier 2017-07-01: yes),
// K2 2018-05-01 (no earlier plan: no), K2 2019-02-01 (earlier 2018-05-01: yes), K4 2018-11-01
// (earlier 2017-11-01: yes): 3 of 4 = 75.0% (K2 2019-02-01 is in two censuses: one plan; K5's
// plan starts after the period).
TEST(CliReturns, ReReferralsAndSecondPlansComputeFromAFolderOfCinCensusesAlone) {
  TempDir tmp;
  fs::create_directories(tmp / "data");
  write_file(
      tmp / "data/census_c.xml",
      census("2018-03-31",
             child("K1",
                   referral("2017-06-01", "2017-09-01", false, plan("2017-07-01", "2017-08-30"))) +
                 child("K3", referral("2017-04-01", "2017-04-20", true)) +
                 child("K4", referral("2017-10-01", "", false, plan("2017-11-01", "2018-02-01")))));
  write_file(
      tmp / "data/census_a.xml",
      census("2019-03-31",
             child("K1", referral("2018-05-15", "", false, plan("2018-06-01", "2018-12-01"))) +
                 child("K2", referral("2018-04-10", "2018-11-30", false,
                                      plan("2018-05-01", "2018-10-31")) +
                                 referral("2019-01-20", "", false, plan("2019-02-01", ""))) +
                 child("K3", referral("2018-04-02", "2018-06-30", false)) +
                 child("K4", referral("2017-10-01", "2018-12-01", false,
                                      plan("2018-11-01", "2019-03-01")))));
  write_file(tmp / "data/census_b.xml",
             census("2020-03-31",
                    child("K1", referral("2018-05-15", "2019-07-01", false)) +
                        child("K2", referral("2019-01-20", "2019-05-10", false,
                                             plan("2019-02-01", "2019-06-01"))) +
                        child("K5", referral("2019-04-05", "", false, plan("2019-04-20", "")))));
  write_config(tmp / "scorecard.yaml", tmp / "data", {"cin.rereferrals", "cp.second_plan"});
  const Result r = scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19", "--out",
                              "out", "--history", "0"},
                             tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  auto figures_of = [&](const std::string& id) {
    for (const auto& ind : card.at("indicators"))
      if (ind.at("id") == id) return period_of(ind, "2018-19");
    throw std::runtime_error("no indicator " + id);
  };
  const json rereferrals = figures_of("cin.rereferrals");
  EXPECT_EQ(rereferrals.at("numerator"), 2.0);
  EXPECT_EQ(rereferrals.at("denominator"), 4.0);
  EXPECT_EQ(rereferrals.at("value"), 50.0);
  const json second = figures_of("cp.second_plan");
  EXPECT_EQ(second.at("numerator"), 3.0);
  EXPECT_EQ(second.at("denominator"), 4.0);
  EXPECT_EQ(second.at("value"), 75.0);
}

// ---- the workforce census alone -----------------------------------------------------------

std::string worker(const std::string& id, bool agency, const std::string& fte,
                   const std::string& start, const std::string& end = "",
                   const std::string& reason = "") {
  return "<CSWWWorker><AgencyWorker>" + std::string(agency ? "1" : "0") + "</AgencyWorker><SWENo>" +
         id + "</SWENo><FTE>" + fte + "</FTE><RoleStartDate>" + start + "</RoleStartDate>" +
         (end.empty() ? "" : "<RoleEndDate>" + end + "</RoleEndDate>") +
         (reason.empty() ? "" : "<ReasonLeave>" + reason + "</ReasonLeave>") + "</CSWWWorker>\n";
}

// workforce.turnover with `census: true` from a folder holding only a workforce census (no TEAM
// column; ReasonLeave mapped by indicators/returns/csww_reason_leave.yaml: 1 RESIGNED,
// 4 DISMISSED, 5 RETIRED). Period 2018-19: the census year 1 October 2017 to 30 September 2018.
//   S1 employed 1.0 in post; S6 employed 0.6 in post            -> 1.6 FTE in post on 30/09/2018
//   S2 employed 0.5 resigned 01/03/2018 (1); S4 employed 0.8 retired 01/06/2018 (5)
//                                                               -> 1.3 FTE voluntary leavers
//   S3 agency 1.0 resigned 01/05/2018                           -> left out (agency)
//   S5 employed 1.0 dismissed 01/07/2018 (4)                    -> not voluntary
// 1.3 / 1.6 = 81.25%.
TEST(CliReturns, TurnoverFromAWorkforceCensusAloneFollowsTheDfE) {
  TempDir tmp;
  fs::create_directories(tmp / "data");
  write_file(tmp / "data/csww.xml",
             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Message><Header><CollectionDetails>"
             "<Collection>CSWW</Collection><ReferenceDate>2018-09-30</ReferenceDate>"
             "</CollectionDetails></Header>\n" +
                 worker("S1", false, "1.000000", "2015-01-01") +
                 worker("S2", false, "0.500000", "2016-01-01", "2018-03-01", "1") +
                 worker("S3", true, "1.000000", "2016-01-01", "2018-05-01", "1") +
                 worker("S4", false, "0.800000", "2016-01-01", "2018-06-01", "5") +
                 worker("S5", false, "1.000000", "2016-01-01", "2018-07-01", "4") +
                 worker("S6", false, "0.600000", "2017-01-01") + "</Message>\n");
  write_file(tmp / "scorecard.yaml",
             "authority: { name: Test Borough, code: E09000998, population_0_17: 50000 }\n"
             "data:\n  directory: \"" +
                 (tmp / "data").string() +
                 "\"\nindicators:\n  - use: workforce.turnover\n    params: { census: true }\n");
  const Result r = scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19", "--out",
                              "out", "--history", "0"},
                             tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  const json p = period_of(indicator_with_code(card, "EA11"), "2018-19");
  EXPECT_NEAR(p.at("numerator").get<double>(), 1.3, 1e-9);
  EXPECT_NEAR(p.at("denominator").get<double>(), 1.6, 1e-9);
  EXPECT_NEAR(p.at("value").get<double>(), 81.25, 1e-9);
}

}  // namespace
}  // namespace scorecard::cli_test
