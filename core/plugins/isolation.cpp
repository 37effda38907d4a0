#include "core/plugins/isolation.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
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
                    {"notes", o.notes}});
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

[[noreturn]] void run_child(int fd, const LoadedIndicator& plugin, const Context& ctx,
                            const std::vector<Period>& periods, const IsolationLimits& limits) {
#if !defined(__SANITIZE_ADDRESS__)
  // Under AddressSanitizer the shadow memory alone exceeds any address-space limit, so the
  // sanitizer build runs the child without one.
  const rlim_t bytes = static_cast<rlim_t>(limits.memory_mb) * 1024 * 1024;
  const struct rlimit rl = {bytes, bytes};
  setrlimit(RLIMIT_AS, &rl);
#endif
  std::vector<Observation> observations;
  CallStatus status = plugin.calculate(ctx, periods, &observations);
  if (!status.ok && status.message.find("bad_alloc") != std::string::npos)
    status.message =
        fmt::format("exceeded the memory limit of {} MB ({})", limits.memory_mb, status.message);
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

}  // namespace

CallStatus calculate_isolated(const LoadedIndicator& plugin, const Context& ctx,
                              const std::vector<Period>& periods, std::vector<Observation>* out,
                              const IsolationLimits& limits) {
  int fds[2];
  if (pipe(fds) != 0) return {false, std::string("cannot create a pipe: ") + strerror(errno)};
  const pid_t pid = fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return {false, std::string("cannot fork: ") + strerror(errno)};
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], plugin, ctx, periods, limits);
  }
  ::close(fds[1]);

  std::string received;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(limits.timeout_s * 1000));
  char buf[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd p {
      fds[0], POLLIN, 0
    };
    const int ready = poll(&p, 1, static_cast<int>(std::min<long>(left, 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    received.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (timed_out)
    return {false, fmt::format("timed out after {} s and was stopped", limits.timeout_s)};
  if (WIFSIGNALED(wstatus)) {
    const int sig = WTERMSIG(wstatus);
    const char* name = sigabbrev_np(sig);
    return {false,
            fmt::format("crashed with signal SIG{} ({})", name ? name : "?", strsignal(sig))};
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || received.empty())
    return {false, fmt::format("its process ended with exit code {} and no result",
                               WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1)};
  try {
    return decode(received, out);
  } catch (const std::exception& e) {
    return {false, std::string("sent back a result that could not be read: ") + e.what()};
  }
}

}  // namespace scorecard::plugins
