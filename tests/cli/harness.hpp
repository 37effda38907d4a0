// The end-to-end harness: runs the built `scorecard` (or another program) as a child process
// in a folder of its own, with a time limit, and hands back its exit code, stdout and stderr;
// plus the small file and configuration helpers every cli test uses.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace scorecard::cli_test {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kExe = SCORECARD_EXE;
const fs::path kSource = SCORECARD_SOURCE;
const fs::path kDemo = kSource / "examples" / "demo";
const fs::path kDemoConfig = kDemo / "scorecard.yaml";
const fs::path kStandardSet = kSource / "indicators" / "standard.yaml";
const fs::path kFixturePlugins = CLI_FIXTURE_PLUGINS;
const fs::path kNotAPlugin = CLI_NOT_A_PLUGIN;
const fs::path kTestData = CLI_TEST_DATA;

// The exit codes of docs/cli.md.
constexpr int kOk = 0, kIncomplete = 1, kUsage = 2, kBadData = 3;

// What a finished child process left behind. `exit_code` is -1 when it did not exit by
// itself (killed by a signal, or stopped at the time limit: then `timed_out`).
struct Result {
  int exit_code = -1;
  int signal = 0;
  bool timed_out = false;
  std::string out, err;
  double seconds = 0;
};

// Describes a result for failure messages: the command, its exit and both streams.
std::string describe(const Result& r);

// A temporary folder, removed with everything in it when the object goes (kept when the
// environment sets SCORECARD_KEEP_TEMP, for looking at after a failure).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// A started child process whose stdout and stderr go to files in `io_dir`.
struct Child {
  pid_t pid = -1;
  fs::path out_file, err_file;
  std::chrono::steady_clock::time_point started;
};

// Starts `program args...` in `cwd`, stdin from /dev/null. SCORECARD_PLUGIN_DIR is cleared so
// the built-in plugins are the build tree's.
Child start(const fs::path& program, const std::vector<std::string>& args, const fs::path& cwd,
            const fs::path& io_dir);
// Waits for the child, killing it (SIGKILL) at the time limit.
Result finish(Child& child, double timeout_s);
// Sends SIGKILL now and reaps the child.
Result kill_now(Child& child);

// Runs `scorecard args...` in `cwd` (a fresh folder by default) to the end or the time limit.
Result scorecard(const std::vector<std::string>& args, const fs::path& cwd = {},
                 double timeout_s = 60);
// Runs any program the same way.
Result run_program(const fs::path& program, const std::vector<std::string>& args,
                   const fs::path& cwd = {}, double timeout_s = 60);

std::string read_file(const fs::path& file);
void write_file(const fs::path& file, const std::string& text);
json read_json(const fs::path& file);

// Every non-empty line of a text.
std::vector<std::string> lines_of(const std::string& text);
bool has_line(const std::string& text, const std::string& line);
bool contains(const std::string& text, const std::string& part);
std::string html_escape(const std::string& text);

// A configuration for one data folder and a list of indicator ids, written to `file`:
// authority "Test Borough", the data folder as an absolute path, the given on_error and
// plugin directories.
void write_config(const fs::path& file, const fs::path& data_directory,
                  const std::vector<std::string>& indicators, const std::string& on_error = "fail",
                  const std::vector<fs::path>& plugin_directories = {});

// The demo's configuration with its data folder (and postcode centroids) replaced by
// `data_directory`, written to `file` (its `include: standard` needs no change).
void write_demo_config(const fs::path& file, const fs::path& data_directory);

// A data folder holding links to every demo CSV except those named in `leave_out`.
void link_demo_data(const fs::path& folder, const std::vector<std::string>& leave_out = {});

// The period of an indicator's results with `label` (the reporting period by default).
const json& period_of(const json& indicator, const std::string& label = "");
const json& indicator_with_code(const json& scorecard, const std::string& code);

}  // namespace scorecard::cli_test
