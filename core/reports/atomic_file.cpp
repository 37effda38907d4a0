// write_atomically: the temporary-file-then-rename rule from DESIGN.md "Faults"; and the
// removal of the temporary files that a killed run leaves behind.
#include "core/reports/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace detail {

int create_temporary_file(const std::filesystem::path& file, std::filesystem::path& temp) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 1;; ++attempt) {
    temp = file.parent_path() / ("." + file.filename().string() + ".tmp-" +
                                 std::to_string(::getpid()) + "-" + std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST || attempt == 100) return fd;
  }
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace detail

namespace {

using detail::create_temporary_file;
using detail::sync_directory;

// The files write_reports replaces, whose temporary files remove_stale_temporary_files removes.
constexpr const char* kReportFiles[] = {"scorecard.json", "scorecard.csv", "scorecard.html",
                                        "scorecard.xlsx"};

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The process that wrote `name`, when it is a report's temporary file (".scorecard.json.tmp-
// <pid>-<n>", or ".scorecard.xlsx.tmp-<pid>" as earlier versions named the workbook's); 0 for
// any other name.
pid_t temporary_file_owner(const std::string& name) {
  for (const char* report : kReportFiles) {
    const std::string prefix = std::string(".") + report + ".tmp-";
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const size_t dash = rest.find('-');
    const std::string pid = rest.substr(0, dash);
    if (!all_digits(pid) || pid[0] == '0' || pid.size() > 9) return 0;
    if (dash != std::string::npos && !all_digits(rest.substr(dash + 1))) return 0;
    return static_cast<pid_t>(std::stol(pid));
  }
  return 0;
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what, int error) {
  throw std::runtime_error("cannot write " + file.string() + ": " + what + ": " +
                           std::strerror(error));
}

void write_all(int fd, const std::string& content, const std::filesystem::path& temp) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(temp, "write", errno);
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

void write_atomically(const std::filesystem::path& file, const std::string& content) {
  std::filesystem::path temp;
  const int fd = create_temporary_file(file, temp);
  if (fd < 0) {
    const int error = errno;
    fail(file, "cannot create temporary file " + temp.string(), error);
  }
  bool closed = false;
  try {
    write_all(fd, content, temp);
    if (::fsync(fd) != 0) fail(temp, "fsync", errno);
    closed = true;
    if (::close(fd) != 0) fail(temp, "close", errno);
  } catch (...) {
    if (!closed) ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail(file, "rename from " + temp.string(), error);
  }
  sync_directory(file.parent_path());
}

std::vector<std::string> remove_stale_temporary_files(const std::filesystem::path& dir) {
  // Listed first, removed after: a directory is not changed while it is being read.
  std::vector<std::pair<std::filesystem::path, pid_t>> stale;
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    const pid_t owner = temporary_file_owner(it->path().filename().string());
    if (owner <= 0) continue;
    std::error_code type_error;
    if (it->symlink_status(type_error).type() != std::filesystem::file_type::regular) continue;
    // Only a process that does not exist (ESRCH): a live one (or one of another user, EPERM)
    // may be writing its file now.
    if (::kill(owner, 0) == 0 || errno != ESRCH) continue;
    stale.emplace_back(it->path(), owner);
  }
  std::vector<std::string> removed;
  for (const auto& [file, owner] : stale) {
    const std::string name = file.filename().string();
    if (::unlink(file.c_str()) == 0) {
      spdlog::debug("Removed {}, a temporary file left by process {}, which no longer exists", name,
                    owner);
      removed.push_back(name);
    } else if (errno != ENOENT) {  // ENOENT: another run removed it first
      spdlog::debug("Could not remove {}, a temporary file left by process {}: {}", name, owner,
                    std::strerror(errno));
    }
  }
  return removed;
}

}  // namespace scorecard::reports
