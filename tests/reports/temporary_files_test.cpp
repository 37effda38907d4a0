// The reports' temporary files: a run removes those that killed runs left in the output folder
// (and nothing else), and every report renamed into place is followed by an fsync of the folder.
#include <dirent.h>
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "core/reports/reports.hpp"
#include "tests/reports/sample_scorecard.hpp"
#include "tests/reports/temp_dir.hpp"

namespace {

// Every fsync of a directory while `recording` is set, with the directory's names at that moment.
struct DirectorySync {
  std::filesystem::path dir;
  std::vector<std::string> names;
};
std::mutex sync_mutex;
bool recording = false;
std::vector<DirectorySync> directory_syncs;

std::vector<std::string> names_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Notes `fd` with the folder's names when it is a directory synced while `recording` is set.
void note_if_directory(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    std::lock_guard<std::mutex> lock(sync_mutex);
    if (recording) {
      std::error_code error;
      const auto dir = std::filesystem::read_symlink("/proc/self/fd/" + std::to_string(fd), error);
      if (!error) directory_syncs.push_back({dir, names_in(dir)});
    }
  }
}

// The directory syncs made while `work` runs.
std::vector<DirectorySync> syncs_during(const std::function<void()>& work) {
  {
    std::lock_guard<std::mutex> lock(sync_mutex);
    directory_syncs.clear();
    recording = true;
  }
  work();
  std::lock_guard<std::mutex> lock(sync_mutex);
  recording = false;
  return directory_syncs;
}

}  // namespace

// The test binary's own fsync is found before the C library's (by core/reports, linked in
// statically, and by SQLite alike): it notes the directories synced and passes the call on.
extern "C" int fsync(int fd) {
  using Fsync = int (*)(int);
  static const Fsync real = reinterpret_cast<Fsync>(::dlsym(RTLD_NEXT, "fsync"));
  note_if_directory(fd);
  return real(fd);
}

// SQLite syncs a folder with fdatasync.
extern "C" int fdatasync(int fd) {
  using Fdatasync = int (*)(int);
  static const Fdatasync real = reinterpret_cast<Fdatasync>(::dlsym(RTLD_NEXT, "fdatasync"));
  note_if_directory(fd);
  return real(fd);
}

namespace scorecard::reports {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

// The id of a process that has ended (and been waited for), so kill(pid, 0) fails with ESRCH.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

// Sends the default logger's messages, debug ones too, to a string while it lives.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>(
        "captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(text_));
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%l: %v");
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return text_.str(); }

 private:
  std::ostringstream text_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST(TemporaryFiles, WriteReportsRemovesThoseOfDeadProcessesAndNothingElse) {
  TempDir dir;
  const std::filesystem::path out = dir / "out";
  std::filesystem::create_directory(out);
  const std::string dead = std::to_string(dead_pid());
  const std::string self = std::to_string(::getpid());
  ASSERT_NE(dead, self);
  const std::vector<std::string> stale = {
      ".scorecard.json.tmp-" + dead,          // as the brief's example names it
      ".scorecard.csv.tmp-" + dead + "-0",    // as write_atomically names it
      ".scorecard.html.tmp-" + dead + "-17",  //
      ".scorecard.xlsx.tmp-" + dead,          // as the workbook's used to be named
      ".scorecard.xlsx.tmp-" + dead + "-3",
  };
  const std::vector<std::string> kept = {
      ".scorecard.json.tmp-" + self,         // a live process: this one
      ".scorecard.csv.tmp-" + self + "-9",   //
      ".scorecard.json.tmp-1",               // init: alive
      "scorecard.json.tmp-" + dead,          // not hidden
      ".scorecard.json.tmp-" + dead + "-x",  // not a counter
      ".scorecard.json.tmp-" + dead + ".bak",
      ".scorecard.json.tmp-0" + dead,  // not a process id as written
      ".scorecard.json.tmp-",
      ".scorecard.json.tmp-0",
      ".scorecard.pdf.tmp-" + dead,  // not a report
      ".other.json.tmp-" + dead,
      "notes.txt",
      "history.sqlite-journal",
  };
  for (const auto& name : stale) write_file(out / name, "half a report");
  for (const auto& name : kept) write_file(out / name, "keep");
  std::filesystem::create_directory(out / (".scorecard.html.tmp-" + dead));  // not a file
  write_file(out / (".scorecard.html.tmp-" + dead) / "inside", "keep");
  std::filesystem::create_symlink("notes.txt", out / (".scorecard.csv.tmp-" + dead));

  ReportOptions options;
  options.out_dir = out;
  options.history_db = dir / "history.sqlite";
  write_reports(testing::board_scorecard(), options);

  std::vector<std::string> want = kept;
  want.insert(want.end(), {".scorecard.html.tmp-" + dead, ".scorecard.csv.tmp-" + dead,
                           "scorecard.csv", "scorecard.html", "scorecard.json", "scorecard.xlsx"});
  std::sort(want.begin(), want.end());
  EXPECT_EQ(names_in(out), want);
  for (const auto& name : kept) EXPECT_EQ(read_file(out / name), "keep") << name;
  EXPECT_EQ(read_file(out / (".scorecard.html.tmp-" + dead) / "inside"), "keep");
  EXPECT_TRUE(std::filesystem::is_symlink(out / (".scorecard.csv.tmp-" + dead)));
}

TEST(TemporaryFiles, RemovalIsLoggedAtDebugLevelByFileNameOnly) {
  TempDir dir;
  const std::string dead = std::to_string(dead_pid());
  const std::string name = ".scorecard.json.tmp-" + dead + "-0";
  write_file(dir / name, "half a report");
  write_file(dir / (".scorecard.csv.tmp-" + std::to_string(::getpid()) + "-0"), "");

  CapturedLog log;
  EXPECT_EQ(remove_stale_temporary_files(dir.path()), std::vector<std::string>{name});
  EXPECT_FALSE(std::filesystem::exists(dir / name));
  const std::string text = log.text();
  EXPECT_NE(text.find("debug: Removed " + name + ","), std::string::npos) << text;
  EXPECT_EQ(text.find(dir.path().string()), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;

  EXPECT_TRUE(remove_stale_temporary_files(dir / "missing").empty());  // no folder: nothing to do
}

TEST(TemporaryFiles, OnesLeftByAnEarlierProcessWithThisProcessIdNeitherStopNorAreOverwritten) {
  // Process ids repeat (a container may give every run the same one): a killed run's temporary
  // file may carry this process's id, and even the name this run picks next. It is kept (the id
  // is live) and must not make the write fail, nor be written over.
  TempDir dir;
  const std::string self = std::to_string(::getpid());
  std::filesystem::create_directory(dir / "blocked");  // a rename over a directory fails
  std::string message;
  try {
    write_atomically(dir / "blocked", "x");
  } catch (const std::runtime_error& e) {
    message = e.what();  // names the temporary file, so its counter
  }
  const std::string prefix = ".blocked.tmp-" + self + "-";
  const size_t at = message.find(prefix);
  ASSERT_NE(at, std::string::npos) << message;
  const unsigned long next = std::stoul(message.substr(at + prefix.size())) + 1;

  const std::filesystem::path out = dir / "out";
  std::filesystem::create_directory(out);
  std::vector<std::string> left;  // every name the four reports would pick next, and more
  for (const char* report : {"json", "csv", "html", "xlsx"})
    for (unsigned long n = next; n < next + 8; ++n)
      left.push_back(".scorecard." + std::string(report) + ".tmp-" + self + "-" +
                     std::to_string(n));
  for (const auto& name : left) write_file(out / name, "left");

  ReportOptions options;
  options.out_dir = out;
  options.history_db = dir / "history.sqlite";
  ASSERT_NO_THROW(write_reports(testing::board_scorecard(), options));
  EXPECT_EQ(read_file(out / "scorecard.json"), to_json(testing::board_scorecard()));
  for (const auto& name : left) EXPECT_EQ(read_file(out / name), "left") << name;
  EXPECT_EQ(names_in(out).size(), left.size() + 4);
}

TEST(TemporaryFiles, EveryReportRenamedIntoPlaceIsFollowedByAnFsyncOfTheFolder) {
  TempDir dir;
  ReportOptions options;
  options.out_dir = dir / "out";
  options.history_db = dir / "history.sqlite";
  const auto syncs = syncs_during([&] { write_reports(testing::board_scorecard(), options); });

  const auto out = std::filesystem::canonical(options.out_dir);
  std::vector<std::vector<std::string>> seen;  // the folder's names at each of its fsyncs
  for (const auto& sync : syncs)
    if (sync.dir == out) seen.push_back(sync.names);
  // One fsync after each rename, each seeing one more report and no temporary file.
  const std::vector<std::vector<std::string>> want = {
      {"scorecard.json"},
      {"scorecard.csv", "scorecard.json"},
      {"scorecard.csv", "scorecard.html", "scorecard.json"},
      {"scorecard.csv", "scorecard.html", "scorecard.json", "scorecard.xlsx"},
  };
  EXPECT_EQ(seen, want);
}

// An output folder the run makes (here two levels) is recorded in its parent before the
// reports are written into it: each parent is synced once the folder exists.
TEST(TemporaryFiles, AnOutputFolderTheRunMakesIsSyncedIntoItsParent) {
  TempDir dir, history;
  const auto root = std::filesystem::canonical(dir.path());
  ReportOptions options;
  options.out_dir = root / "a" / "b";
  options.history_db = history / "history.sqlite";  // its own syncs are elsewhere
  const auto syncs = syncs_during([&] { write_reports(testing::board_scorecard(), options); });
  std::vector<std::string> synced;
  for (const auto& sync : syncs)
    if (sync.dir == root || sync.dir == root / "a") synced.push_back(sync.dir.string());
  EXPECT_EQ(synced, (std::vector<std::string>{root.string(), (root / "a").string()}));
}

// A power cut just after a run must not roll its history back: SQLite commits a transaction
// in its default journal mode by deleting the journal file, and only with synchronous = EXTRA
// does it then sync the folder, so that the deletion (the commit) is on disk. The last sync of
// the history's folder must therefore see the store and no journal.
TEST(TemporaryFiles, RecordingAHistoryRunSyncsTheFolderAfterTheJournalIsGone) {
  TempDir dir;
  const auto folder = std::filesystem::canonical(dir.path());
  const auto syncs = syncs_during([&] {
    HistoryStore store(folder / "history.sqlite");
    store.record(testing::board_scorecard());
  });
  std::vector<std::vector<std::string>> seen;
  for (const auto& sync : syncs)
    if (sync.dir == folder) seen.push_back(sync.names);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), std::vector<std::string>{"history.sqlite"});
}

}  // namespace
}  // namespace scorecard::reports
