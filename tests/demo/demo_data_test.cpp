// Tests of the demo authority (core/cli/demo): the files are there with DATA.md's columns, are the
// same for the same seed, and hold together: episode chains, children, postcodes, the rate of
// children looked after.
#include "core/cli/demo/demo_data.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace scorecard::demo {
namespace {

namespace fs = std::filesystem;

using Row = std::vector<std::string>;

// The columns of each dataset (DATA.md; episodes without the optional PL_DISTANCE).
const std::map<std::string, std::string> kColumns = {
    {"header", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"},
    {"episodes",
     "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
     "URN"},
    {"uasc", "CHILD,SEX,DOB,DUC"},
    {"oc2",
     "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
     "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED,YEAR"},
    {"oc3", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,YEAR"},
    {"ad1", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"},
    {"placed_for_adoption", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"},
    {"referrals", "CHILD,REFERRAL_ID,REFERRAL_DATE,REFERRAL_SOURCE,CLOSURE_DATE,NFA"},
    {"cp_plans", "CHILD,CPP_ID,CPP_START,CPP_END,INITIAL_CATEGORY"},
    {"visits", "CHILD,VISIT_DATE,VISIT_TYPE,SEEN"},
    {"child_events", "CHILD,EVENT_TYPE,EVENT_DATE"},
    {"proceedings", "CASE_ID,CHILD,ISSUE_DATE,FINAL_ORDER_DATE"},
    {"workforce", "WORKER_ID,ROLE,QUALIFIED,TEAM,FTE,START_DATE,END_DATE,LEAVING_REASON"},
    {"allocations", "CHILD,WORKER_ID,START_DATE,END_DATE"},
    {"providers", "URN,SETTING_TYPE,INSPECTION_DATE,OVERALL_EFFECTIVENESS"},
    {"foster_carers", "CARER_ID,PROVIDER,APPROVAL_DATE,DEREGISTRATION_DATE"},
    {"postcode_centroids", "POSTCODE,LATITUDE,LONGITUDE"},
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A tiny CSV split: the demo never quotes a field, so a comma always separates.
Row split(const std::string& line) {
  Row fields(1);
  for (char c : line) {
    if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// The data rows of a file (its header row checked and dropped).
std::vector<Row> rows(const fs::path& dir, const std::string& dataset) {
  std::ifstream in(dir / (dataset + ".csv"));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, kColumns.at(dataset)) << dataset;
  std::vector<Row> out;
  while (std::getline(in, line)) out.push_back(split(line));
  return out;
}

// dd/mm/yyyy, or nothing for a blank or something else.
std::optional<Date> parse_date(const std::string& s) {
  int d, m, y;
  char a, b;
  std::istringstream in(s);
  if (s.size() != 10 || !(in >> d >> a >> m >> b >> y) || a != '/' || b != '/') {
    return std::nullopt;
  }
  return Date::from_ymd(y, m, d);
}

class DemoDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("scorecard_demo_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path write(const std::string& name, const DemoOptions& options) {
    const fs::path dir = root_ / name;
    summaries_ = write_demo_data(dir, options);
    return dir;
  }

  static DemoOptions small(long children, uint64_t seed = 7) {
    DemoOptions o;
    o.children = children;
    o.seed = seed;
    return o;
  }

  fs::path root_;
  std::vector<DatasetSummary> summaries_;
};

TEST_F(DemoDataTest, WritesEveryDatasetWithItsColumnsAndReportsIt) {
  const fs::path dir = write("all", small(200));
  ASSERT_EQ(summaries_.size(), kColumns.size());
  for (const DatasetSummary& s : summaries_) {
    SCOPED_TRACE(s.dataset);
    ASSERT_TRUE(kColumns.count(s.dataset));
    const fs::path file = dir / (s.dataset + ".csv");
    ASSERT_TRUE(fs::exists(file));
    EXPECT_FALSE(fs::exists(dir / (s.dataset + ".csv.tmp")));
    EXPECT_EQ(fs::file_size(file), s.bytes);
    EXPECT_EQ(static_cast<long>(rows(dir, s.dataset).size()), s.rows);
    EXPECT_GT(s.rows, 0);  // 200 children make something of everything
    EXPECT_EQ(slurp(file).find('\r'), std::string::npos);
  }
}

TEST_F(DemoDataTest, SameSeedSameBytesOtherSeedOtherData) {
  const fs::path a = write("a", small(150, 42));
  const fs::path b = write("b", small(150, 42));
  const fs::path c = write("c", small(150, 43));
  for (const auto& [dataset, columns] : kColumns) {
    EXPECT_EQ(slurp(a / (dataset + ".csv")), slurp(b / (dataset + ".csv"))) << dataset;
  }
  EXPECT_NE(slurp(a / "episodes.csv"), slurp(c / "episodes.csv"));
  EXPECT_NE(slurp(a / "header.csv"), slurp(c / "header.csv"));
}

// Each child's episodes: in order, never overlapping, DEC after DECOM, a chain within a period
// of care (the next DECOM is the previous DEC, REC X1 between) starting with RNE S, DEC blank
// only on the last episode, nothing after data_to.
void expect_consistent_episodes(const fs::path& dir, Date data_to) {
  std::map<std::string, std::vector<Row>> by_child;
  for (Row& r : rows(dir, "episodes")) {
    ASSERT_EQ(r.size(), 13u);
    by_child[r[0]].push_back(std::move(r));
  }
  ASSERT_FALSE(by_child.empty());
  for (const auto& [child, episodes] : by_child) {
    SCOPED_TRACE(child);
    std::optional<Date> previous_end;
    for (size_t i = 0; i < episodes.size(); ++i) {
      const Row& e = episodes[i];
      const std::optional<Date> start = parse_date(e[1]), end = parse_date(e[7]);
      ASSERT_TRUE(start);
      EXPECT_LE(*start, data_to);
      if (end) {
        EXPECT_GT(*end, *start);
        EXPECT_LE(*end, data_to);
        EXPECT_FALSE(e[8].empty());
      } else {
        EXPECT_EQ(i + 1, episodes.size()) << "an open episode that is not the last";
        EXPECT_TRUE(e[8].empty());
      }
      if (i == 0) {
        EXPECT_EQ(e[2], "S");
      } else {
        ASSERT_TRUE(previous_end);
        EXPECT_GE(*start, *previous_end) << "episodes overlap";
        const bool chained = *start == *previous_end;
        EXPECT_EQ(e[2] == "S", !chained) << e[1];
        EXPECT_EQ(episodes[i - 1][8] == "X1", chained) << e[1];
        if (chained) {
          EXPECT_NE(std::string("LPBTU").find(e[2]), std::string::npos);
        }
      }
      previous_end = end;
    }
  }
}

TEST_F(DemoDataTest, EpisodesChainWithinEachPeriodOfCare) {
  const DemoOptions options = small(400);
  expect_consistent_episodes(write("default", options), options.data_to);
}

TEST_F(DemoDataTest, EpisodesChainForAnotherExtractDateAndSpan) {
  DemoOptions options = small(300, 9);
  options.data_to = Date::from_ymd(2018, 12, 31);
  options.years = 3;
  expect_consistent_episodes(write("other", options), options.data_to);
}

TEST_F(DemoDataTest, NoDateAnywhereAfterDataTo) {
  DemoOptions options = small(300, 11);
  options.data_to = Date::from_ymd(2018, 9, 30);
  const fs::path dir = write("dates", options);
  for (const auto& [dataset, columns] : kColumns) {
    for (const Row& r : rows(dir, dataset)) {
      for (const std::string& field : r) {
        const std::optional<Date> d = parse_date(field);
        if (d) {
          ASSERT_LE(*d, options.data_to) << dataset << ": " << field;
        }
      }
    }
  }
}

TEST_F(DemoDataTest, EveryChildInTheDataIsInHeaderOnce) {
  const fs::path dir = write("children", small(350));
  std::set<std::string> header;
  for (const Row& r : rows(dir, "header")) EXPECT_TRUE(header.insert(r[0]).second) << r[0];
  EXPECT_EQ(header.size(), 350u);
  std::set<std::string> looked_after;
  for (const Row& r : rows(dir, "episodes")) looked_after.insert(r[0]);
  EXPECT_EQ(looked_after, header);  // every child in header was looked after in the span
  for (const char* dataset : {"uasc", "oc2", "oc3", "ad1", "placed_for_adoption", "proceedings"}) {
    for (const Row& r : rows(dir, dataset)) {
      const std::string& child = std::string(dataset) == "proceedings" ? r[1] : r[0];
      EXPECT_TRUE(header.count(child)) << dataset << ": " << child;
    }
  }
}

TEST_F(DemoDataTest, EveryPostcodeUsedHasACentroid) {
  const fs::path dir = write("postcodes", small(300));
  std::set<std::string> known;
  for (const Row& r : rows(dir, "postcode_centroids")) {
    ASSERT_EQ(r.size(), 3u);
    EXPECT_NEAR(std::stod(r[1]), 52.6, 1.5);  // England
    EXPECT_NEAR(std::stod(r[2]), -1.35, 2.5);
    known.insert(r[0]);
  }
  for (const Row& r : rows(dir, "episodes")) {
    EXPECT_TRUE(known.count(r[10])) << r[10];
    EXPECT_TRUE(known.count(r[11])) << r[11];
  }
}

TEST_F(DemoDataTest, LookedAfterAtDataToIsAnEnglandLikeRateOfThePopulation) {
  const DemoOptions options = small(3000, 5);
  const fs::path dir = write("rate", options);
  std::set<std::string> looked_after;
  for (const Row& r : rows(dir, "episodes")) {
    if (r[3] == "V3" || r[3] == "V4") continue;  // short breaks are not counted
    const std::optional<Date> end = parse_date(r[7]);
    if (*parse_date(r[1]) <= options.data_to && (!end || *end > options.data_to)) {
      looked_after.insert(r[0]);
    }
  }
  const double per_10000 = looked_after.size() * 10000.0 / demo_population(options);
  EXPECT_GT(per_10000, 55.0);
  EXPECT_LT(per_10000, 80.0);
  const double share = looked_after.size() / 3000.0;  // of the children ever looked after
  EXPECT_GT(share, 0.2);
  EXPECT_LT(share, 0.35);
}

TEST_F(DemoDataTest, PopulationFollowsTheDocumentedFormula) {
  DemoOptions options;
  options.children = 2000;
  EXPECT_EQ(demo_population(options), 80846);  // 2000 * 10000 / 67 * 2.6 / 9.6
  options.children = 0;
  EXPECT_EQ(demo_population(options), 1);
}

TEST_F(DemoDataTest, NoChildrenGivesHeadersOnly) {
  const fs::path dir = write("none", small(0));
  ASSERT_EQ(summaries_.size(), kColumns.size());
  for (const DatasetSummary& s : summaries_) {
    EXPECT_EQ(s.rows, 0) << s.dataset;
    EXPECT_EQ(slurp(dir / (s.dataset + ".csv")), kColumns.at(s.dataset) + "\n");
  }
}

TEST_F(DemoDataTest, OneChildIsEnough) {
  const DemoOptions options = small(1);
  const fs::path dir = write("one", options);
  EXPECT_EQ(rows(dir, "header").size(), 1u);
  expect_consistent_episodes(dir, options.data_to);
}

TEST_F(DemoDataTest, RefusesBadOptionsAndNamesAPathItCannotWrite) {
  EXPECT_THROW(write_demo_data(root_ / "x", small(-1)), std::invalid_argument);
  DemoOptions no_span = small(10);
  no_span.years = 0;
  EXPECT_THROW(write_demo_data(root_ / "x", no_span), std::invalid_argument);

  fs::create_directories(root_);
  const fs::path file = root_ / "a_file";
  std::ofstream(file) << "not a directory";
  try {
    write_demo_data(file / "out", small(10));
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace scorecard::demo
