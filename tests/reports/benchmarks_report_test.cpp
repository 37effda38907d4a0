// The published benchmarks in the HTML and the workbook (issue 14): the per-indicator dot plot
// (the council, its ten statistical neighbours, England, the region; the 95% interval as a
// bar; each point named in text), the neighbours' details row, "within chance" beside the RAG
// when the target lies inside the interval, and the xlsx Benchmarks sheet and Data columns.
//
// The figures are Barnsley's NI 62 for 2025 as la_cla_placement_stability.csv has them ("CLA
// on 31 March" / "With 3 or more placements during the year", children_percent; the same rows
// tests/benchmarks works by hand): England 10, Yorkshire and The Humber (E12000003) 11,
// Barnsley 14 (50 of 366), and its ten neighbours of sn_model_2025_wide.csv (row 370) in the
// model's order: Rotherham 372 E08000018 13, Wakefield 384 E08000036 10, Tameside 357
// E08000008 6, Doncaster 371 E08000017 11, Dudley 332 E08000027 7, Telford and Wrekin 894
// E06000020 13, County Durham 840 E06000047 9, Gateshead 390 E08000037 7, Redcar and Cleveland
// 807 E06000003 9, Sunderland 394 E08000024 9: sum 94, mean 9.4. Our own figure is the small
// sample's 7 of 60 = 11.667% (shown 11.7%), whose Wilson 95% interval is 5.768% to 22.179%
// (hand-worked in tests/benchmarks, Wilson.SevenOfSixtyByHand; shown 5.8% to 22.2%).
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "core/rating/rating.hpp"
#include "core/reports/reports.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/temp_dir.hpp"

namespace scorecard::reports {
namespace {

using testing::read_file;
using testing::TempDir;

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct Neighbour {
  const char* number;
  const char* code;
  const char* name;
  double value;
};

// sn_model_2025_wide.csv row 370, in order, with each LA's 2025 NI 62 children_percent.
const Neighbour kBarnsleyNeighbours[] = {{"372", "E08000018", "Rotherham", 13},
                                         {"384", "E08000036", "Wakefield", 10},
                                         {"357", "E08000008", "Tameside", 6},
                                         {"371", "E08000017", "Doncaster", 11},
                                         {"332", "E08000027", "Dudley", 7},
                                         {"894", "E06000020", "Telford and Wrekin", 13},
                                         {"840", "E06000047", "County Durham", 9},
                                         {"390", "E08000037", "Gateshead", 7},
                                         {"807", "E06000003", "Redcar and Cleveland", 9},
                                         {"394", "E08000024", "Sunderland", 9}};

// Wilson 95% for 7 of 60 (tests/benchmarks, Wilson.SevenOfSixtyByHand).
constexpr double kLow = 5.76772, kHigh = 22.17879;

model::IndicatorResult& ni62(model::Scorecard& s) {
  for (auto& r : s.indicators)
    if (r.code == "NI 62") return r;
  throw std::runtime_error("the sample has no NI 62");
}

// The small sample with NI 62's reporting period benchmarked as Barnsley's 2025 figures.
// `suppress_sunderland`: Sunderland's figure is the marker c instead of 9, so the mean is of
// the other nine: (94 - 9) / 9 = 85 / 9 = 9.444 (shown 9.4%).
model::Scorecard benchmarked(bool suppress_sunderland = false) {
  model::Scorecard s = testing::small_scorecard();
  s.published = model::PublishedSource{"/srv/dfe", "370",       "E08000016",
                                       "Barnsley", "E12000003", "Yorkshire and The Humber",
                                       "mean",     "latest",    "sn_model_2025_wide.csv"};
  model::PeriodResult& p = ni62(s).periods.back();
  p.interval = model::Interval{kLow, kHigh, "wilson"};
  p.target_within_interval = true;  // the target 10 lies inside 5.8% to 22.2%
  model::PublishedBenchmarks b;
  b.available = true;
  b.year = 2025;
  b.year_label = "2024-25 (year ending 31 March 2025)";
  b.basis = "the latest published year";
  b.file = "la_cla_placement_stability.csv";
  b.england = 10;
  b.region = 11;
  b.region_code = "E12000003";
  b.region_name = "Yorkshire and The Humber";
  b.neighbours_method = "mean";
  for (const auto& n : kBarnsleyNeighbours) {
    model::PublishedNeighbour pn{n.number, n.code, n.name, n.value, ""};
    if (suppress_sunderland && std::string(n.name) == "Sunderland") {
      pn.value.reset();
      pn.marker = "c";
      ++b.neighbours_missing;
    }
    b.neighbour_list.push_back(pn);
  }
  b.neighbours = suppress_sunderland ? 85.0 / 9 : 9.4;
  b.own = 14;
  b.own_numerator = 50;
  b.own_denominator = 366;
  // 151 LAs have a figure, 132 of them below 14: rank 133, ceil(4 * 133 / 151) = 4, band D.
  b.rank = 133;
  b.ranked = 151;
  b.quartile = "D";
  p.published = b;
  // Each benchmark inside the interval: similar (the plain comparison: worse than 10 and 9.4,
  // worse than 11 - our 11.7% is above all three, lower is better).
  p.benchmarks = {{"england", 10, model::Comparison::kWorse, model::Significance::kSimilar,
                   "DfE " + b.year_label},
                  {"statistical_neighbours", *b.neighbours, model::Comparison::kWorse,
                   model::Significance::kSimilar, "DfE " + b.year_label},
                  {"region", 11, model::Comparison::kWorse, model::Significance::kSimilar,
                   "DfE " + b.year_label}};
  return s;
}

// The row under an indicator's own row that holds its published benchmarks.
std::string published_row(const std::string& html, const std::string& code) {
  const size_t start = html.find("<tr class=\"published\" data-code=\"" + code + "\"");
  if (start == std::string::npos) return "";
  // The row holds the neighbours' table, whose rows end with </tr> too: cut at the row's own
  // end, the first "</td></tr>\n".
  return html.substr(start, html.find("</td></tr>\n", start) - start);
}

std::string indicator_row(const std::string& html, const std::string& code) {
  const size_t start = html.find("<tr class=\"indicator\" data-code=\"" + code + "\"");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</tr>", start) - start);
}

// ---- HTML: the dot plot ------------------------------------------------------------------

// The plot's scale (core/reports/html_report.cpp, dot_plot): from the lowest to the highest
// of the points and the interval, 6% of that range added each side, onto x = 8 to 392 (384
// px). Here the interval is both extremes (5.768 is below Tameside's 6, 22.179 above 13), so
// the range is r = 22.17879 - 5.76772 = 16.41107, the axis runs from 5.76772 - 0.06 r =
// 4.78306 to 22.17879 + 0.06 r = 23.16345 (18.38040 wide), and the bar spans
//   x = 8 + 384 * 0.06 / 1.12 = 8 + 20.571 = 28.6, width 384 / 1.12 = 342.857 = 342.9.
// England, 10: x = 8 + 384 * (10 - 4.78306) / 18.38040 = 8 + 384 * 0.283832 = 116.99; its
// 3 px bar starts 1.5 to the left, at 115.49 = 115.5.
// Ours, 11.667: x = 8 + 384 * (11.66667 - 4.78306) / 18.38040 = 8 + 143.81 = 151.8.
TEST(HtmlBenchmarks, DotPlotShowsTheCouncilItsTenNeighboursAndEnglandWithTheIntervalAsABar) {
  const std::string row = published_row(to_html(benchmarked(), {}), "NI 62");
  ASSERT_FALSE(row.empty()) << "no published row under NI 62";
  ASSERT_EQ(count_of(row, "<svg class=\"dots\""), 1u);
  EXPECT_TRUE(has(row,
                  "<title id=\"dots-1-t\">NI 62: Demo Borough against England, the region and 10 "
                  "statistical neighbours</title>"))
      << row;
  // Ten neighbours (open circles, r 3.2), England (a bar), the region (a triangle), ours (a
  // filled circle, r 5).
  EXPECT_EQ(count_of(row, "r=\"3.2\""), 10u);
  EXPECT_EQ(count_of(row, "width=\"3\" height=\"24\""), 1u);
  EXPECT_EQ(count_of(row, "<path d=\"M"), 1u);
  EXPECT_EQ(count_of(row, "r=\"5\""), 1u);
  // Each point carries its name and figure as text (a title read by screen readers and shown
  // on hover), at its place on the scale.
  for (const auto& n : kBarnsleyNeighbours) {
    char value[16];
    std::snprintf(value, sizeof value, "%.1f%%", n.value);
    EXPECT_TRUE(has(row, "<g><title>" + std::string(n.name) + " " + value + "</title><circle cx="))
        << n.name;
  }
  EXPECT_TRUE(has(row, "<g><title>England 10.0%</title><rect x=\"115.5\" y=\"12\""));
  EXPECT_TRUE(has(row, "<g><title>Yorkshire and The Humber 11.0%</title><path"));
  EXPECT_TRUE(
      has(row, "<g><title>Demo Borough 11.7%</title><circle cx=\"151.8\" cy=\"24\" r=\"5\""));
  // The interval as a bar, named in words.
  EXPECT_TRUE(has(row,
                  "<g><title>95% interval 5.8% to 22.2%</title><rect x=\"28.6\" y=\"20\" "
                  "width=\"342.9\" height=\"8\""))
      << row;
  // The whole plot described in one text, every point in it.
  EXPECT_TRUE(has(row,
                  "<desc id=\"dots-1-d\">Rotherham 13.0%; Wakefield 10.0%; Tameside 6.0%; "
                  "Doncaster 11.0%; Dudley 7.0%; Telford and Wrekin 13.0%; County Durham 9.0%; "
                  "Gateshead 7.0%; Redcar and Cleveland 9.0%; Sunderland 9.0%; England 10.0%; "
                  "Yorkshire and The Humber 11.0%; Demo Borough 11.7%</desc>"))
      << row;
  // The key beside it says the same in words, for print and for those who cannot see shapes.
  for (const char* words :
       {"<li>\u25CF Demo Borough (ours): 11.7%, 95% interval 5.8% to 22.2% (bar)</li>",
        "<li>\u25AE England: 10.0%</li>", "<li>\u25B2 Yorkshire and The Humber: 11.0%</li>",
        "<li>\u25CB Neighbours\u2019 mean: 9.4% (10 of 10 with a figure)</li>",
        "<li>Demo Borough as published: 14.0%</li>"})
    EXPECT_TRUE(has(row, words)) << words << "\n" << row;
  // The indicator's own row: the interval under our figure, the rank and quartile, and a
  // significance word under each benchmark.
  const std::string own = indicator_row(to_html(benchmarked(), {}), "NI 62");
  EXPECT_TRUE(has(own, "<span class=\"sub\">95% interval 5.8% to 22.2%</span>"));
  EXPECT_TRUE(has(own,
                  "DfE 2024-25 (year ending 31 March 2025); published rank 133 of 151, quartile "
                  "D (A = best)"));
  EXPECT_EQ(count_of(own, "<span class=\"sig\">similar</span>"), 3u);
}

TEST(HtmlBenchmarks, NoPublishedRowWithoutPublishedBenchmarks) {
  const std::string html = to_html(benchmarked(), {});
  EXPECT_EQ(count_of(html, "<tr class=\"published\""), 1u);  // NI 62 only: CLA1 has none
  EXPECT_EQ(count_of(to_html(testing::board_scorecard(), {}), "<svg class=\"dots\""), 0u);
}

// ---- HTML: the neighbours' details row ---------------------------------------------------

TEST(HtmlBenchmarks, NeighboursAreListedInADetailsRowWithNumberCodeAndFigure) {
  const std::string row = published_row(to_html(benchmarked(), {}), "NI 62");
  ASSERT_FALSE(row.empty());
  EXPECT_TRUE(has(row,
                  "<details class=\"neighbours\"><summary>The 10 statistical neighbours (mean "
                  "9.4%)</summary>"))
      << row;
  EXPECT_TRUE(has(row,
                  "<caption>NI 62: statistical neighbours, 2024-25 (year ending 31 March "
                  "2025)</caption>"));
  size_t last = 0;
  for (const auto& n : kBarnsleyNeighbours) {
    char value[16];
    std::snprintf(value, sizeof value, "%.1f%%", n.value);
    const std::string line = std::string("<tr><th scope=\"row\">") + n.name + "</th><td>" +
                             n.number + "</td><td>" + n.code + "</td><td class=\"num\">" + value +
                             "</td></tr>";
    const size_t at = row.find(line);
    ASSERT_NE(at, std::string::npos) << line << "\n" << row;
    EXPECT_GT(at, last) << n.name << " is out of the model's order";
    last = at;
  }
  // On paper the details do not open: the neighbours are a line of text.
  EXPECT_TRUE(has(row,
                  "<p class=\"print-only\">Neighbours: Rotherham 13.0%; Wakefield 10.0%; Tameside "
                  "6.0%; Doncaster 11.0%; Dudley 7.0%; Telford and Wrekin 13.0%; County Durham "
                  "9.0%; Gateshead 7.0%; Redcar and Cleveland 9.0%; Sunderland 9.0%</p>"));
}

// A neighbour whose figure is suppressed is listed with its marker, left out of the mean and
// of the plot, and counted: the mean is 85 / 9 = 9.444 (9.4%) of the nine with a figure.
TEST(HtmlBenchmarks, ASuppressedNeighbourIsListedLeftOutAndCounted) {
  const std::string row = published_row(to_html(benchmarked(true), {}), "NI 62");
  ASSERT_FALSE(row.empty());
  EXPECT_TRUE(has(row,
                  "<summary>The 10 statistical neighbours (mean 9.4%; 1 left out: no "
                  "figure)</summary>"))
      << row;
  EXPECT_TRUE(has(row,
                  "<tr><th scope=\"row\">Sunderland</th><td>394</td><td>E08000024</td><td "
                  "class=\"num\">no figure (c): left out</td></tr>"));
  EXPECT_EQ(count_of(row, "r=\"3.2\""), 9u);  // nine neighbours drawn
  EXPECT_FALSE(has(row, "<title>Sunderland"));
  EXPECT_TRUE(has(row, "Neighbours\u2019 mean: 9.4% (9 of 10 with a figure)"));
  EXPECT_TRUE(has(row, "Redcar and Cleveland 9.0%; Sunderland (c)</p>"));
}

// ---- HTML: within chance -----------------------------------------------------------------

// Through the rating stage: NI 62's 7 of 60 gets the Wilson interval 5.768% to 22.179%. With
// the target 10 (inside it) the RAG (Red: 11.7% against 10, lower is better, tolerance 1.5
// points) says "within chance"; with the target 25 (above 22.179) the figure is Green and the
// words are not there.
TEST(HtmlBenchmarks, WithinChanceShowsBesideTheRagWhenTheTargetIsInsideTheInterval) {
  const std::string chance =
      "<span class=\"chance\">within chance: the target is inside the 95% interval</span>";
  model::Scorecard s = benchmarked();
  model::IndicatorResult& r = ni62(s);
  for (auto& p : r.periods) {
    p.interval.reset();
    p.target_within_interval = false;
  }
  rating::rate(r, {});
  ASSERT_TRUE(r.periods.back().interval);
  EXPECT_NEAR(r.periods.back().interval->low, kLow, 1e-4);
  EXPECT_NEAR(r.periods.back().interval->high, kHigh, 1e-4);
  const std::string inside = indicator_row(to_html(s, {}), "NI 62");
  EXPECT_TRUE(has(inside, "<span class=\"rag rag-red\">Red</span>" + chance)) << inside;

  r.target = 25;
  for (auto& p : r.periods) p.target = 25;
  rating::rate(r, {});
  const std::string outside = indicator_row(to_html(s, {}), "NI 62");
  EXPECT_TRUE(has(outside, "<span class=\"rag rag-green\">Green</span>")) << outside;
  EXPECT_FALSE(has(outside, "within chance"));
  EXPECT_TRUE(has(outside, "95% interval 5.8% to 22.2%"));  // the interval is still shown
}

// ---- xlsx ----------------------------------------------------------------------------------

std::string unzip(const std::filesystem::path& file, const std::string& member) {
  const std::filesystem::path out = file.parent_path() / "member.xml";
  const std::string command =
      "unzip -p '" + file.string() + "' '" + member + "' > '" + out.string() + "' 2>/dev/null";
  if (std::system(command.c_str()) != 0) return "";
  return read_file(out);
}

std::string unescape_xml(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1))
      text.replace(at, std::string(from).size(), to);
  return text;
}

// A worksheet as text: row number -> column letters -> the cell's shared string, or its
// number (or boolean) as written.
using Sheet = std::map<int, std::map<std::string, std::string>>;

Sheet read_sheet(const std::filesystem::path& book, int index) {
  std::vector<std::string> strings;
  const std::string shared = unzip(book, "xl/sharedStrings.xml");
  const std::regex si("<si>(.*?)</si>");
  const std::regex t("<t[^>]*>(.*?)</t>");
  for (auto it = std::sregex_iterator(shared.begin(), shared.end(), si);
       it != std::sregex_iterator(); ++it) {
    std::string text;
    const std::string item = (*it)[1];
    for (auto p = std::sregex_iterator(item.begin(), item.end(), t); p != std::sregex_iterator();
         ++p)
      text += (*p)[1];
    strings.push_back(unescape_xml(text));
  }
  Sheet out;
  const std::string xml = unzip(book, "xl/worksheets/sheet" + std::to_string(index) + ".xml");
  const std::regex cell("<c r=\"([A-Z]+)([0-9]+)\"([^>]*?)(/>|>(.*?)</c>)");
  const std::regex v("<v>(.*?)</v>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell); it != std::sregex_iterator();
       ++it) {
    const std::string attributes = (*it)[3], body = (*it)[5];
    std::smatch value;
    if (!std::regex_search(body, value, v)) continue;
    std::string text = value[1];
    if (attributes.find("t=\"s\"") != std::string::npos) text = strings.at(std::stoul(text));
    out[std::stoi((*it)[2])][(*it)[1]] = text;
  }
  return out;
}

bool have_unzip() { return std::system("command -v unzip >/dev/null 2>&1") == 0; }

// The Benchmarks sheet (the third): one row per place for the reporting period: the authority
// as published, England, the region, the neighbours' mean, then each of the ten in the model's
// order; a suppressed neighbour with no value and its marker.
TEST(XlsxBenchmarks, BenchmarksSheetListsEveryPlaceWithItsCodeAndFigure) {
  if (!have_unzip()) GTEST_SKIP() << "unzip is not installed: the sheets' content is not checked";
  TempDir dir;
  const auto file = dir / "scorecard.xlsx";
  write_xlsx(benchmarked(true), file);
  EXPECT_TRUE(has(unzip(file, "xl/workbook.xml"), "name=\"Benchmarks\""));
  const Sheet sheet = read_sheet(file, 3);
  const std::map<std::string, std::string> heading{
      {"A", "Code"},     {"B", "Indicator"}, {"C", "Published year"},
      {"D", "Place"},    {"E", "Name"},      {"F", "DfE number"},
      {"G", "ONS code"}, {"H", "Value"},     {"I", "Marker"}};
  ASSERT_TRUE(sheet.count(1));
  EXPECT_EQ(sheet.at(1), heading);
  // Headings, 4 summary rows and 10 neighbours: 15 rows, every one of NI 62.
  ASSERT_EQ(sheet.size(), 15u);
  for (int row = 2; row <= 15; ++row) {
    EXPECT_EQ(sheet.at(row).at("A"), "NI 62") << row;
    EXPECT_EQ(sheet.at(row).at("B"), "Children looked after with 3 or more placements in the year");
    EXPECT_EQ(sheet.at(row).at("C"), "2024-25 (year ending 31 March 2025)");
  }
  auto place = [&](int row) {
    std::map<std::string, std::string> cells = sheet.at(row);
    for (const char* c : {"A", "B", "C"}) cells.erase(c);
    return cells;
  };
  using Cells = std::map<std::string, std::string>;
  EXPECT_EQ(place(2), (Cells{{"D", "Authority (published)"},
                             {"E", "Barnsley"},
                             {"F", "370"},
                             {"G", "E08000016"},
                             {"H", "14"}}));
  EXPECT_EQ(place(3), (Cells{{"D", "England"}, {"E", "England"}, {"G", "E92000001"}, {"H", "10"}}));
  EXPECT_EQ(
      place(4),
      (Cells{{"D", "Region"}, {"E", "Yorkshire and The Humber"}, {"G", "E12000003"}, {"H", "11"}}));
  ASSERT_EQ(place(5).at("D"), "Neighbours (mean)");
  EXPECT_EQ(place(5).at("E"), "Statistical neighbours");
  EXPECT_NEAR(std::stod(place(5).at("H")), 85.0 / 9, 1e-9);  // the nine with a figure
  for (int i = 0; i < 10; ++i) {
    const Neighbour& n = kBarnsleyNeighbours[i];
    Cells want{{"D", "Neighbour"}, {"E", n.name}, {"F", n.number}, {"G", n.code}};
    if (std::string(n.name) == "Sunderland")
      want["I"] = "c";
    else
      want["H"] = std::to_string(static_cast<int>(n.value));
    EXPECT_EQ(place(6 + i), want) << n.name;
  }
}

TEST(XlsxBenchmarks, NoBenchmarksSheetWithoutPublishedBenchmarks) {
  if (!have_unzip()) GTEST_SKIP() << "unzip is not installed: the sheets' content is not checked";
  TempDir dir;
  write_xlsx(testing::small_scorecard(), dir / "scorecard.xlsx");
  const std::string workbook = unzip(dir / "scorecard.xlsx", "xl/workbook.xml");
  EXPECT_TRUE(has(workbook, "name=\"Data\""));
  EXPECT_FALSE(has(workbook, "Benchmarks"));
}

// The Data sheet (the second): after Message (column W), the reporting period's interval,
// "within chance", the published year, a significance word per benchmark, the published
// figure, rank, LAs ranked, quartile and the neighbours with a value (columns X to AJ).
TEST(XlsxBenchmarks, DataSheetHasTheIntervalSignificanceRankAndQuartile) {
  if (!have_unzip()) GTEST_SKIP() << "unzip is not installed: the sheets' content is not checked";
  TempDir dir;
  model::Scorecard s = benchmarked(true);
  // A different word for the neighbours, so that a column swapped with another shows.
  ni62(s).periods.back().benchmarks[1].significance = model::Significance::kBetter;
  write_xlsx(s, dir / "scorecard.xlsx");
  const Sheet sheet = read_sheet(dir / "scorecard.xlsx", 2);
  const std::vector<std::pair<std::string, std::string>> heading{
      {"X", "Interval low (95%)"},
      {"Y", "Interval high (95%)"},
      {"Z", "Within chance"},
      {"AA", "Published year"},
      {"AB", "vs England"},
      {"AC", "vs statistical neighbours"},
      {"AD", "vs region"},
      {"AE", "Published figure"},
      {"AF", "Rank"},
      {"AG", "Of LAs"},
      {"AH", "Quartile (A = best)"},
      {"AI", "Neighbours with a value"},
      {"AJ", "Benchmark note"}};
  for (const auto& [column, text] : heading) EXPECT_EQ(sheet.at(1).at(column), text) << column;
  // NI 62 is on rows 2 to 4 (its three quarters, oldest first): the reporting period on 4.
  const auto& row = sheet.at(4);
  ASSERT_EQ(row.at("A"), "NI 62");
  ASSERT_EQ(row.at("G"), "2018-19 Q3");
  EXPECT_NEAR(std::stod(row.at("X")), kLow, 1e-9);
  EXPECT_NEAR(std::stod(row.at("Y")), kHigh, 1e-9);
  EXPECT_EQ(row.at("Z"), "within chance");
  EXPECT_EQ(row.at("AA"), "2024-25 (year ending 31 March 2025)");
  EXPECT_EQ(row.at("AB"), "similar");
  EXPECT_EQ(row.at("AC"), "significantly better");
  EXPECT_EQ(row.at("AD"), "similar");
  EXPECT_EQ(row.at("AE"), "14");
  EXPECT_EQ(row.at("AF"), "133");
  EXPECT_EQ(row.at("AG"), "151");
  EXPECT_EQ(row.at("AH"), "D");
  EXPECT_EQ(row.at("AI"), "9");  // 10 listed, Sunderland suppressed
  // The quarter before has no interval or published figures.
  const auto& before = sheet.at(3);
  ASSERT_EQ(before.at("G"), "2018-19 Q2");
  EXPECT_FALSE(before.count("X"));
  EXPECT_FALSE(before.count("Z"));
  EXPECT_FALSE(before.count("AE"));
}

}  // namespace
}  // namespace scorecard::reports
