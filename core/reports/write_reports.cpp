// write_reports: the reports stage as the command line runs it.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/reports/atomic_file.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

// libxlsxwriter writes a file itself: create a temporary file beside the target as
// write_atomically does for text, let libxlsxwriter write over it, fsync it, rename it over the
// target and fsync the directory.
void write_xlsx_atomically(const model::Scorecard& s, const std::filesystem::path& file) {
  std::filesystem::path temp;
  const int created = detail::create_temporary_file(file, temp);
  if (created < 0) {
    const int error = errno;
    throw std::runtime_error("cannot write " + file.string() + ": cannot create temporary file " +
                             temp.string() + ": " + std::strerror(error));
  }
  ::close(created);
  auto fail = [&](const std::string& what, int error) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + file.string() + ": " + what + ": " +
                             std::strerror(error));
  };
  try {
    write_xlsx(s, temp);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("cannot reopen " + temp.string(), errno);
  const int synced = ::fsync(fd);
  const int sync_error = errno;
  ::close(fd);
  if (synced != 0) fail("fsync " + temp.string(), sync_error);
  if (::rename(temp.c_str(), file.c_str()) != 0) fail("rename from " + temp.string(), errno);
  detail::sync_directory(file.parent_path());
}

}  // namespace

std::vector<std::filesystem::path> write_reports(const model::Scorecard& s,
                                                 const ReportOptions& options) {
  std::error_code error;
  // The folders about to be made, outermost first: each one's entry in its parent is synced, so
  // that after a power cut the reports are not in a folder that was never recorded.
  std::vector<std::filesystem::path> made;
  for (auto dir = std::filesystem::absolute(options.out_dir, error).lexically_normal();
       !error && !dir.empty() && !std::filesystem::exists(dir, error) && dir != dir.parent_path();
       dir = dir.parent_path())
    made.insert(made.begin(), dir);
  error.clear();
  std::filesystem::create_directories(options.out_dir, error);
  if (error)
    throw std::runtime_error("cannot create output directory " + options.out_dir.string() + ": " +
                             error.message());
  for (const auto& dir : made) detail::sync_directory(dir.parent_path());
  remove_stale_temporary_files(options.out_dir);

  HistoryStore history(options.history_db.value_or(options.out_dir / "history.sqlite"));
  history.record(s);
  const Trends trends = history.trends(s);

  std::vector<std::filesystem::path> written;
  auto write = [&](const char* name, const std::string& content) {
    write_atomically(options.out_dir / name, content);
    written.push_back(options.out_dir / name);
  };
  write("scorecard.json", to_json(s));
  write("scorecard.csv", to_csv(s));
  if (options.html) write("scorecard.html", to_html(s, trends));
  if (options.xlsx) {
    write_xlsx_atomically(s, options.out_dir / "scorecard.xlsx");
    written.push_back(options.out_dir / "scorecard.xlsx");
  }
  for (const auto& file : written) spdlog::info("Wrote {}", file.string());
  return written;
}

}  // namespace scorecard::reports
