// The reports stage: each file's content from hand-built scorecards (golden files for JSON
// and CSV), the JSON against its schema, the HTML's promises to a board member, the workbook,
// and the atomic write. History store tests are in history_store_test.cpp.
#include "core/reports/reports.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/reports/display.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/schema_check.hpp"
#include "tests/reports/temp_dir.hpp"

namespace scorecard::reports {
namespace {

using nlohmann::json;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Compares with tests/reports/golden/<name>; SCORECARD_UPDATE_GOLDEN=1 rewrites the file
// (then read the diff before committing it).
void expect_golden(const std::string& name, const std::string& actual) {
  const std::filesystem::path file = std::filesystem::path(REPORTS_GOLDEN_DIR) / name;
  if (std::getenv("SCORECARD_UPDATE_GOLDEN")) write_file(file, actual);
  ASSERT_TRUE(std::filesystem::exists(file))
      << file << " is missing: run with SCORECARD_UPDATE_GOLDEN=1 to create it";
  EXPECT_EQ(read_file(file), actual)
      << "differs from " << file << " (SCORECARD_UPDATE_GOLDEN=1 rewrites it)";
}

json schema() { return json::parse(read_file(REPORTS_SCHEMA)); }

// ---- JSON ---------------------------------------------------------------------------------

TEST(Json, MatchesGoldenFile) {
  expect_golden("scorecard.json", to_json(testing::small_scorecard()));
}

TEST(Json, ValidatesAgainstTheSchema) {
  for (const auto& s : {testing::small_scorecard(), testing::board_scorecard()}) {
    const auto errors = testing::schema_errors(schema(), json::parse(to_json(s)));
    EXPECT_TRUE(errors.empty()) << errors.front();
  }
}

// The full validator, where the machine has it (scripts/setup installs python3-jsonschema).
TEST(Json, ValidatesWithPythonJsonschemaWhereInstalled) {
  if (std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 jsonschema is not installed (apt-get install python3-jsonschema)";
  TempDir dir;
  write_file(dir / "scorecard.json", to_json(testing::board_scorecard()));
  const std::string command =
      "python3 -c 'import json, sys, jsonschema; "
      "jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1]))); "
      "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])), "
      "cls=jsonschema.Draft202012Validator)' '" REPORTS_SCHEMA "' '" +
      (dir / "scorecard.json").string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(Json, SchemaCheckerRejectsWhatTheSchemaForbids) {
  const json good = json::parse(to_json(testing::small_scorecard()));
  json missing = good;
  missing["indicators"][0].erase("code");
  json extra = good;
  extra["indicators"][0]["periods"][0]["colour"] = "red";
  json bad_enum = good;
  bad_enum["indicators"][0]["periods"][0]["rag"] = "purple";
  json bad_date = good;
  bad_date["period"]["end"] = "31/12/2018";
  json bad_type = good;
  bad_type["indicators"][0]["periods"][0]["value"] = "11.7";
  for (const json& doc : {missing, extra, bad_enum, bad_date, bad_type})
    EXPECT_EQ(testing::schema_errors(schema(), doc).size(), 1u) << doc.dump().substr(0, 80);
}

TEST(Json, KeepsFullPrecisionAndWritesAbsentValuesAsNull) {
  model::Scorecard s = testing::small_scorecard();
  s.data_to.reset();
  s.indicators[0].periods[0].observation.value.reset();
  const json doc = json::parse(to_json(s));
  EXPECT_EQ(doc["schema_version"], model::Scorecard::kSchemaVersion);
  EXPECT_TRUE(doc["data_to"].is_null());
  const json& ni62 = doc["indicators"][0];
  EXPECT_EQ(ni62["periods"][2]["value"].get<double>(), 100.0 * 7 / 60);  // not 11.7
  EXPECT_TRUE(ni62["periods"][0]["value"].is_null());
  EXPECT_EQ(ni62["periods"][2]["window"]["from"], "2018-01-01");
  EXPECT_EQ(ni62["periods"][2]["direction"]["vs_previous"], "declining");
  EXPECT_EQ(ni62["periods"][2]["benchmarks"][0]["comparison"], "worse");
  EXPECT_EQ(ni62["tolerance"]["value"], 1.5);
  EXPECT_TRUE(doc["indicators"][1]["tolerance"].is_null());
  EXPECT_EQ(doc["indicators"][2]["status"], "not_computed");
  EXPECT_EQ(doc["indicators"][2]["periods"].size(), 0u);
}

TEST(Json, MasksSuppressedCountsAndBreakdownCells) {
  model::Scorecard s = testing::small_scorecard();
  model::PeriodResult& p = s.indicators[0].periods[2];
  p.suppressed = true;
  p.observation.numerator.reset();
  p.observation.value.reset();
  const json doc = json::parse(to_json(s));
  EXPECT_TRUE(doc["indicators"][0]["periods"][2]["flags"]["suppressed"].get<bool>());
  EXPECT_TRUE(doc["indicators"][0]["periods"][2]["numerator"].is_null());
  const json& under_one = doc["indicators"][1]["periods"][2]["breakdowns"][0];
  EXPECT_EQ(under_one["category"], "Under 1");
  EXPECT_TRUE(under_one["suppressed"].get<bool>());
  EXPECT_TRUE(under_one["numerator"].is_null());  // the 3 never reaches the file
  EXPECT_EQ(doc["indicators"][1]["periods"][2]["breakdowns"][1]["numerator"], 41);
}

// ---- CSV ----------------------------------------------------------------------------------

TEST(Csv, MatchesGoldenFile) { expect_golden("scorecard.csv", to_csv(testing::small_scorecard())); }

TEST(Csv, StartsWithByteOrderMarkAndQuotesPerRfc4180) {
  model::Scorecard s = testing::small_scorecard();
  s.indicators[1].name = "Looked after, \"CLA\"\nat end";
  const std::string csv = to_csv(s);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3),
            "code,id,name,theme,unit,polarity,period,start,end,numerator,denominator,value,target,"
            "rag,vs_previous,vs_last_year,england,statistical_neighbours,region,small_number,"
            "suppressed,status,message,interval_low,interval_high,within_chance,published_year,"
            "england_significance,statistical_neighbours_significance,region_significance,"
            "published_own,rank,ranked,quartile,neighbours_with_value,neighbours_missing,"
            "benchmark_note");
  EXPECT_NE(csv.find(",\"Looked after, \"\"CLA\"\"\nat end\","), std::string::npos);
  // 3 + 3 periods, 1 row for the indicator with none, 1 header; CLA1's 3 rows each hold a
  // line break inside a quoted field.
  EXPECT_EQ(count(csv, "\r\n"), 8u);
  EXPECT_EQ(count(csv, "\n"), 11u);
  EXPECT_NE(csv.find(",11.666666666666666,"), std::string::npos);  // full precision
}

TEST(Csv, TextThatASpreadsheetWouldRunAsAFormulaIsDefused) {
  model::Scorecard s = testing::small_scorecard();
  s.indicators[1].name = "=HYPERLINK(\"http://x\")";
  s.indicators[1].message = "@SUM(A1)";
  const std::string csv = to_csv(s);
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos);
  EXPECT_NE(csv.find(",'@SUM(A1)"), std::string::npos);
}

// ---- HTML ---------------------------------------------------------------------------------

std::string board_html() {
  const model::Scorecard s = testing::board_scorecard();
  return to_html(s, {});
}

TEST(Html, EscapesTextFromTheConfigAndTheData) {
  const std::string html = board_html();
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;not run&#39;)&lt;/script&gt;"), std::string::npos);
  model::Scorecard s = testing::small_scorecard();
  s.authority.name = "Barking & <Dagenham>";
  s.indicators[2].message = "column \"<img src=x onerror=alert(1)>\"";
  const std::string other = to_html(s, {});
  EXPECT_NE(other.find("Barking &amp; &lt;Dagenham&gt;"), std::string::npos);
  EXPECT_EQ(other.find("<img"), std::string::npos);
}

// Every src= or href= value that is not a fragment (#...) or a data: URL.
std::vector<std::string> external_references(const std::string& html) {
  std::string lower = html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> found;
  for (const std::string attribute : {"src", "href"}) {
    for (size_t at = lower.find(attribute); at != std::string::npos;
         at = lower.find(attribute, at + 1)) {
      size_t i = at + attribute.size();
      while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
      if (i >= lower.size() || lower[i] != '=') continue;
      ++i;
      while (i < lower.size() && (std::isspace(static_cast<unsigned char>(lower[i])) ||
                                  lower[i] == '"' || lower[i] == '\''))
        ++i;
      const std::string value = lower.substr(i, 8);
      if (value.rfind("#", 0) != 0 && value.rfind("data:", 0) != 0) found.push_back(value);
    }
  }
  return found;
}

TEST(Html, IsSelfContained) {
  const std::string html = board_html();
  EXPECT_EQ(external_references(html), std::vector<std::string>{});
  EXPECT_EQ(external_references("<img SRC = 'HTTP://x'><a href=\"#top\">").size(), 1u);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
}

TEST(Html, IsAccessibleAndPrintsOnA4Landscape) {
  const std::string html = board_html();
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_EQ(count(html, "<table"), count(html, "<caption>"));
  EXPECT_GT(count(html, "<th scope=\"col\""), 20u);
  EXPECT_GT(count(html, "<th scope=\"row\""), 13u);
  EXPECT_NE(html.find("@page{size:A4 landscape"), std::string::npos);
  EXPECT_NE(html.find("tr{break-inside:avoid"), std::string::npos);
}

TEST(Html, ShowsTheHeaderAndTheSummaryWithPercentages) {
  const std::string html = board_html();
  EXPECT_NE(html.find("Demo Borough"), std::string::npos);
  EXPECT_NE(html.find("2018-19 Q3 (1 October 2018 to 31 December 2018)"), std::string::npos);
  EXPECT_NE(html.find("<dt>Data to</dt><dd>28 December 2018</dd>"), std::string::npos);
  EXPECT_NE(html.find("14 January 2019, 09:30 UTC"), std::string::npos);
  const model::RagSummary all = testing::board_scorecard().summary[0];
  const int total = all.green + all.amber + all.red + all.not_rated + all.not_computed;
  ASSERT_EQ(total, 13);
  EXPECT_NE(
      html.find("<th scope=\"row\">All indicators</th><td class=\"num\">" +
                std::to_string(all.green) + " <span class=\"sub\">" +
                std::to_string(static_cast<int>(std::lround(100.0 * all.green / 13))) + "%</span>"),
      std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Corporate Parenting Board</th>"), std::string::npos);
}

// Cuts one indicator's row out of the page.
std::string row_of(const std::string& html, const std::string& code) {
  const size_t start = html.find("<tr class=\"indicator\" data-code=\"" + code + "\"");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</tr>", start) - start);
}

TEST(Html, ShowsEachIndicatorsFigureInWordsAndNotByColourAlone) {
  const model::Scorecard s = testing::small_scorecard();
  const std::string html = to_html(s, {});
  const std::string ni62 = row_of(html, "NI 62");
  ASSERT_FALSE(ni62.empty());
  EXPECT_NE(ni62.find(">11.7%<"), std::string::npos);  // rounded to 1 decimal, with its unit
  EXPECT_NE(ni62.find("7 of 60"), std::string::npos);
  EXPECT_NE(ni62.find(">10.0%<"), std::string::npos);  // the target
  EXPECT_NE(ni62.find("<span class=\"rag rag-red\">Red</span>"), std::string::npos);
  EXPECT_NE(ni62.find("\u25BC declining"), std::string::npos);
  EXPECT_NE(ni62.find("\u25BA unchanged"), std::string::npos);
  EXPECT_NE(ni62.find("Worse than England (10.0%)"), std::string::npos);
  EXPECT_NE(ni62.find("Worse than Statistical neighbours (11.2%)"), std::string::npos);
  EXPECT_NE(ni62.find("Two children, &quot;siblings&quot;, moved twice"), std::string::npos);
  const std::string cla1 = row_of(html, "CLA1");
  EXPECT_NE(cla1.find(">310<"), std::string::npos);
  EXPECT_NE(cla1.find("Not rated"), std::string::npos);
  EXPECT_NE(cla1.find("Small numbers"), std::string::npos);
  const std::string vp7 = row_of(html, "VP7");
  EXPECT_NE(
      vp7.find("Not computed:</strong> dataset &#39;episodes&#39; has no column &#39;REC&#39;"),
      std::string::npos);
  EXPECT_NE(vp7.find("rag-not-computed\">Not computed<"), std::string::npos);
}

TEST(Html, ANeutralIndicatorThatMovedSaysUpOrDownWithoutJudging) {
  // CLA1 (no better direction) rises by 2 a quarter in the board sample: up against the
  // previous quarter and against the same quarter a year earlier, with no improving/declining
  // colour class.
  const std::string cla1 = row_of(board_html(), "CLA1");
  ASSERT_FALSE(cla1.empty());
  EXPECT_NE(cla1.find("<span class=\"dir dir-up\">\u25B2 up</span><span class=\"sub\">vs previous "
                      "period</span>"),
            std::string::npos);
  EXPECT_NE(cla1.find("<span class=\"dir dir-up\">\u25B2 up</span><span class=\"sub\">vs a year "
                      "earlier</span>"),
            std::string::npos);
  EXPECT_EQ(cla1.find("no comparison"), std::string::npos);
  EXPECT_EQ(cla1.find("improving"), std::string::npos);
}

TEST(Html, FormatsEachUnitForAPerson) {
  EXPECT_EQ(with_unit(68.25, Unit::kPercent, 1), "68.3%");  // half away from zero, as Excel
  EXPECT_EQ(with_unit(-2.5, Unit::kNumber, 0), "-3");
  EXPECT_EQ(with_unit(412.4, Unit::kDays, 0), "412 days");
  EXPECT_EQ(with_unit(52.345, Unit::kRatePer10000, 1), "52.3 per 10,000");
  EXPECT_EQ(with_unit(1234567, Unit::kCount, 0), "1,234,567");
  EXPECT_EQ(with_unit(-0.04, Unit::kNumber, 1), "0.0");
  EXPECT_EQ(rounded(-1234.5, 1), "-1,234.5");
  EXPECT_EQ(plain_number(100.0 * 7 / 60), "11.666666666666666");
  EXPECT_EQ(plain_number(310), "310");
}

TEST(Html, DrawsATrendOfEveryPointWithTheTargetLine) {
  const model::Scorecard s = testing::board_scorecard();
  const std::string html = to_html(s, {});
  const std::string ni63 = row_of(html, "NI 63");
  EXPECT_EQ(count(ni63, "<svg class=\"trend\""), 1u);
  EXPECT_EQ(count(ni63, "<circle"), 9u);
  EXPECT_NE(ni63.find("stroke-dasharray=\"4 3\""), std::string::npos);  // the target
  EXPECT_NE(ni63.find("<title id=\"trend-4-t\">Trend of NI 63 over 9 periods, from "),
            std::string::npos);
  EXPECT_NE(ni63.find("target 70.0% (dashed)"), std::string::npos);
  // History from the store: the trend draws what HistoryStore::trends gives, with changes.
  Trends trends;
  for (int i = 0; i < 12; ++i)
    trends["NI 63"].push_back({"Q" + std::to_string(i),
                               Date::from_ymd(2016, 1, 1).add_months(3 * i), 60.0 + i, 70.0,
                               "2019-01-14T09:30:00Z", i < 3, i == 3});
  const std::string with_history = row_of(to_html(s, trends), "NI 63");
  EXPECT_EQ(count(with_history, "<circle"), 12u);
  EXPECT_EQ(count(with_history, "fill=\"#ffffff\""), 3u);  // earlier runs' points, hollow
  EXPECT_NE(with_history.find("Q3: 63.0% (definition changed)"), std::string::npos);
  EXPECT_NE(with_history.find("stroke-dasharray=\"1 2\""), std::string::npos);
}

TEST(Html, ShowsBreakdownsWithSuppressedCellsMasked) {
  const std::string html = board_html();
  EXPECT_NE(html.find("<caption>CLA1 Children looked after at the period end, by Sex, 2018-19 "
                      "Q3</caption>"),
            std::string::npos);
  EXPECT_NE(html.find(", by Age band, "), std::string::npos);
  EXPECT_NE(html.find(", by Ethnicity, "), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Under 1</th><td class=\"num\">Suppressed</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">10 to 15</th><td class=\"num\">121</td>"),
            std::string::npos);
}

TEST(Html, ListsDataQualityIssuesOrSaysNoneWereRejected) {
  model::Scorecard s = testing::board_scorecard();
  const std::string html = to_html(s, {});
  EXPECT_NE(html.find("3 rows were left out of the figures"), std::string::npos);
  EXPECT_NE(html.find("<td>PLACE</td><td>Z9</td>"), std::string::npos);
  s.data_quality.clear();
  EXPECT_NE(to_html(s, {}).find("No rows were rejected"), std::string::npos);
}

// ---- xlsx ---------------------------------------------------------------------------------

std::string unzip(const std::filesystem::path& file, const std::string& member) {
  const std::filesystem::path out = file.parent_path() / "member.xml";
  const std::string command =
      "unzip -p '" + file.string() + "' '" + member + "' > '" + out.string() + "' 2>/dev/null";
  if (std::system(command.c_str()) != 0) return "";
  return read_file(out);
}

TEST(Xlsx, WritesAWorkbookWithSummaryAndDataSheets) {
  TempDir dir;
  const model::Scorecard s = testing::board_scorecard();
  write_xlsx(s, dir / "scorecard.xlsx");
  const std::string bytes = read_file(dir / "scorecard.xlsx");
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  if (std::system("command -v unzip >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "unzip is not installed: the sheets' content is not checked";
  const std::string workbook = unzip(dir / "scorecard.xlsx", "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Summary\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Data\""), std::string::npos);
  const std::string strings = unzip(dir / "scorecard.xlsx", "xl/sharedStrings.xml");
  for (const auto& r : s.indicators) EXPECT_NE(strings.find(">" + r.code + "<"), std::string::npos);
  EXPECT_NE(strings.find(">Green<"), std::string::npos);
  EXPECT_NE(strings.find(">Red<"), std::string::npos);
  const std::string summary = unzip(dir / "scorecard.xlsx", "xl/worksheets/sheet1.xml");
  EXPECT_NE(summary.find("<pane "), std::string::npos);  // frozen headings
  EXPECT_EQ(count(summary, "<row "), 14u);               // headings + 13 indicators
  const std::string data = unzip(dir / "scorecard.xlsx", "xl/worksheets/sheet2.xml");
  EXPECT_EQ(count(data, "<row "), 1u + 11 * 9 + 2);  // 11 computed x 9 quarters, 2 without
  const std::string styles = unzip(dir / "scorecard.xlsx", "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0.0&quot;%&quot;\""), std::string::npos);
  EXPECT_NE(styles.find("FFCCE5D4"), std::string::npos);  // the Green fill
}

TEST(Xlsx, FailsNamingTheFile) {
  TempDir dir;
  const auto file = dir / "no-such-dir" / "scorecard.xlsx";
  try {
    write_xlsx(testing::small_scorecard(), file);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}

// ---- files --------------------------------------------------------------------------------

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(Files, WriteAtomicallyReplacesTheFileAndLeavesNoTemporaryFile) {
  TempDir dir;
  write_atomically(dir / "scorecard.json", "old");
  write_atomically(dir / "scorecard.json", "new");
  EXPECT_EQ(read_file(dir / "scorecard.json"), "new");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"scorecard.json"});
}

TEST(Files, AFailedWriteNamesTheFileAndLeavesTheOldOneAndNoTemporaryFile) {
  TempDir dir;
  std::filesystem::create_directory(dir / "scorecard.html");  // rename over a directory fails
  write_file(dir / "scorecard.html" / "keep", "old");
  try {
    write_atomically(dir / "scorecard.html", "<html>");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "scorecard.html").string()), std::string::npos);
  }
  EXPECT_EQ(read_file(dir / "scorecard.html" / "keep"), "old");
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"scorecard.html"});
  EXPECT_THROW(write_atomically(dir / "missing" / "x.csv", "a"), std::runtime_error);
}

TEST(Files, WriteReportsWritesEveryFileAndRecordsTheRun) {
  TempDir dir;
  ReportOptions options;
  options.out_dir = dir / "out" / "q3";
  const auto written = write_reports(testing::board_scorecard(), options);
  ASSERT_EQ(written.size(), 4u);
  EXPECT_EQ(names_in(options.out_dir),
            (std::vector<std::string>{"history.sqlite", "scorecard.csv", "scorecard.html",
                                      "scorecard.json", "scorecard.xlsx"}));
  EXPECT_EQ(read_file(options.out_dir / "scorecard.json"), to_json(testing::board_scorecard()));
  const Trends trends =
      HistoryStore(options.out_dir / "history.sqlite").trends(testing::board_scorecard());
  EXPECT_EQ(trends.at("NI 62").size(), 9u);

  ReportOptions bare;
  bare.out_dir = dir / "bare";
  bare.history_db = dir / "elsewhere.sqlite";
  bare.html = bare.xlsx = false;
  EXPECT_EQ(write_reports(testing::small_scorecard(), bare).size(), 2u);
  EXPECT_EQ(names_in(bare.out_dir), (std::vector<std::string>{"scorecard.csv", "scorecard.json"}));
  EXPECT_TRUE(std::filesystem::exists(dir / "elsewhere.sqlite"));
}

}  // namespace
}  // namespace scorecard::reports
