// Nothing lost ("Trust", item 6): a run killed at any moment leaves the previous reports, or a
// complete new set, never a half-written file, and a history store that SQLite finds whole.
//
// The demo runs once into OUT (the old reports and history). Then a bigger authority
// (`demo-data --children 20000`, made once for this test, a run of a second or two) is run
// into the same OUT and killed with SIGKILL: after fixed delays, and at the moments its
// writing starts (the history store's journal appearing, each report's temporary file
// appearing). After every kill each report is byte for byte the old one, or the complete new
// one (the reference run of the big authority into a folder of its own, its time stamps
// aside), and history.sqlite passes `PRAGMA integrity_check` with exactly one run in it (the
// old or the new: re-recording a quarter replaces it). A last run, left to finish, removes the
// temporary files the killed runs left.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <regex>
#include <thread>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

struct Reports {
  std::string json, csv, html, xlsx;
};

Reports read_reports(const fs::path& out) {
  return {read_file(out / "scorecard.json"), read_file(out / "scorecard.csv"),
          read_file(out / "scorecard.html"), read_file(out / "scorecard.xlsx")};
}

// The JSON without its run time (two runs of the same data differ only there).
json json_without_time(const std::string& text) {
  json j = json::parse(text);
  j.erase("run_at");
  return j;
}

// The HTML without the line saying when it was produced.
std::string html_without_time(const std::string& html) {
  static const std::regex produced("Produced</dt><dd>[^<]*</dd>");
  return std::regex_replace(html, produced, "Produced</dt><dd></dd>");
}

// A zip archive ends with its end-of-central-directory record ("PK\5\6" then 18 bytes and a
// comment, none here).
bool zip_is_whole(const std::string& bytes) {
  return bytes.size() > 26 && bytes.compare(0, 4, std::string("PK\x03\x04", 4)) == 0 &&
         bytes.compare(bytes.size() - 22, 4, std::string("PK\x05\x06", 4)) == 0;
}

struct Store {
  std::string integrity;
  int runs = -1, observations = -1;
};

// Opens the history store read-write (as the next run would, so a journal left by a kill is
// rolled back) and checks it.
Store check_store(const fs::path& file) {
  Store s;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    s.integrity = std::string("cannot open: ") + sqlite3_errmsg(db);
    sqlite3_close(db);
    return s;
  }
  auto one = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    std::string value = "(no row)";
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
      return std::string("error: ") + sqlite3_errmsg(db);
    if (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(st, 0);
      value = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(st);
    return value;
  };
  s.integrity = one("PRAGMA integrity_check");
  s.runs = std::atoi(one("SELECT count(*) FROM runs").c_str());
  s.observations = std::atoi(one("SELECT count(*) FROM observations").c_str());
  sqlite3_close(db);
  return s;
}

// Whether a file named `prefix`... is in `dir` now.
bool file_with_prefix(const fs::path& dir, const std::string& prefix) {
  DIR* d = opendir(dir.c_str());
  if (!d) return false;
  bool found = false;
  while (const dirent* e = readdir(d))
    if (std::string(e->d_name).rfind(prefix, 0) == 0) {
      found = true;
      break;
    }
  closedir(d);
  return found;
}

// When to kill: after a delay, or as soon as a file whose name starts with `appears` (with
// "{pid}" replaced by the child's pid) is in OUT.
struct Moment {
  std::string name;
  int delay_ms = 0;
  std::string appears;
};

TEST(CliNothingLost, KilledRunsLeaveTheOldOrTheNewReportsWhole) {
  TempDir tmp;
  const fs::path out = tmp / "out";

  // The old reports: the demo.
  const Result demo = scorecard(
      {"run", "--config", kDemoConfig.string(), "--period", "2018-19 Q3", "--out", out.string()},
      tmp.path());
  ASSERT_EQ(demo.exit_code, kOk) << describe(demo);
  const Reports old = read_reports(out);

  // The big authority and its complete reports, in a folder of their own.
  // 20,000 children: a run of a second or two. The sanitizer pass (ASAN_OPTIONS set by
  // scripts/test) runs everything several times slower, so a quarter of that is enough there.
  const std::string children = std::getenv("ASAN_OPTIONS") ? "5000" : "20000";
  const Result made = scorecard(
      {"demo-data", "--out", "big", "--children", children, "--seed", "3"}, tmp.path(), 120);
  ASSERT_EQ(made.exit_code, kOk) << describe(made);
  write_demo_config(tmp / "big.yaml", tmp / "big");
  const std::vector<std::string> big_run = {"run",        "--config", "big.yaml",  "--period",
                                            "2018-19 Q3", "--out",    out.string()};
  std::vector<std::string> reference_run = big_run;
  reference_run.back() = (tmp / "reference").string();
  const Result reference = scorecard(reference_run, tmp.path(), 120);
  ASSERT_EQ(reference.exit_code, kOk) << describe(reference);
  const Reports want = read_reports(tmp / "reference");
  ASSERT_NE(json_without_time(want.json), json_without_time(old.json));
  ASSERT_NE(want.csv, old.csv);
  const json want_json = json_without_time(want.json);
  const std::string want_html = html_without_time(want.html);

  const std::vector<Moment> moments = {
      {"after 5 ms", 5, ""},
      {"after 20 ms", 20, ""},
      {"after 50 ms", 50, ""},
      {"after 100 ms", 100, ""},
      {"after 250 ms", 250, ""},
      {"after 500 ms", 500, ""},
      {"when the history store's journal appears", 0, "history.sqlite-journal"},
      {"when scorecard.json's temporary file appears", 0, ".scorecard.json.tmp-{pid}-"},
      {"when scorecard.csv's temporary file appears", 0, ".scorecard.csv.tmp-{pid}-"},
      {"when scorecard.html's temporary file appears", 0, ".scorecard.html.tmp-{pid}-"},
      {"when scorecard.xlsx's temporary file appears", 0, ".scorecard.xlsx.tmp-{pid}-"},
  };
  TempDir io;
  int killed = 0;
  for (const Moment& m : moments) {
    SCOPED_TRACE("killed " + m.name);
    Child child = start(kExe, big_run, tmp.path(), io.path());
    std::string appears = m.appears;
    if (const auto at = appears.find("{pid}"); at != std::string::npos)
      appears.replace(at, 5, std::to_string(child.pid));
    const auto deadline = child.started + std::chrono::seconds(60);
    bool finished_first = false;
    for (;;) {
      int status = 0;
      if (waitpid(child.pid, &status, WNOHANG) == child.pid) {
        finished_first = true;  // it ended before the moment came: the new set is complete
        child.pid = -1;
        break;
      }
      const bool due = appears.empty() ? std::chrono::steady_clock::now() - child.started >=
                                             std::chrono::milliseconds(m.delay_ms)
                                       : file_with_prefix(out, appears);
      if (due || std::chrono::steady_clock::now() > deadline) {
        const Result r = kill_now(child);
        killed += r.signal == SIGKILL ? 1 : 0;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    if (finished_first) std::cerr << "  (the run ended before it was killed " << m.name << ")\n";

    const Reports now = read_reports(out);
    ASSERT_NO_THROW(json::parse(now.json)) << "scorecard.json does not parse";
    EXPECT_TRUE(now.json == old.json || json_without_time(now.json) == want_json)
        << "scorecard.json is neither the old one nor the new one";
    EXPECT_TRUE(now.csv == old.csv || now.csv == want.csv)
        << "scorecard.csv is neither the old one nor the new one (" << now.csv.size() << " bytes)";
    EXPECT_TRUE(now.html == old.html || html_without_time(now.html) == want_html)
        << "scorecard.html is neither the old one nor the new one (" << now.html.size()
        << " bytes)";
    EXPECT_EQ(now.html.substr(now.html.size() - 8), "</html>\n");
    EXPECT_TRUE(now.xlsx == old.xlsx || zip_is_whole(now.xlsx))
        << "scorecard.xlsx is not a whole workbook (" << now.xlsx.size() << " bytes)";

    const Store store = check_store(out / "history.sqlite");
    EXPECT_EQ(store.integrity, "ok");
    EXPECT_EQ(store.runs, 1) << "the quarter was recorded again: one run, the old or the new";
    EXPECT_EQ(store.observations, 30 * 9);
  }
  EXPECT_GE(killed, 6) << "too few runs were killed before they ended to test anything";

  // A run left to finish writes the new reports whole, and removes the temporary files the
  // killed runs left behind.
  if (!file_with_prefix(out, ".scorecard."))
    std::cerr << "  (no killed run left a temporary file for the last run to remove)\n";
  const Result last = scorecard(big_run, tmp.path(), 120);
  ASSERT_EQ(last.exit_code, kOk) << describe(last);
  const Reports now = read_reports(out);
  EXPECT_EQ(json_without_time(now.json), want_json);
  EXPECT_EQ(now.csv, want.csv);
  EXPECT_EQ(html_without_time(now.html), want_html);
  EXPECT_TRUE(zip_is_whole(now.xlsx));
  EXPECT_FALSE(file_with_prefix(out, ".scorecard."))
      << "a killed run's temporary file is still in " << out;
}

}  // namespace
}  // namespace scorecard::cli_test
