// The board's HTML as Debian's Chromium renders it: the DOM after parsing (one row per
// indicator, RAG words, an SVG trend each, no script) and a screenshot for a person to look
// at (build dir: board.png). Needs /usr/bin/chromium (scripts/setup installs it);
// SCORECARD_SKIP_BROWSER=1 skips these tests on a machine without it.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "core/reports/reports.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/temp_dir.hpp"

namespace scorecard::reports {
namespace {

using testing::read_file;
using testing::TempDir;

constexpr const char* kChromium = "/usr/bin/chromium";

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The width and height, in points, of each page's /MediaBox in a PDF.
std::vector<std::pair<double, double>> page_sizes(const std::string& pdf) {
  std::vector<std::pair<double, double>> sizes;
  for (size_t at = pdf.find("/MediaBox"); at != std::string::npos;
       at = pdf.find("/MediaBox", at + 1)) {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    const std::string box = pdf.substr(at + 9, 80);
    if (std::sscanf(box.c_str(), " [ %lf %lf %lf %lf", &x0, &y0, &x1, &y1) == 4)
      sizes.push_back({x1 - x0, y1 - y0});
  }
  return sizes;
}

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium)) {
      const char* skip = std::getenv("SCORECARD_SKIP_BROWSER");
      if (skip && std::string(skip) == "1")
        GTEST_SKIP() << kChromium << " is missing and SCORECARD_SKIP_BROWSER=1";
      FAIL() << kChromium << " is missing: run scripts/setup (it installs Debian's chromium), "
             << "or set SCORECARD_SKIP_BROWSER=1 to skip the browser tests";
    }
    html_ = dir_ / "scorecard.html";
    write_atomically(html_, to_html(testing::board_scorecard(), {}));
  }

  // Runs headless Chromium on the page with `args`, stdout to `out`; false on failure or
  // after 60 s.
  bool chromium(const std::string& args, const std::filesystem::path& out) {
    const auto profile = dir_ / ("profile-" + std::to_string(runs_++));
    const std::string command =
        std::string("timeout 60 ") + kChromium +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --disable-dev-shm-usage --hide-scrollbars --user-data-dir='" +
        profile.string() + "' " + args + " 'file://" + html_.string() + "' > '" + out.string() +
        "' 2> '" + (dir_ / "chromium.log").string() + "'";
    const int status = std::system(command.c_str());
    if (status != 0) ADD_FAILURE() << command << "\n" << read_file(dir_ / "chromium.log");
    return status == 0;
  }

  TempDir dir_;
  std::filesystem::path html_;
  int runs_ = 0;
};

TEST_F(Browser, RendersOneRowPerIndicatorWithWordsAndATrend) {
  ASSERT_TRUE(chromium("--dump-dom", dir_ / "dom.html"));
  const std::string dom = read_file(dir_ / "dom.html");
  const model::Scorecard s = testing::board_scorecard();
  ASSERT_EQ(count(dom, "<tr class=\"indicator\""), s.indicators.size());
  for (const auto& r : s.indicators)
    EXPECT_NE(dom.find("data-code=\"" + r.code + "\""), std::string::npos) << r.code;
  for (const char* word :
       {">Green<", ">Amber<", ">Red<", ">Not rated<", ">Not computed<", ">Error<"})
    EXPECT_NE(dom.find(word), std::string::npos) << word;
  // Every computed indicator has its trend, drawn through all nine quarters.
  EXPECT_EQ(count(dom, "<svg class=\"trend\""), s.indicators.size() - 2);
  EXPECT_EQ(count(dom, "<circle "), (s.indicators.size() - 2) * 9);
  EXPECT_GE(count(dom, "\u25B2 improving"), 1u);
  EXPECT_GE(count(dom, "\u25BC declining"), 1u);
  // The commentary's <script> stayed text: the parsed page has no script element.
  EXPECT_EQ(dom.find("<script"), std::string::npos);
  EXPECT_NE(dom.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(dom.find("id=\"data-quality\""), std::string::npos);
  EXPECT_NE(dom.find("id=\"breakdowns\""), std::string::npos);
}

TEST_F(Browser, TakesAScreenshotOfTheBoardPage) {
  const std::filesystem::path png = std::filesystem::path(REPORTS_BUILD_DIR) / "board.png";
  std::filesystem::remove(png);
  ASSERT_TRUE(chromium("--screenshot='" + png.string() + "' --window-size=1400,2000",
                       dir_ / "screenshot.log"));
  const std::string bytes = read_file(png);
  ASSERT_GT(bytes.size(), 20000u) << png << " looks empty";
  EXPECT_EQ(bytes.substr(0, 8), "\x89PNG\r\n\x1a\n");
}

TEST_F(Browser, PrintsToA4LandscapePages) {
  const auto pdf = dir_ / "scorecard.pdf";
  ASSERT_TRUE(
      chromium("--no-pdf-header-footer --print-to-pdf='" + pdf.string() + "'", dir_ / "print.log"));
  const std::string bytes = read_file(pdf);
  ASSERT_EQ(bytes.substr(0, 5), "%PDF-");
  // A4 landscape is 841.9 x 595.3 points (Chromium writes 841.92 x 594.96); every page.
  const auto sizes = page_sizes(bytes);
  EXPECT_GE(sizes.size(), 2u) << "13 indicators, breakdowns and data quality on one page?";
  for (const auto& [width, height] : sizes) {
    EXPECT_NEAR(width, 841.9, 1.0);
    EXPECT_NEAR(height, 595.3, 1.0);
  }
}

}  // namespace
}  // namespace scorecard::reports
