// HistoryStore: every run's figures in SQLite, so the board's trend lines reach back past the
// periods one run computes. Tables and the replacement rule: docs/reports.md.
#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <stdexcept>

#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

constexpr int kStoreVersion = 1;  // bump with a migration in open_schema when tables change

constexpr const char* kSchema = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  authority_code TEXT NOT NULL,
  authority_name TEXT NOT NULL,
  period_label TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  config_path TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  scorecard_schema_version TEXT NOT NULL
);
CREATE TABLE observations (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  period_label TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  value REAL,
  numerator REAL,
  denominator REAL,
  target REAL,
  rag TEXT NOT NULL,
  status TEXT NOT NULL,
  small_number INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  params TEXT NOT NULL,
  params_hash TEXT NOT NULL,
  plugin_version TEXT NOT NULL,
  indicator_version TEXT NOT NULL,
  PRIMARY KEY (run_id, code, period_end)
);
CREATE INDEX observations_by_code ON observations (code, period_end);
)sql";

[[noreturn]] void fail(const std::filesystem::path& file, sqlite3* db, const std::string& what) {
  throw std::runtime_error("history store " + file.string() + ": " + what + ": " +
                           (db ? sqlite3_errmsg(db) : "out of memory"));
}

// One prepared statement; bind(1, ...) numbers parameters from 1 as SQLite does.
class Statement {
 public:
  Statement(sqlite3* db, const std::filesystem::path& file, const char* sql)
      : db_(db), file_(file) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      fail(file, db, "cannot prepare statement");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& text) {
    check(
        sqlite3_bind_text(stmt_, i, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::optional<double> v) {
    check(v ? sqlite3_bind_double(stmt_, i, *v) : sqlite3_bind_null(stmt_, i));
    return *this;
  }
  Statement& bind(int i, sqlite3_int64 v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail(file_, db_, "statement failed");
    return false;
  }
  // Ready to be bound and stepped again.
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  // Runs a statement that returns no rows, then resets it.
  void run() {
    while (step()) {
    }
    reset();
  }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? p : "";
  }
  std::optional<double> number(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(stmt_, col);
  }
  sqlite3_int64 integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(file_, db_, "cannot bind parameter");
  }
  sqlite3* db_;
  const std::filesystem::path& file_;
  sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const std::filesystem::path& file, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("history store " + file.string() + ": " + message);
  }
}

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() is reached.
class Transaction {
 public:
  Transaction(sqlite3* db, const std::filesystem::path& file) : db_(db), file_(file) {
    exec(db_, file_, "BEGIN IMMEDIATE");
  }
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    exec(db_, file_, "COMMIT");
    open_ = false;
  }

 private:
  sqlite3* db_;
  const std::filesystem::path& file_;
  bool open_ = true;
};

// FNV-1a (64-bit) of the params as "name=value\n" lines in name order: equal params, equal
// hash, on every machine.
std::string params_hash(const std::map<std::string, ParamValue>& params) {
  uint64_t h = 14695981039346656037ull;
  auto add = [&h](const std::string& text) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ull;
    }
  };
  for (const auto& [name, value] : params) add(name + "=" + model::param_text(value) + "\n");
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The params as readable text for an analyst querying the store: "name=value; ...".
std::string params_text(const std::map<std::string, ParamValue>& params) {
  std::string out;
  for (const auto& [name, value] : params)
    out += (out.empty() ? "" : "; ") + name + "=" + model::param_text(value);
  return out;
}

std::optional<Date> parse_iso(const std::string& text) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
      d > 31)
    return std::nullopt;
  return Date::from_ymd(y, m, d);
}

// What makes two points comparable: the same calculation with the same parameters.
struct Definition {
  std::string indicator_id, params_hash, indicator_version;
  bool operator!=(const Definition& o) const {
    return indicator_id != o.indicator_id || params_hash != o.params_hash ||
           indicator_version != o.indicator_version;
  }
};

}  // namespace

HistoryStore::HistoryStore(const std::filesystem::path& file) : file_(file) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("cannot open history store " + file_.string() + ": " + message);
  }
  try {
    sqlite3_busy_timeout(db_, 10000);
    exec(db_, file_, "PRAGMA foreign_keys = ON");
    // A transaction commits when its journal file is deleted; EXTRA syncs the folder after
    // that, so that a power cut just after a run cannot roll back the run the reports show.
    exec(db_, file_, "PRAGMA synchronous = EXTRA");
    Transaction transaction(db_, file_);
    Statement tables(db_, file_,
                     "SELECT count(*), coalesce(sum(name = 'schema_version'), 0) FROM "
                     "sqlite_master WHERE type = 'table'");
    tables.step();
    const auto table_count = tables.integer(0);
    const bool versioned = tables.integer(1) > 0;
    if (table_count == 0) {
      exec(db_, file_, kSchema);
      Statement version(db_, file_, "INSERT INTO schema_version (version) VALUES (?1)");
      version.bind(1, sqlite3_int64{kStoreVersion}).run();
    } else if (!versioned) {
      throw std::runtime_error("history store " + file_.string() +
                               ": the file is a database but not a scorecard history store");
    } else {
      Statement version(db_, file_, "SELECT max(version) FROM schema_version");
      version.step();
      if (version.integer(0) > kStoreVersion)
        throw std::runtime_error("history store " + file_.string() + ": schema version " +
                                 std::to_string(version.integer(0)) +
                                 " is newer than this scorecard reads (" +
                                 std::to_string(kStoreVersion) + "); upgrade scorecard");
    }
    transaction.commit();
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

HistoryStore::~HistoryStore() { sqlite3_close(db_); }

void HistoryStore::record(const model::Scorecard& s) {
  Transaction transaction(db_, file_);

  // An earlier run of the same reporting period loses its rows for the codes recorded now.
  Statement replace(db_, file_,
                    "DELETE FROM observations WHERE code = ?1 AND run_id IN (SELECT id FROM runs "
                    "WHERE authority_code = ?2 AND period_end = ?3)");
  for (const auto& r : s.indicators)
    if (!r.periods.empty())
      replace.bind(1, r.code).bind(2, s.authority.code).bind(3, s.period_end.iso()).run();
  Statement empty_runs(db_, file_,
                       "DELETE FROM runs WHERE authority_code = ?1 AND period_end = ?2 AND NOT "
                       "EXISTS (SELECT 1 FROM observations WHERE run_id = runs.id)");
  empty_runs.bind(1, s.authority.code).bind(2, s.period_end.iso()).run();

  Statement run(db_, file_,
                "INSERT INTO runs (run_at, authority_code, authority_name, period_label, "
                "period_start, period_end, config_path, config_hash, scorecard_schema_version) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  run.bind(1, s.run_at)
      .bind(2, s.authority.code)
      .bind(3, s.authority.name)
      .bind(4, s.period)
      .bind(5, s.period_start.iso())
      .bind(6, s.period_end.iso())
      .bind(7, s.config_path)
      .bind(8, s.config_hash)
      .bind(9, std::string(model::Scorecard::kSchemaVersion))
      .run();
  const sqlite3_int64 run_id = sqlite3_last_insert_rowid(db_);

  Statement observation(
      db_, file_,
      "INSERT INTO observations (run_id, code, indicator_id, period_label, period_start, "
      "period_end, value, numerator, denominator, target, rag, status, small_number, suppressed, "
      "params, params_hash, plugin_version, indicator_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
  for (const auto& r : s.indicators) {
    const std::string hash = params_hash(r.params), params = params_text(r.params);
    for (const auto& p : r.periods)
      observation.bind(1, run_id)
          .bind(2, r.code)
          .bind(3, r.id)
          .bind(4, p.label)
          .bind(5, p.start.iso())
          .bind(6, p.end.iso())
          .bind(7, p.observation.value)
          .bind(8, p.observation.numerator)
          .bind(9, p.observation.denominator)
          .bind(10, p.target)
          .bind(11, std::string(model::to_string(p.rag)))
          .bind(12, std::string(model::to_string(r.status)))
          .bind(13, sqlite3_int64{p.small_number})
          .bind(14, sqlite3_int64{p.suppressed})
          .bind(15, params)
          .bind(16, hash)
          .bind(17, r.plugin_version)
          .bind(18, r.indicator_version)
          .run();
  }
  transaction.commit();
}

Trends HistoryStore::trends(const model::Scorecard& s) const {
  Statement stored(db_, file_,
                   "SELECT o.period_label, o.period_end, o.value, o.target, r.run_at, "
                   "o.indicator_id, o.params_hash, o.indicator_version FROM observations o "
                   "JOIN runs r ON r.id = o.run_id WHERE o.code = ?1 AND r.authority_code = ?2 "
                   "ORDER BY o.period_end, r.run_at DESC, r.id DESC");
  Trends trends;
  for (const auto& r : s.indicators) {
    std::map<int32_t, std::pair<TrendPoint, Definition>> points;  // by period end
    stored.bind(1, r.code).bind(2, s.authority.code);
    while (stored.step()) {
      const std::optional<Date> end = parse_iso(stored.text(1));
      if (!end || points.count(end->days)) continue;  // the latest run comes first
      TrendPoint point{stored.text(0), *end, stored.number(2), stored.number(3), stored.text(4),
                       true,           false};
      points[end->days] = {point, {stored.text(5), stored.text(6), stored.text(7)}};
    }
    stored.reset();

    const Definition current{r.id, params_hash(r.params), r.indicator_version};
    for (const auto& p : r.periods)
      points[p.end.days] = {{p.label, p.end, p.observation.value, p.target, s.run_at, false, false},
                            current};

    std::vector<TrendPoint>& line = trends[r.code];
    const Definition* previous = nullptr;
    for (auto& [end, entry] : points) {
      entry.first.definition_changed = previous && *previous != entry.second;
      previous = &entry.second;
      line.push_back(entry.first);
    }
  }
  return trends;
}

}  // namespace scorecard::reports
