// A weighted ratio's figures (WeightedRatio: sums of FTE, not counts of records) read as FTE
// in the HTML page and the workbook: "7.0 of 39.2 FTE", not "7 of 39".
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/reports/reports.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/temp_dir.hpp"

namespace scorecard::reports {
namespace {

using testing::read_file;
using testing::TempDir;

// The small scorecard with its first indicator made a turnover rate: 7.0 FTE leavers of 39.2
// FTE in post (17.857...%), as WeightedRatio::percent() hands it over.
model::Scorecard turnover_scorecard() {
  model::Scorecard s = testing::small_scorecard();
  model::IndicatorResult& r = s.indicators.at(0);
  r.unit = Unit::kPercent;
  for (model::PeriodResult& p : r.periods) {
    p.observation.numerator = 7.0;
    p.observation.denominator = 39.2;
    p.observation.value = 100.0 * 7.0 / 39.2;
    p.observation.weight_unit = "FTE";
  }
  return s;
}

TEST(FteDisplay, HtmlShowsSumsOfFteToOneDecimalWithTheirUnit) {
  const std::string html = to_html(turnover_scorecard(), {});
  EXPECT_NE(html.find("7.0 of 39.2 FTE"), std::string::npos);
  EXPECT_EQ(html.find(">7 of 39<"), std::string::npos);
  // A ratio of counts is still shown as counts.
  const std::string counts = to_html(testing::small_scorecard(), {});
  EXPECT_EQ(counts.find(" FTE<"), std::string::npos);
}

std::string unzip(const std::filesystem::path& file, const std::string& member) {
  const std::filesystem::path out = file.parent_path() / "member.xml";
  const std::string command =
      "unzip -p '" + file.string() + "' '" + member + "' > '" + out.string() + "' 2>/dev/null";
  if (std::system(command.c_str()) != 0) return "";
  return read_file(out);
}

TEST(FteDisplay, XlsxFormatsTheNumeratorAndDenominatorAsFte) {
  TempDir dir;
  write_xlsx(turnover_scorecard(), dir / "scorecard.xlsx");
  if (std::system("command -v unzip >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "unzip is not installed: the sheets' content is not checked";
  const std::string styles = unzip(dir / "scorecard.xlsx", "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0.0&quot; FTE&quot;\""), std::string::npos) << styles;
  const std::string data = unzip(dir / "scorecard.xlsx", "xl/worksheets/sheet2.xml");
  EXPECT_NE(data.find("<v>39.2</v>"), std::string::npos);  // the value itself, unrounded
}

}  // namespace
}  // namespace scorecard::reports
