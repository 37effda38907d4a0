// HistoryStore: trends across runs, the replacement rule, definition changes, and that a
// failed record leaves the store as it was.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/reports/reports.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/temp_dir.hpp"

namespace scorecard::reports {
namespace {

using testing::TempDir;

// One indicator, A1 (a percentage), over the 9 quarters ending (year, quarter); each value is
// `base` plus the quarter's index, so a test can tell which run a point came from.
model::Scorecard run(int year, int quarter, double base, const std::string& run_at) {
  model::Scorecard s;
  s.authority = {"Demo Borough", "E09000999", 52000};
  s.run_at = run_at;
  s.config_hash = "c1";
  const model::PeriodResult reporting = testing::quarter(year, quarter);
  s.period = reporting.label;
  s.period_start = reporting.start;
  s.period_end = reporting.end;
  model::IndicatorResult r;
  r.id = "leavers.eet";
  r.code = "A1";
  r.name = "Care leavers in education, employment or training";
  r.indicator_version = "1.0.0";
  r.params = {{"ages", "19-21"}};
  r.periods = testing::quarters_to(year, quarter, 9);
  for (size_t i = 0; i < r.periods.size(); ++i) {
    r.periods[i].observation.value = base + static_cast<double>(i);
    r.periods[i].target = 55;
  }
  s.indicators.push_back(r);
  return s;
}

// Runs one query returning a single integer, through SQLite directly.
long long query(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  long long result = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW)
    result = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

void exec(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(file.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(HistoryStore, CreatesItsSchemaWithAVersion) {
  TempDir dir;
  { HistoryStore store(dir / "history.sqlite"); }
  EXPECT_EQ(query(dir / "history.sqlite", "SELECT version FROM schema_version"), 1);
  EXPECT_EQ(query(dir / "history.sqlite",
                  "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                  "('schema_version', 'runs', 'observations')"),
            3);
  HistoryStore again(dir / "history.sqlite");  // opening an existing store keeps it
  EXPECT_EQ(query(dir / "history.sqlite", "SELECT count(*) FROM schema_version"), 1);
}

TEST(HistoryStore, RefusesAFileThatIsNotAHistoryStoreNamingIt) {
  TempDir dir;
  testing::write_file(dir / "notes.sqlite", std::string(4096, 'x'));
  exec(dir / "other.sqlite", "CREATE TABLE children (id TEXT)");
  exec(dir / "future.sqlite",
       "CREATE TABLE schema_version (version INTEGER); "
       "INSERT INTO schema_version VALUES (99)");
  for (const char* name : {"notes.sqlite", "other.sqlite", "future.sqlite", "no/such/dir.sqlite"}) {
    try {
      HistoryStore store(dir / name);
      ADD_FAILURE() << name << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find((dir / name).string()), std::string::npos) << e.what();
    }
  }
}

TEST(HistoryStore, TrendsJoinTwoQuartersWithTheCurrentRunWinning) {
  TempDir dir;
  HistoryStore store(dir / "history.sqlite");
  store.record(run(2018, 2, 10, "2018-10-15T09:00:00Z"));  // Q2: 2016-17 Q2 .. 2018-19 Q2
  const model::Scorecard q3 = run(2018, 3, 20, "2019-01-14T09:00:00Z");
  store.record(q3);
  const std::vector<TrendPoint> points = store.trends(q3).at("A1");
  ASSERT_EQ(points.size(), 10u);
  EXPECT_EQ(points.front().label, "2016-17 Q2");
  EXPECT_TRUE(points.front().from_history);
  EXPECT_EQ(points.front().value, 10.0);  // only the Q2 run had it
  EXPECT_EQ(points.front().run_at, "2018-10-15T09:00:00Z");
  for (size_t i = 1; i < points.size(); ++i) {
    EXPECT_FALSE(points[i].from_history) << points[i].label;
    EXPECT_EQ(points[i].value, 20.0 + static_cast<double>(i - 1)) << points[i].label;
    EXPECT_LT(points[i - 1].end, points[i].end);
    EXPECT_FALSE(points[i].definition_changed);
  }
  EXPECT_EQ(points.back().label, "2018-19 Q3");
  EXPECT_EQ(points.back().target, 55.0);
}

TEST(HistoryStore, TrendsIncludeTheCurrentRunBeforeItIsRecorded) {
  TempDir dir;
  HistoryStore store(dir / "history.sqlite");
  store.record(run(2018, 2, 10, "2018-10-15T09:00:00Z"));
  const std::vector<TrendPoint> points = store.trends(run(2018, 3, 20, "2019-01-14")).at("A1");
  ASSERT_EQ(points.size(), 10u);
  EXPECT_EQ(points.back().value, 28.0);
  EXPECT_FALSE(points.back().from_history);
}

TEST(HistoryStore, RerunningAPeriodReplacesItsRows) {
  TempDir dir;
  HistoryStore store(dir / "history.sqlite");
  store.record(run(2018, 2, 10, "2018-10-15T09:00:00Z"));
  store.record(run(2018, 3, 20, "2019-01-14T09:00:00Z"));
  const auto observations = query(dir / "history.sqlite", "SELECT count(*) FROM observations");
  EXPECT_EQ(observations, 18);
  store.record(run(2018, 3, 30, "2019-01-15T09:00:00Z"));  // corrected data, same quarter
  EXPECT_EQ(query(dir / "history.sqlite", "SELECT count(*) FROM observations"), observations);
  EXPECT_EQ(query(dir / "history.sqlite", "SELECT count(*) FROM runs"), 2);
  EXPECT_EQ(query(dir / "history.sqlite",
                  "SELECT count(*) FROM observations WHERE value >= 20 AND value < 30"),
            0);
  const auto points = store.trends(run(2018, 3, 30, "2019-01-15T09:00:00Z")).at("A1");
  EXPECT_EQ(points.size(), 10u);
  EXPECT_EQ(points.back().value, 38.0);
}

TEST(HistoryStore, StoresWhatAnAnalystNeedsToReadIt) {
  TempDir dir;
  HistoryStore store(dir / "history.sqlite");
  model::Scorecard s = run(2018, 3, 20, "2019-01-14T09:00:00Z");
  s.indicators[0].plugin_version = "2.1.0";
  store.record(s);
  EXPECT_EQ(query(dir / "history.sqlite",
                  "SELECT count(*) FROM observations o JOIN runs r ON r.id = o.run_id WHERE "
                  "r.config_hash = 'c1' AND r.period_label = '2018-19 Q3' AND o.indicator_id = "
                  "'leavers.eet' AND o.plugin_version = '2.1.0' AND o.indicator_version = '1.0.0' "
                  "AND o.params = 'ages=19-21' AND length(o.params_hash) = 16 AND o.target = 55"),
            9);
}

TEST(HistoryStore, MarksAPointWhoseDefinitionChanged) {
  TempDir dir;
  HistoryStore store(dir / "history.sqlite");
  store.record(run(2018, 1, 10, "2018-07-15T09:00:00Z"));  // 2016-17 Q1 .. 2018-19 Q1
  model::Scorecard q3 = run(2018, 3, 20, "2019-01-14T09:00:00Z");
  q3.indicators[0].params["ages"] = "17-21";
  store.record(q3);
  const auto points = store.trends(q3).at("A1");
  ASSERT_EQ(points.size(), 11u);
  for (size_t i = 0; i < points.size(); ++i)
    EXPECT_EQ(points[i].definition_changed, i == 2) << points[i].label;  // first new-params point

  model::Scorecard q4 = run(2018, 4, 30, "2019-04-14T09:00:00Z");
  q4.indicators[0].params["ages"] = "17-21";
  q4.indicators[0].indicator_version = "1.1.0";  // the calculation itself changed
  store.record(q4);
  const auto later = store.trends(q4).at("A1");
  ASSERT_EQ(later.size(), 12u);
  EXPECT_TRUE(later[3].definition_changed) << later[3].label;  // 1.0.0 (17-21) -> 1.1.0
  EXPECT_TRUE(later[2].definition_changed) << later[2].label;  // 19-21 -> 17-21
  EXPECT_FALSE(later[4].definition_changed);
}

TEST(HistoryStore, AFailureMidRecordLeavesTheStoreUnchanged) {
  TempDir dir;
  const auto file = dir / "history.sqlite";
  HistoryStore store(file);
  store.record(run(2018, 3, 20, "2019-01-14T09:00:00Z"));
  // The second indicator's rows are refused after the first's have gone in.
  exec(file,
       "CREATE TRIGGER refuse BEFORE INSERT ON observations WHEN NEW.code = 'BOOM' "
       "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END");
  model::Scorecard rerun = run(2018, 3, 40, "2019-01-15T09:00:00Z");
  rerun.indicators.push_back(rerun.indicators[0]);
  rerun.indicators[1].code = "BOOM";
  try {
    store.record(rerun);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("disk full (simulated)"), std::string::npos);
  }
  EXPECT_EQ(query(file, "SELECT count(*) FROM observations"), 9);
  EXPECT_EQ(query(file, "SELECT count(*) FROM runs"), 1);
  EXPECT_EQ(query(file, "SELECT min(value) FROM observations WHERE code = 'A1'"), 20);
  // The store still works after the failed record.
  store.record(run(2018, 4, 50, "2019-04-14T09:00:00Z"));
  EXPECT_EQ(query(file, "SELECT count(*) FROM runs"), 2);
}

TEST(HistoryStore, KeepsAuthoritiesApart) {
  TempDir dir;
  HistoryStore store(dir / "history.sqlite");
  model::Scorecard other = run(2018, 2, 90, "2018-10-15T09:00:00Z");
  other.authority.code = "E09000001";
  store.record(other);
  const auto points = store.trends(run(2018, 3, 20, "2019-01-14")).at("A1");
  EXPECT_EQ(points.size(), 9u);
  for (const auto& p : points) EXPECT_FALSE(p.from_history);
}

}  // namespace
}  // namespace scorecard::reports
