#include "core/plugins/isolation.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

namespace scorecard::plugins {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
std::optional<double> number_or_null(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<double>();
}

json encode(const CallStatus& status, const std::vector<Observation>& observations) {
  json list = json::array();
  for (const Observation& o : observations) {
    json breakdowns = json::array();
    for (const Breakdown& b : o.breakdowns)
      breakdowns.push_back({{"d", b.dimension},
                            {"c", b.category},
                            {"n", b.numerator},
                            {"den", optional_number(b.denominator)},
                            {"v", optional_number(b.value)}});
    list.push_back({{"n", optional_number(o.numerator)},
                    {"d", optional_number(o.denominator)},
                    {"v", optional_number(o.value)},
                    {"b", breakdowns},
                    {"nr", o.numerator_records},
                    {"dr", o.denominator_records},
                    {"notes", o.notes},
                    {"wu", o.weight_unit}});
  }
  return {{"ok", status.ok}, {"message", status.message}, {"observations", list}};
}

CallStatus decode(const std::string& text, std::vector<Observation>* out) {
  const json j = json::parse(text);
  CallStatus status{j.at("ok").get<bool>(), j.at("message").get<std::string>()};
  out->clear();
  for (const json& o : j.at("observations")) {
    Observation obs;
    obs.numerator = number_or_null(o.at("n"));
    obs.denominator = number_or_null(o.at("d"));
    obs.value = number_or_null(o.at("v"));
    for (const json& b : o.at("b"))
      obs.breakdowns.push_back({b.at("d"), b.at("c"), b.at("n").get<double>(),
                                number_or_null(b.at("den")), number_or_null(b.at("v"))});
    obs.numerator_records = o.at("nr").get<std::vector<std::string>>();
    obs.denominator_records = o.at("dr").get<std::vector<std::string>>();
    obs.notes = o.at("notes").get<std::vector<std::string>>();
    obs.weight_unit = o.value("wu", std::string());
    out->push_back(std::move(obs));
  }
  return status;
}

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

constexpr unsigned long long kMiB = 1024ull * 1024;

[[noreturn]] void run_child(int fd, const IsolatedCall& call, const IsolationLimits& limits) {
  // The allowance is on top of what the child inherits: the parent's tables and care index
  // are already in its address space (shared with the parent until written), so a fixed limit
  // would leave a large run's plugins no room at all, or none of the protection.
  const unsigned long long inherited = address_space_bytes();
#if !defined(__SANITIZE_ADDRESS__)
  // Under AddressSanitizer the shadow memory alone exceeds any address-space limit, so the
  // sanitizer build runs the child without one.
  const unsigned long long allowance = static_cast<unsigned long long>(limits.memory_mb) * kMiB;
  const rlim_t bytes = static_cast<rlim_t>(inherited + allowance);
  const struct rlimit rl = {bytes, bytes};
  setrlimit(RLIMIT_AS, &rl);
#endif
  std::vector<Observation> observations;
  CallStatus status = call.plugin->calculate(*call.ctx, call.periods, &observations);
  if (!status.ok && status.message.find("bad_alloc") != std::string::npos)
    status.message = fmt::format(
        "ran out of memory: it may use {} MB (plugins.memory_mb) on top of the {} MB its process "
        "started with, and asked for more ({})",
        limits.memory_mb, inherited / kMiB, status.message);
  std::string payload;
  try {
    payload = encode(status, observations).dump();
  } catch (const std::exception& e) {
    payload = encode({false, std::string("could not send the result: ") + e.what()}, {}).dump();
  }
  write_all(fd, payload);
  ::close(fd);
  _exit(0);
}

// A child at work, seen from the parent.
struct Running {
  size_t call = 0;
  pid_t pid = -1;
  int fd = -1;  // the read end of its pipe; -1 once it has been read to the end
  std::chrono::steady_clock::time_point deadline;
  std::string received;
};

// Forks the child for `call`; false (with the call's status set) when it could not start.
bool start_child(IsolatedCall& call, size_t index, const IsolationLimits& limits,
                 const std::vector<Running>& running, Running* started) {
  int fds[2];
  if (pipe(fds) != 0) {
    call.status = {false, std::string("cannot create a pipe: ") + strerror(errno)};
    return false;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    call.status = {false, std::string("cannot fork: ") + strerror(errno)};
    return false;
  }
  if (pid == 0) {
    ::close(fds[0]);
    for (const Running& r : running)
      if (r.fd >= 0) ::close(r.fd);  // the other children's pipes are not this one's business
    run_child(fds[1], call, limits);
  }
  ::close(fds[1]);
  started->call = index;
  started->pid = pid;
  started->fd = fds[0];
  started->deadline = std::chrono::steady_clock::now() +
                      std::chrono::milliseconds(static_cast<long>(limits.timeout_s * 1000));
  return true;
}

// Reaps a child whose pipe is closed (or that was killed) and turns what it left into its
// call's status and observations.
void finish_child(Running& r, bool timed_out, IsolatedCall& call, const IsolationLimits& limits) {
  if (r.fd >= 0) ::close(r.fd);
  r.fd = -1;
  if (timed_out) kill(r.pid, SIGKILL);
  int wstatus = 0;
  while (waitpid(r.pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    call.status = {false, fmt::format("timed out after {} s and was stopped", limits.timeout_s)};
    return;
  }
  if (WIFSIGNALED(wstatus)) {
    const int sig = WTERMSIG(wstatus);
    const char* name = sigabbrev_np(sig);
    call.status = {
        false, fmt::format("crashed with signal SIG{} ({})", name ? name : "?", strsignal(sig))};
    return;
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || r.received.empty()) {
    call.status = {false, fmt::format("its process ended with exit code {} and no result",
                                      WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1)};
    return;
  }
  try {
    call.status = decode(r.received, &call.out);
  } catch (const std::exception& e) {
    call.out.clear();
    call.status = {false, std::string("sent back a result that could not be read: ") + e.what()};
  }
}

}  // namespace

unsigned long long address_space_bytes() {
  // The first field of statm is the whole address space (VmSize), in pages. Read with plain
  // system calls: this runs in a freshly forked child.
  const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[128];
  const ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return 0;
  buf[n] = '\0';
  const unsigned long long pages = std::strtoull(buf, nullptr, 10);
  return pages * static_cast<unsigned long long>(sysconf(_SC_PAGESIZE));
}

void calculate_isolated(std::vector<IsolatedCall>& calls, const IsolationLimits& limits,
                        int parallel) {
  const size_t at_once = static_cast<size_t>(std::max(1, parallel));
  std::vector<Running> running;
  size_t next = 0;
  char buf[65536];
  while (next < calls.size() || !running.empty()) {
    while (running.size() < at_once && next < calls.size()) {
      Running r;
      if (start_child(calls[next], next, limits, running, &r)) running.push_back(std::move(r));
      ++next;
    }
    if (running.empty()) continue;
    const auto now = std::chrono::steady_clock::now();
    auto soonest = running.front().deadline;
    for (const Running& r : running) soonest = std::min(soonest, r.deadline);
    const long left =
        std::chrono::duration_cast<std::chrono::milliseconds>(soonest - now).count() + 1;
    std::vector<struct pollfd> watched;
    for (const Running& r : running) watched.push_back({r.fd, POLLIN, 0});
    const int ready =
        poll(watched.data(), watched.size(), static_cast<int>(std::clamp<long>(left, 0, 1000)));
    if (ready < 0 && errno != EINTR) {
      for (Running& r : running)
        finish_child(r, /*timed_out=*/true, calls[r.call], limits);  // cannot watch: stop them
      running.clear();
      continue;
    }
    for (size_t i = 0; i < running.size(); ++i) {
      if (ready <= 0 || !(watched[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(running[i].fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n > 0) {
        running[i].received.append(buf, static_cast<size_t>(n));
        continue;
      }
      finish_child(running[i], /*timed_out=*/false, calls[running[i].call], limits);
    }
    const auto after = std::chrono::steady_clock::now();
    for (Running& r : running)
      if (r.fd >= 0 && after >= r.deadline)
        finish_child(r, /*timed_out=*/true, calls[r.call], limits);
    running.erase(
        std::remove_if(running.begin(), running.end(), [](const Running& r) { return r.fd < 0; }),
        running.end());
  }
}

CallStatus calculate_isolated(const LoadedIndicator& plugin, const Context& ctx,
                              const std::vector<Period>& periods, std::vector<Observation>* out,
                              const IsolationLimits& limits) {
  std::vector<IsolatedCall> calls(1);
  calls[0].plugin = &plugin;
  calls[0].ctx = &ctx;
  calls[0].periods = periods;
  calculate_isolated(calls, limits, 1);
  *out = std::move(calls[0].out);
  return calls[0].status;
}

}  // namespace scorecard::plugins
