#include "tests/cli/harness.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace scorecard::cli_test {

std::string describe(const Result& r) {
  std::ostringstream s;
  s << "exit " << r.exit_code;
  if (r.signal) s << " (signal " << r.signal << ")";
  if (r.timed_out) s << " (stopped at the time limit)";
  s << "\n--- stdout ---\n" << r.out << "--- stderr ---\n" << r.err << "---";
  return s.str();
}

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/scorecard-cli-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  if (std::getenv("SCORECARD_KEEP_TEMP")) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Child start(const fs::path& program, const std::vector<std::string>& args, const fs::path& cwd,
            const fs::path& io_dir) {
  static std::atomic<int> counter{0};
  const int n = counter++;
  Child child;
  child.out_file = io_dir / ("stdout-" + std::to_string(n));
  child.err_file = io_dir / ("stderr-" + std::to_string(n));
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<std::string> argv_text{program.string()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string dir = cwd.string(), out = child.out_file.string(),
                    err = child.err_file.string(), exe = program.string();
  child.started = std::chrono::steady_clock::now();
  child.pid = fork();
  if (child.pid < 0) throw std::runtime_error("fork failed");
  if (child.pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(126);
    const int in_fd = open("/dev/null", O_RDONLY);
    const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0) _exit(126);
    dup2(in_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    unsetenv("SCORECARD_PLUGIN_DIR");
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  return child;
}

namespace {

Result collect(Child& child, int status) {
  Result r;
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - child.started).count();
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = read_file(child.out_file);
  r.err = read_file(child.err_file);
  child.pid = -1;
  return r;
}

}  // namespace

Result finish(Child& child, double timeout_s) {
  const auto limit = child.started + std::chrono::duration<double>(timeout_s);
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child.pid, &status, WNOHANG);
    if (done == child.pid) return collect(child, status);
    if (done < 0) throw std::runtime_error("waitpid failed");
    if (std::chrono::steady_clock::now() > limit) {
      Result r = kill_now(child);
      r.timed_out = true;
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

Result kill_now(Child& child) {
  kill(child.pid, SIGKILL);
  int status = 0;
  waitpid(child.pid, &status, 0);
  return collect(child, status);
}

Result run_program(const fs::path& program, const std::vector<std::string>& args,
                   const fs::path& cwd, double timeout_s) {
  TempDir io;
  Child child = start(program, args, cwd.empty() ? io.path() : cwd, io.path());
  return finish(child, timeout_s);
}

Result scorecard(const std::vector<std::string>& args, const fs::path& cwd, double timeout_s) {
  return run_program(kExe, args, cwd, timeout_s);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

json read_json(const fs::path& file) { return json::parse(read_file(file)); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const auto& l : lines_of(text))
    if (l == line) return true;
  return false;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void write_config(const fs::path& file, const fs::path& data_directory,
                  const std::vector<std::string>& indicators, const std::string& on_error,
                  const std::vector<fs::path>& plugin_directories) {
  std::ostringstream y;
  y << "authority: { name: Test Borough, code: E09000998, population_0_17: 50000 }\n";
  if (!plugin_directories.empty()) {
    y << "plugins:\n  directories:\n";
    for (const auto& d : plugin_directories) y << "    - \"" << d.string() << "\"\n";
  }
  y << "data:\n  directory: \"" << data_directory.string() << "\"\n"
    << "  on_error: " << on_error << "\n"
    << "indicators:\n";
  for (const auto& id : indicators) y << "  - use: " << id << "\n";
  write_file(file, y.str());
}

namespace {

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos)
    throw std::runtime_error("the demo configuration no longer has '" + from + "'");
  text.replace(at, from.size(), to);
}

}  // namespace

void write_demo_config(const fs::path& file, const fs::path& data_directory) {
  std::string text = read_file(kDemoConfig);
  replace_once(
      text, "postcode_centroids: data/postcode_centroids.csv",
      "postcode_centroids: \"" + (data_directory / "postcode_centroids.csv").string() + "\"");
  replace_once(text, "directory: data", "directory: \"" + data_directory.string() + "\"");
  // `benchmarks: { published: dfe }` names the DfE files that come with scorecard, found from
  // anywhere: like `include: standard`, it needs no change.
  if (text.find("  published: dfe\n") == std::string::npos)
    throw std::runtime_error("the demo configuration no longer has 'published: dfe'");
  write_file(file, text);
}

void link_demo_data(const fs::path& folder, const std::vector<std::string>& leave_out) {
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(kDemo / "data")) {
    const std::string name = entry.path().filename().string();
    if (std::find(leave_out.begin(), leave_out.end(), name) != leave_out.end()) continue;
    fs::create_symlink(entry.path(), folder / name);
  }
}

const json& period_of(const json& indicator, const std::string& label) {
  const json& periods = indicator.at("periods");
  if (periods.empty()) throw std::runtime_error("indicator has no periods");
  if (label.empty()) return periods.back();
  for (const auto& p : periods)
    if (p.at("label") == label) return p;
  throw std::runtime_error("no period " + label);
}

const json& indicator_with_code(const json& scorecard, const std::string& code) {
  for (const auto& ind : scorecard.at("indicators"))
    if (ind.at("code") == code) return ind;
  throw std::runtime_error("no indicator with code " + code);
}

}  // namespace scorecard::cli_test
