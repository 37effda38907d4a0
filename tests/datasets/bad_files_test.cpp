// The bad-input corpus (tests/datasets/bad/*/, see its README): each folder's exact message
// under on_error: fail, and under on_error: report the row reported and left out (never
// silently dropped), or the load refused for a file that is not a table.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/datasets/load_helpers.hpp"

namespace scorecard::datasets {
namespace {

const std::filesystem::path kCorpus = SCORECARD_SOURCE_DIR "/tests/datasets/bad";

struct BadCase {
  std::string name;
  std::filesystem::path folder;
  std::string message;  // as expected.txt has it, relative to the folder
  bool row = false;     // report: row (else report: file)
};

std::vector<BadCase> corpus() {
  std::vector<BadCase> cases;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    if (!entry.is_directory()) continue;
    std::ifstream in(entry.path() / "expected.txt");
    BadCase c{entry.path().filename().string(), entry.path(), "", false};
    std::string policy;
    std::getline(in, c.message);
    std::getline(in, policy);
    EXPECT_TRUE(policy == "report: row" || policy == "report: file") << c.name << ": " << policy;
    c.row = policy == "report: row";
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(),
            [](const BadCase& a, const BadCase& b) { return a.name < b.name; });
  return cases;
}

// Every column of every dataset with a file in the folder.
std::vector<DatasetRequest> requests_for(const std::filesystem::path& folder) {
  std::vector<DatasetRequest> out;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    out.push_back(testing::all_columns(entry.path().stem().string()));
  }
  return out;
}

TEST(BadFiles, CorpusCoversTheListedMistakes) {
  const auto cases = corpus();
  EXPECT_GE(cases.size(), 12u);
  for (const char* must :
       {"episodes_missing_decom", "episodes_bad_date", "episodes_dec_before_decom",
        "episodes_unknown_code", "episodes_empty_file", "episodes_binary_garbage",
        "episodes_duplicate_header", "episodes_unterminated_quote", "episodes_short_row",
        "episodes_blank_child", "workforce_fte_not_a_number", "header_invalid_utf8"})
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const BadCase& c) {
      return c.name == must;
    })) << must;
}

TEST(BadFiles, FailPolicyGivesTheExactMessage) {
  for (const BadCase& c : corpus()) {
    SCOPED_TRACE(c.name);
    const auto requests = requests_for(c.folder);
    ASSERT_FALSE(requests.empty());
    EXPECT_EQ(testing::data_error([&] { testing::load_folder(c.folder, requests); }),
              (c.folder / c.message).string());
  }
}

TEST(BadFiles, ReportPolicyReportsTheRowAndKeepsTheRest) {
  for (const BadCase& c : corpus()) {
    SCOPED_TRACE(c.name);
    const auto requests = requests_for(c.folder);
    const std::string want = (c.folder / c.message).string();
    if (!c.row) {  // not a table at all: refused under either policy
      EXPECT_EQ(
          testing::data_error([&] { testing::load_folder(c.folder, requests, OnError::kReport); }),
          want);
      continue;
    }
    auto l = testing::load_folder(c.folder, requests, OnError::kReport);
    ASSERT_EQ(l->result.issues.size(), 1u);
    EXPECT_EQ(l->result.issues[0].message, want);
    const std::string dataset = requests[0].dataset;
    const DatasetInfo& info = l->info(dataset);
    EXPECT_EQ(info.rejected, 1u);
    EXPECT_EQ(l->table(dataset).rows, info.rows_read - 1);  // the others are all there
    EXPECT_EQ(l->result.issues[0].dataset, dataset);
    EXPECT_FALSE(l->result.issues[0].file.empty());
    EXPECT_GT(l->result.issues[0].line, 0u);
    EXPECT_GT(l->result.issues[0].column, 0u);
  }
}

}  // namespace
}  // namespace scorecard::datasets
