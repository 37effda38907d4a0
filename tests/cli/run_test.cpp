// `scorecard run` end to end: the demo authority's reports, the JSON against its schema,
// needs checked before anything is computed, a DfE-layout folder made elsewhere, logs without
// children's identifiers, trends across runs from the history store, and the exit codes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cctype>
#include <map>
#include <set>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

const std::string kCsvHeader =
    "code,id,name,theme,unit,polarity,period,start,end,numerator,denominator,value,target,rag,"
    "vs_previous,vs_last_year,england,statistical_neighbours,region,small_number,suppressed,"
    "status,message,interval_low,interval_high,within_chance,published_year,england_significance,"
    "statistical_neighbours_significance,region_significance,published_own,rank,ranked,quartile,"
    "neighbours_with_value,neighbours_missing,benchmark_note";

// Records of an RFC 4180 text (a quoted field may hold line breaks), the header included.
size_t csv_records(const std::string& text) {
  size_t records = 0;
  bool quoted = false, any = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) {
      records += any ? 1 : 0;
      any = false;
    } else if (c != '\r') {
      any = true;
    }
  }
  return records + (any ? 1 : 0);
}

// Runs the demo configuration for a period into `out` (relative to `tmp`).
Result run_demo(const TempDir& tmp, const std::string& period = "2018-19 Q3",
                const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"run",   "--config", kDemoConfig.string(), "--period", period,
                                "--out", "out"};
  args.insert(args.end(), extra.begin(), extra.end());
  return scorecard(args, tmp.path());
}

// Rows of a query on a SQLite file, each row's columns joined by '|'.
std::vector<std::string> query(const fs::path& db_file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_file.string());
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(message);
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* text = sqlite3_column_text(st, i);
      row += (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

// ---------------------------------------------------------------------------------------
// The demo.

TEST(CliDemo, RunWritesTheFourReportsWithEveryIndicatorComputed) {
  TempDir tmp;
  const Result r = run_demo(tmp);
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_LT(r.seconds, 20);
  EXPECT_EQ(lines_of(r.out).front().rfind("Demo Borough, 2018-19 Q3: 30 indicators: ", 0), 0u)
      << r.out;
  EXPECT_TRUE(contains(r.out, "0 not computed")) << r.out;
  for (const char* f : {"scorecard.json", "scorecard.csv", "scorecard.html", "scorecard.xlsx"})
    EXPECT_TRUE(has_line(r.out, std::string("wrote out/") + f)) << r.out;

  const json card = read_json(tmp / "out/scorecard.json");
  EXPECT_TRUE(card.at("schema_version").is_string());
  EXPECT_EQ(card.at("schema_version").get<std::string>().substr(0, 2), "1.");
  EXPECT_EQ(card.at("authority").at("name"), "Demo Borough");
  EXPECT_EQ(card.at("period").at("label"), "2018-19 Q3");
  EXPECT_EQ(card.at("period").at("start"), "2018-10-01");
  EXPECT_EQ(card.at("period").at("end"), "2018-12-31");
  EXPECT_EQ(card.at("data_quality").size(), 0u);
  const json& indicators = card.at("indicators");
  ASSERT_EQ(indicators.size(), 30u);
  std::set<std::string> codes;
  for (const auto& ind : indicators) {
    const std::string code = ind.at("code");
    SCOPED_TRACE(code);
    codes.insert(code);
    EXPECT_EQ(ind.at("status"), "ok") << ind.at("message");
    for (const char* key : {"id", "name", "unit", "polarity", "target", "tolerance", "benchmarks"})
      EXPECT_TRUE(ind.contains(key)) << key;
    const json& periods = ind.at("periods");
    ASSERT_EQ(periods.size(), 9u);
    EXPECT_EQ(periods.front().at("label"), "2016-17 Q3");  // the same quarter two years back
    EXPECT_EQ(periods.back().at("label"), "2018-19 Q3");
    for (const auto& p : periods) {
      EXPECT_TRUE(p.at("rag").is_string());
      EXPECT_TRUE(p.at("direction").contains("vs_previous"));
      EXPECT_TRUE(p.at("direction").contains("vs_last_year"));
      EXPECT_TRUE(p.at("benchmarks").is_array());
      EXPECT_TRUE(p.contains("value"));
    }
  }
  EXPECT_EQ(codes.size(), 30u) << "codes name each use: they must differ";

  const std::string csv = read_file(tmp / "out/scorecard.csv");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3, kCsvHeader.size() + 2), kCsvHeader + "\r\n");
  EXPECT_EQ(csv_records(csv), 1u + 30u * 9u);

  const std::string html = read_file(tmp / "out/scorecard.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(contains(html.substr(html.size() - 16), "</html>"));
  for (const auto& code : codes)
    EXPECT_TRUE(contains(html, "data-code=\"" + html_escape(code) + "\"")) << code;

  EXPECT_EQ(read_file(tmp / "out/scorecard.xlsx").substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(query(tmp / "out/history.sqlite", "SELECT count(*) FROM observations"),
            std::vector<std::string>{"270"});
}

TEST(CliDemo, NoHtmlAndNoXlsxLeaveThemOut) {
  TempDir tmp;
  const Result r = run_demo(tmp, "2018-19 Q3", {"--no-html", "--no-xlsx", "--history", "0"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(fs::exists(tmp / "out/scorecard.json"));
  EXPECT_TRUE(fs::exists(tmp / "out/scorecard.csv"));
  EXPECT_FALSE(fs::exists(tmp / "out/scorecard.html"));
  EXPECT_FALSE(fs::exists(tmp / "out/scorecard.xlsx"));
  EXPECT_EQ(read_json(tmp / "out/scorecard.json").at("indicators").at(0).at("periods").size(), 1u);
}

TEST(CliDemo, EverySpellingOfAPeriod) {
  const std::map<std::string, std::string> label_of = {
      {"2018/19 Q3", "2018-19 Q3"}, {"2018-19", "2018-19"}, {"2019-01", "2019-01"}};
  for (const auto& [given, label] : label_of) {
    SCOPED_TRACE(given);
    TempDir tmp;
    const Result r = run_demo(tmp, given, {"--history", "0", "--no-html", "--no-xlsx"});
    ASSERT_EQ(r.exit_code, kOk) << describe(r);
    EXPECT_EQ(read_json(tmp / "out/scorecard.json").at("period").at("label"), label);
  }
  TempDir tmp;
  const Result r = scorecard({"run", "--config", kDemoConfig.string(), "--as-at", "31/03/2019",
                              "--history", "0", "--out", "out", "--no-html", "--no-xlsx"},
                             tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_EQ(read_json(tmp / "out/scorecard.json").at("period").at("end"), "2019-03-31");
}

// Validates a JSON file against docs/scorecard.schema.json with python3's jsonschema.
// Returns 77 when python3 or jsonschema is missing.
Result validate_against_schema(const fs::path& document) {
  const std::string script =
      "import json, sys\n"
      "try:\n"
      "    import jsonschema\n"
      "except ImportError:\n"
      "    sys.exit(77)\n"
      "schema = json.load(open(sys.argv[1]))\n"
      "doc = json.load(open(sys.argv[2]))\n"
      "cls = jsonschema.validators.validator_for(schema)\n"
      "cls.check_schema(schema)\n"
      "errors = sorted(cls(schema).iter_errors(doc), key=str)\n"
      "for e in errors[:10]:\n"
      "    print(list(e.absolute_path), e.message)\n"
      "sys.exit(1 if errors else 0)\n";
  Result r = run_program(
      "/usr/bin/env",
      {"python3", "-c", script, (kSource / "docs" / "scorecard.schema.json").string(), document});
  if (r.exit_code == 127) r.exit_code = 77;  // no python3
  return r;
}

TEST(CliDemo, JsonValidatesAgainstTheSchema) {
  // The demo (every indicator ok), a run with an indicator not computed, and a run with rows
  // reported under on_error: report.
  TempDir tmp;
  ASSERT_EQ(run_demo(tmp).exit_code, kOk);
  link_demo_data(tmp / "no_oc3", {"oc3.csv"});
  write_demo_config(tmp / "no_oc3.yaml", tmp / "no_oc3");
  ASSERT_EQ(
      scorecard({"run", "--config", "no_oc3.yaml", "--period", "2018-19 Q3", "--out", "out_no_oc3"},
                tmp.path())
          .exit_code,
      kIncomplete);
  write_config(tmp / "report.yaml", kSource / "tests/datasets/bad/episodes_bad_date", {"cla.count"},
               "report");
  ASSERT_EQ(
      scorecard({"run", "--config", "report.yaml", "--period", "2018-19 Q3", "--out", "out_report"},
                tmp.path())
          .exit_code,
      kOk);
  for (const char* out : {"out", "out_no_oc3", "out_report"}) {
    SCOPED_TRACE(out);
    const Result v = validate_against_schema(tmp / out / "scorecard.json");
    if (v.exit_code == 77) GTEST_SKIP() << "python3 with jsonschema is not installed";
    EXPECT_EQ(v.exit_code, 0) << describe(v);
  }
}

// ---------------------------------------------------------------------------------------
// Needs are checked before any calculation; the rest of the scorecard still runs.

TEST(CliNeeds, MissingDatasetLeavesOnlyItsIndicatorNotComputed) {
  TempDir tmp;
  link_demo_data(tmp / "data", {"oc3.csv"});
  write_demo_config(tmp / "scorecard.yaml", tmp / "data");
  const Result r = scorecard(
      {"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3", "--out", "out"}, tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  EXPECT_TRUE(contains(r.out, "1 not computed")) << r.out;
  const json card = read_json(tmp / "out/scorecard.json");
  ASSERT_EQ(card.at("indicators").size(), 30u);
  for (const auto& ind : card.at("indicators")) {
    SCOPED_TRACE(ind.at("code").get<std::string>());
    if (ind.at("id") == "care_leavers.eet") {
      EXPECT_EQ(ind.at("status"), "not_computed");
      const std::string message = ind.at("message");
      EXPECT_TRUE(contains(message, "needs dataset 'oc3'")) << message;
      EXPECT_TRUE(contains(message, "oc3.csv")) << message;
      EXPECT_TRUE(
          has_line(r.out, "  " + ind.at("code").get<std::string>() + " not_computed: " + message))
          << r.out;
    } else {
      EXPECT_EQ(ind.at("status"), "ok") << ind.at("message");
    }
  }
}

// Which indicator ids need a column of a dataset (not optionally), from `plugins list --json`.
std::set<std::string> ids_needing(const std::string& dataset, const std::string& column) {
  const Result r = scorecard({"plugins", "list", "--json"});
  if (r.exit_code != kOk) throw std::runtime_error(describe(r));
  const json list = json::parse(r.out);
  std::set<std::string> ids;
  for (const auto& plugin : list.at("plugins"))
    for (const auto& ind : plugin.at("indicators"))
      for (const auto& need : ind.at("needs"))
        if (need.at("dataset") == dataset && !need.at("optional").get<bool>())
          for (const auto& col : need.at("columns"))
            if (col.at("name") == column && !col.at("optional").get<bool>())
              ids.insert(ind.at("id").get<std::string>());
  return ids;
}

TEST(CliNeeds, MissingColumnLeavesTheIndicatorsThatNeedItNotComputed) {
  TempDir tmp;
  link_demo_data(tmp / "data", {"episodes.csv"});
  // The demo's episodes without the PLACE column (the demo file has no quoted fields).
  std::string without_place;
  int place = -1;
  for (const auto& line : lines_of(read_file(kDemo / "data/episodes.csv"))) {
    std::vector<std::string> cells;
    size_t from = 0;
    for (size_t comma; (comma = line.find(',', from)) != std::string::npos; from = comma + 1)
      cells.push_back(line.substr(from, comma - from));
    cells.push_back(line.substr(from));
    if (place < 0) place = int(std::find(cells.begin(), cells.end(), "PLACE") - cells.begin());
    ASSERT_LT(place, int(cells.size()));
    cells.erase(cells.begin() + place);
    for (size_t i = 0; i < cells.size(); ++i) without_place += (i ? "," : "") + cells[i];
    without_place += "\n";
  }
  write_file(tmp / "data/episodes.csv", without_place);
  write_demo_config(tmp / "scorecard.yaml", tmp / "data");

  const std::set<std::string> need_place = ids_needing("episodes", "PLACE");
  EXPECT_GE(need_place.size(), 5u);
  const Result r = scorecard(
      {"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3", "--out", "out"}, tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  size_t not_computed = 0;
  for (const auto& ind : card.at("indicators")) {
    SCOPED_TRACE(ind.at("code").get<std::string>());
    const bool needs_place = need_place.count(ind.at("id").get<std::string>());
    if (needs_place) {
      ++not_computed;
      EXPECT_EQ(ind.at("status"), "not_computed");
      EXPECT_TRUE(contains(ind.at("message").get<std::string>(),
                           "needs column PLACE in dataset 'episodes'"))
          << ind.at("message");
    } else {
      EXPECT_EQ(ind.at("status"), "ok") << ind.at("message");
    }
  }
  EXPECT_GE(not_computed, 5u);
  EXPECT_TRUE(contains(r.out, std::to_string(not_computed) + " not computed")) << r.out;
}

// ---------------------------------------------------------------------------------------
// A folder of DfE-layout SSDA903 CSVs made elsewhere: tests/cli/data/dfe_extract/.
//
//   episodes_2018.csv  LF, no BOM, dd/mm/yyyy, a quoted field with a comma and one with a
//                      line break; header " child , decom , rne , ... , notes " (lower case,
//                      spaces, an extra column the schema does not know).
//   episodes_2019.csv  BOM, CRLF, mostly ISO dates; repeats DFE002's P episode of
//                      01/09/2018 (written " DFE002 ", "2018-09-01", " p ", "c2", "U5" quoted:
//                      the same values, so it counts once) and corrects DFE005's episode of
//                      01/07/2018 (the 2018 file had it ceasing 15/10/2018 with E4A; the later
//                      file has it still open: the later row wins).
//   header.csv         BOM, CRLF, lower-case header, quoted fields, both date styles.
//
// Episodes once loaded (CHILD: DECOM RNE PLACE .. DEC REC):
//   DFE001: 01/06/2017 S U4 .. 01/02/2018 X1; 01/02/2018 P U5 .. 01/08/2018 X1;
//           01/08/2018 P U4 .. open
//   DFE002: 01/05/2018 S U4 .. 01/09/2018 X1; 01/09/2018 P U5 .. open   (once, not twice)
//   DFE003: 01/01/2016 S U4 .. 01/05/2017 X1; 01/05/2017 P A3 .. 15/11/2018 E11 (adopted)
//   DFE004: 01/03/2018 S U4 .. 20/10/2018 E4B (home, not as part of care planning)
//   DFE005: 01/07/2018 S U6 .. open   (the 2019 correction)
//
// 2018-19 Q3, as at 31/12/2018:
//   CLA (looked after on 31/12/2018): DFE001, DFE002, DFE005 = 3. (DFE003 and DFE004 left.)
//   NI 62 (3+ placements in (31/12/2017, 31/12/2018]): denominator the 3 looked after.
//     DFE001: looked after on 31/12/2017 (1) + P on 01/02/2018 + P on 01/08/2018 = 3: yes.
//     DFE002: S on 01/05/2018 + P on 01/09/2018 = 2: no (3 if the repeated row counted twice).
//     DFE005: S on 01/07/2018 = 1: no.
//     => 1 / 3 = 33.3%.
//   VP7 (ceased in 01/10/2018-31/12/2018, REC not X1): DFE003 (E11: permanence) and DFE004
//     (E4B: not) => 1 / 2 = 50%. (Had the 2018 version of DFE005 won: 2 / 3, and CLA 2.)

TEST(CliDfeExtract, RunGivesTheFiguresWorkedByHand) {
  TempDir tmp;
  write_config(tmp / "scorecard.yaml", kTestData / "dfe_extract",
               {"cla.count", "cla.stability.short_term", "cla.permanence"});
  const Result r = scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3",
                              "--history", "0", "--out", "out"},
                             tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const json card = read_json(tmp / "out/scorecard.json");
  EXPECT_EQ(card.at("data_quality").size(), 0u);

  const json& cla = period_of(indicator_with_code(card, "CLA"));
  EXPECT_EQ(cla.at("value"), 3);
  const json& ni62 = period_of(indicator_with_code(card, "NI 62"));
  EXPECT_EQ(ni62.at("numerator"), 1);
  EXPECT_EQ(ni62.at("denominator"), 3);
  EXPECT_NEAR(ni62.at("value").get<double>(), 100.0 / 3, 1e-9);
  const json& vp7 = period_of(indicator_with_code(card, "VP7"));
  EXPECT_EQ(vp7.at("numerator"), 1);
  EXPECT_EQ(vp7.at("denominator"), 2);
  EXPECT_EQ(vp7.at("value"), 50);

  // The replaced row is named by file and line, never by the child's identifier.
  const std::string dir = (kTestData / "dfe_extract").string();
  EXPECT_TRUE(contains(r.err, "warning: episodes: " + dir + "/episodes_2019.csv line 5 replaces " +
                                  dir + "/episodes_2018.csv line 9"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "episodes: 9 rows from 2 file(s) (1 duplicates, 1 replaced, "))
      << r.err;
  EXPECT_FALSE(contains(r.err, "DFE0")) << r.err;
}

TEST(CliDfeExtract, ExplainListsTheChildrenWorkedByHand) {
  TempDir tmp;
  write_config(tmp / "scorecard.yaml", kTestData / "dfe_extract",
               {"cla.count", "cla.stability.short_term", "cla.permanence"});
  const Result r = scorecard(
      {"explain", "NI 62", "--config", "scorecard.yaml", "--period", "2018-19 Q3"}, tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  const auto lines = lines_of(r.out);
  const std::vector<std::string> records(lines.begin() + 2, lines.end());
  EXPECT_EQ(records,
            (std::vector<std::string>{"# numerator records (1)", "DFE001",
                                      "# denominator records (3)", "DFE001", "DFE002", "DFE005"}))
      << r.out;
}

// ---------------------------------------------------------------------------------------
// No child's identifier in a log line at info level or above.

std::set<std::string> tokens_of(const std::string& text) {
  std::set<std::string> tokens;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += c;
    } else if (!word.empty()) {
      tokens.insert(word);
      word.clear();
    }
  }
  return tokens;
}

TEST(CliLogs, NoChildIdentifierAtInfoLevel) {
  std::set<std::string> children;
  bool header = true;
  for (const auto& line : lines_of(read_file(kDemo / "data/header.csv"))) {
    if (!header) children.insert(line.substr(0, line.find(',')));
    header = false;
  }
  ASSERT_GE(children.size(), 1000u);

  TempDir tmp;
  const std::vector<std::vector<std::string>> commands = {
      {"run", "--config", kDemoConfig.string(), "--period", "2018-19 Q3", "--out", "out",
       "--log-level", "info"},
      {"validate", "--config", kDemoConfig.string(), "--log-level", "info"},
      {"explain", "NI 62", "--config", kDemoConfig.string(), "--period", "2018-19 Q3",
       "--log-level", "info"}};
  for (const auto& args : commands) {
    SCOPED_TRACE(args.front());
    const Result r = scorecard(args, tmp.path());
    ASSERT_EQ(r.exit_code, kOk) << describe(r);
    EXPECT_TRUE(contains(r.err, "info: ")) << "the run logged nothing at info level";
    for (const auto& token : tokens_of(r.err))
      EXPECT_FALSE(children.count(token)) << "child identifier " << token << " in the log";
  }
}

// ---------------------------------------------------------------------------------------
// Trends across runs: each run computes only its own quarter (--history 0); the second run's
// HTML trend includes the first run's point, from the history store.

TEST(CliHistory, SecondQuarterTrendIncludesTheFirstRunsPoint) {
  TempDir tmp;
  const Result q2 = run_demo(tmp, "2018-19 Q2", {"--history", "0"});
  ASSERT_EQ(q2.exit_code, kOk) << describe(q2);
  const double q2_value =
      period_of(indicator_with_code(read_json(tmp / "out/scorecard.json"), "NI 62")).at("value");
  const Result q3 = run_demo(tmp, "2018-19 Q3", {"--history", "0"});
  ASSERT_EQ(q3.exit_code, kOk) << describe(q3);
  const json card = read_json(tmp / "out/scorecard.json");
  const json& ni62 = indicator_with_code(card, "NI 62");
  ASSERT_EQ(ni62.at("periods").size(), 1u);  // this run computed Q3 only
  const double q3_value = period_of(ni62).at("value");

  const fs::path db = tmp / "out/history.sqlite";
  EXPECT_EQ(query(db, "SELECT period_label FROM runs ORDER BY id"),
            (std::vector<std::string>{"2018-19 Q2", "2018-19 Q3"}));
  const auto points = query(db,
                            "SELECT o.period_label, o.value FROM observations o "
                            "WHERE o.code = 'NI 62' ORDER BY o.period_end");
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].substr(0, 11), "2018-19 Q2|");
  EXPECT_NEAR(std::stod(points[0].substr(11)), q2_value, 1e-9);
  EXPECT_EQ(points[1].substr(0, 11), "2018-19 Q3|");
  EXPECT_EQ(query(db, "SELECT count(*) FROM observations"), std::vector<std::string>{"60"});

  // NI 62's row: its trend's description names both quarters with their rounded values.
  const std::string html = read_file(tmp / "out/scorecard.html");
  const auto row = html.find("data-code=\"NI 62\"");
  ASSERT_NE(row, std::string::npos);
  const std::string tr = html.substr(row, html.find("</tr>", row) - row);
  char want[128];
  std::snprintf(want, sizeof want, "2018-19 Q2: %.1f%%; 2018-19 Q3: %.1f%%</desc>", q2_value,
                q3_value);
  EXPECT_TRUE(contains(tr, want)) << want << "\nnot in\n" << tr;
  EXPECT_TRUE(contains(tr, ">2018-19 Q2</text>")) << tr;
  EXPECT_TRUE(contains(tr, ">2018-19 Q3</text>")) << tr;
  EXPECT_TRUE(contains(tr, "fill=\"#ffffff\"")) << "the earlier run's point is hollow\n" << tr;

  // Re-running a quarter replaces its rows rather than adding to them.
  ASSERT_EQ(run_demo(tmp, "2018-19 Q3", {"--history", "0"}).exit_code, kOk);
  EXPECT_EQ(query(db, "SELECT count(*) FROM observations"), std::vector<std::string>{"60"});
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs"), std::vector<std::string>{"2"});
}

TEST(CliHistory, HistoryDbOptionPutsTheStoreElsewhere) {
  TempDir tmp;
  const Result r = run_demo(tmp, "2018-19 Q3", {"--history", "0", "--history-db", "kept.sqlite"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_FALSE(fs::exists(tmp / "out/history.sqlite"));
  EXPECT_EQ(query(tmp / "kept.sqlite", "SELECT count(*) FROM runs"), std::vector<std::string>{"1"});
}

// ---------------------------------------------------------------------------------------
// Options of run that must not change the figures, and what goes to stderr.

TEST(CliOptions, IsolateAndOneThreadGiveTheSameScorecard) {
  TempDir tmp;
  auto card_of = [&](const std::string& out, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--out", out, "--no-html", "--no-xlsx"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<std::string> all{"run", "--config", kDemoConfig.string(), "--period", "2018-19 Q3"};
    all.insert(all.end(), args.begin(), args.end());
    const Result r = scorecard(all, tmp.path());
    EXPECT_EQ(r.exit_code, kOk) << describe(r);
    json card = read_json(tmp / out / "scorecard.json");
    card.erase("run_at");
    return card;
  };
  const json plain = card_of("plain", {});
  EXPECT_EQ(card_of("isolated", {"--isolate"}), plain);
  EXPECT_EQ(card_of("one_thread", {"--threads", "1"}), plain);
}

// With --isolate the care index is built once, in the parent before the first fork, and every
// child process inherits it: the debug log says "care index of N children built" once, not
// once per indicator that reads it (the demo's set has more than ten).
TEST(CliOptions, IsolateBuildsTheCareIndexOnceForEveryChild) {
  TempDir tmp;
  const Result r = run_demo(tmp, "2018-19 Q3",
                            {"--history", "0", "--isolate", "--threads", "2", "--log-level",
                             "debug", "--no-html", "--no-xlsx"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  size_t built = 0;
  for (size_t at = r.err.find("care index of"); at != std::string::npos;
       at = r.err.find("care index of", at + 1))
    ++built;
  EXPECT_EQ(built, 1u) << r.err;
}

TEST(CliOptions, LogLevelOffLeavesStderrEmpty) {
  TempDir tmp;
  const Result r = run_demo(tmp, "2018-19 Q3", {"--history", "0", "--log-level", "off"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_EQ(r.err, "");
}

// --progress when stderr is not a terminal (a log file, a scheduler): one plain line per step,
// no terminal control codes.
TEST(CliOptions, ProgressOnAFileIsPlainLines) {
  TempDir tmp;
  const Result r =
      run_demo(tmp, "2018-19 Q3", {"--history", "0", "--log-level", "off", "--progress"});
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(has_line(r.err, "reading data")) << r.err;
  EXPECT_TRUE(has_line(r.err, "computing 30 indicators")) << r.err;
  EXPECT_TRUE(contains(r.err, "\ncomputed NI 62 (")) << r.err;
  EXPECT_TRUE(contains(r.err, " (30/30)\n")) << r.err;
  EXPECT_FALSE(contains(r.err, "\033"))
      << "BUG: run --progress writes the terminal code ESC [K to a file at the end";
  // Without --progress and without a terminal: no progress at all.
  const Result quiet = run_demo(tmp, "2018-19 Q3", {"--history", "0", "--log-level", "off"});
  EXPECT_EQ(quiet.err, "");
}

// ---------------------------------------------------------------------------------------
// Exit codes: 0 when every indicator is ok; 1 when one is not computed or in error.

TEST(CliExitCode, ZeroWhenAllAreOkOneWhenNotComputedOrInError) {
  TempDir tmp;
  EXPECT_EQ(run_demo(tmp, "2018-19 Q3", {"--history", "0"}).exit_code, kOk);

  link_demo_data(tmp / "no_oc3", {"oc3.csv"});
  write_demo_config(tmp / "no_oc3.yaml", tmp / "no_oc3");
  EXPECT_EQ(scorecard({"run", "--config", "no_oc3.yaml", "--period", "2018-19 Q3", "--history", "0",
                       "--out", "out2"},
                      tmp.path())
                .exit_code,
            kIncomplete);

  // A plugin that throws: status error with its message, the others run on.
  write_config(tmp / "throws.yaml", kDemo / "data", {"cla.count", "clitest.throws"}, "fail",
               {kFixturePlugins});
  const Result r = scorecard({"run", "--config", "throws.yaml", "--period", "2018-19 Q3",
                              "--history", "0", "--out", "out3"},
                             tmp.path());
  EXPECT_EQ(r.exit_code, kIncomplete) << describe(r);
  const json card = read_json(tmp / "out3/scorecard.json");
  EXPECT_EQ(indicator_with_code(card, "CLA").at("status"), "ok");
  const json& throws = indicator_with_code(card, "T THROWS");
  EXPECT_EQ(throws.at("status"), "error");
  EXPECT_TRUE(
      contains(throws.at("message").get<std::string>(), "the cli test plugin failed on purpose"))
      << throws.at("message");
  EXPECT_TRUE(contains(r.out, "  T THROWS error: ")) << r.out;
}

}  // namespace
}  // namespace scorecard::cli_test
