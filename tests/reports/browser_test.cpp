// The board's HTML as Debian's Chromium renders it: the DOM after parsing (one row per
// indicator, RAG words, an SVG trend each, no script) and a screenshot for a person to look
// at (build dir: board.png). Needs /usr/bin/chromium (scripts/setup installs it);
// SCORECARD_SKIP_BROWSER=1 skips these tests on a machine without it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "core/reports/reports.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/temp_dir.hpp"

namespace scorecard::reports {
namespace {

using testing::read_file;
using testing::TempDir;

constexpr const char* kChromium = "/usr/bin/chromium";

size_t count(const std::string& text, const std::regex& pattern) {
  return static_cast<size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), pattern),
                                           std::sregex_iterator()));
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
  const engine::Scorecard s = testing::board_scorecard();
  ASSERT_EQ(count(dom, std::regex("<tr class=\"indicator\"")), s.indicators.size());
  for (const auto& r : s.indicators)
    EXPECT_NE(dom.find("data-code=\"" + r.code + "\""), std::string::npos) << r.code;
  for (const char* word :
       {">Green<", ">Amber<", ">Red<", ">Not rated<", ">Not computed<", ">Error<"})
    EXPECT_NE(dom.find(word), std::string::npos) << word;
  // Every computed indicator has its trend, drawn through all nine quarters.
  EXPECT_EQ(count(dom, std::regex("<svg class=\"trend\"")), s.indicators.size() - 2);
  EXPECT_EQ(count(dom, std::regex("<circle ")), (s.indicators.size() - 2) * 9);
  EXPECT_GE(count(dom, std::regex("\u25B2 improving")), 1u);
  EXPECT_GE(count(dom, std::regex("\u25BC declining")), 1u);
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
  // A4 landscape is 842 x 595 points; every page of the print has that box.
  const size_t pages = count(bytes, std::regex("/Type\\s*/Page[^s]"));
  EXPECT_GE(pages, 2u);
  EXPECT_EQ(count(bytes, std::regex("/MediaBox\\s*\\[\\s*0 0 841\\.9\\d*\\s+59[45]\\.\\d+\\s*\\]")),
            pages);
}

}  // namespace
}  // namespace scorecard::reports
