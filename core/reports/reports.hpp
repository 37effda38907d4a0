// reports: a computed model::Scorecard in; scorecard.json (the contract), scorecard.csv,
// scorecard.html, scorecard.xlsx and the history store (SQLite) out. Reports never
// recompute: they format what the engine and the rating stage put in the Scorecard.
// docs/reports.md describes each file; docs/scorecard.schema.json is the JSON contract.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/model/result.hpp"

struct sqlite3;

namespace scorecard::reports {

// One point of an indicator's trend line, from this run or from an earlier one.
struct TrendPoint {
  std::string label;  // "2018-19 Q3"
  Date end;           // the period's last day: points are ordered by it
  std::optional<double> value;
  std::optional<double> target;
  std::string run_at;               // the run that computed the point
  bool from_history = false;        // an earlier run's point that this run did not compute
  bool definition_changed = false;  // params, indicator id or version differ from the point before
};
using Trends = std::map<std::string, std::vector<TrendPoint>>;  // code -> points, oldest first

// The history of every run's figures, in one SQLite file (tables in docs/reports.md). Not
// copyable; one object per file. Not for use from several threads at once.
class HistoryStore {
 public:
  // Opens the file, creating it and its schema when new. Throws std::runtime_error naming the
  // file when it cannot be opened, is not a history store, or has a newer schema version.
  explicit HistoryStore(const std::filesystem::path& file);
  ~HistoryStore();
  HistoryStore(const HistoryStore&) = delete;
  HistoryStore& operator=(const HistoryStore&) = delete;

  // Adds every indicator x period figure of `s` as one run, in one transaction. Recording the
  // same reporting period again replaces the earlier run's rows for each indicator code in `s`
  // (so a re-run is idempotent). Throws std::runtime_error and leaves the store unchanged on
  // any failure.
  void record(const model::Scorecard& s);

  // For each indicator code in `s`: the stored points for that code (the latest run for each
  // period end) merged with `s`'s own periods (which win), oldest first.
  Trends trends(const model::Scorecard& s) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

struct ReportOptions {
  std::filesystem::path out_dir;
  std::optional<std::filesystem::path> history_db;  // default: out_dir / "history.sqlite"
  bool html = true;
  bool xlsx = true;
};

// Records the run in the history store, then writes scorecard.json, scorecard.csv and (as the
// options ask) scorecard.html and scorecard.xlsx into out_dir, creating it if missing. Every
// file is replaced atomically (write_atomically), so a failed run leaves the previous reports
// readable. Before writing, removes the temporary files that killed runs left in out_dir
// (remove_stale_temporary_files). Returns the paths written. Throws std::runtime_error naming
// the file on failure.
std::vector<std::filesystem::path> write_reports(const model::Scorecard& s,
                                                 const ReportOptions& options);

// The contract: the whole Scorecard as JSON (docs/scorecard.schema.json), values at full
// precision, dates ISO 8601, absent values null.
std::string to_json(const model::Scorecard& s);

// A parameter's value as typed JSON (scorecard.json's `params`, `plugins list --json`'s
// defaults): null when blank, true/false, an integer, a number, a string, a list of strings.
nlohmann::ordered_json param_json(const ParamValue& v);

// One row per indicator x period, RFC 4180, CRLF line ends, UTF-8 with a byte-order mark (so
// Excel reads it as UTF-8). Values at full precision.
std::string to_csv(const model::Scorecard& s);

// One self-contained HTML page for the board (inline CSS and SVG, nothing fetched), values
// rounded to each indicator's decimals. `trends` (from HistoryStore::trends) draws the trend
// lines; an indicator missing from it is drawn from its own periods.
std::string to_html(const model::Scorecard& s, const Trends& trends);

// A workbook with a "Summary" sheet (the reporting period) and a "Data" sheet (every
// indicator x period). Writes `file` directly; throws std::runtime_error naming it on failure.
void write_xlsx(const model::Scorecard& s, const std::filesystem::path& file);

// Writes `content` to a temporary file beside `file` (".<name>.tmp-<pid>-<n>"), flushes and
// fsyncs it, renames it over `file`, then fsyncs the directory: readers see the old file or the
// new one, never half of one, and the new one survives a power cut. Throws std::runtime_error
// naming the file on failure (and removes the temporary file).
void write_atomically(const std::filesystem::path& file, const std::string& content);

// Removes from `dir` the reports' temporary files (".scorecard.json.tmp-<pid>-<n>", ... for
// json, csv, html and xlsx) whose process no longer exists (kill(pid, 0) fails with ESRCH): a
// run killed while writing leaves one behind. A temporary file of a live process, anything
// that is not a regular file, and every other name are left alone. Best effort: a file that
// cannot be removed is skipped. Logs each removal at debug level and returns the names removed.
// Process ids are this machine's: two machines (or containers with their own process ids) must
// not write into one folder at the same time.
std::vector<std::string> remove_stale_temporary_files(const std::filesystem::path& dir);

}  // namespace scorecard::reports
