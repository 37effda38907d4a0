// write_atomically: the temporary-file-then-rename rule from DESIGN.md "Faults".
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what, int error) {
  throw std::runtime_error("cannot write " + file.string() + ": " + what + ": " +
                           std::strerror(error));
}

// A name beside `file` that no other writer (thread or process) picks at the same time.
std::filesystem::path temporary_name(const std::filesystem::path& file) {
  static std::atomic<unsigned> counter{0};
  return file.parent_path() / ("." + file.filename().string() + ".tmp-" +
                               std::to_string(::getpid()) + "-" + std::to_string(counter++));
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

// So the rename itself survives a power cut. Best effort: some file systems refuse it.
void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_atomically(const std::filesystem::path& file, const std::string& content) {
  const std::filesystem::path temp = temporary_name(file);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail(file, "cannot create temporary file " + temp.string(), errno);
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

}  // namespace scorecard::reports
