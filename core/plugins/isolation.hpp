// pipeline: evaluating a plugin in a child process, so that one that crashes, hangs or eats
// memory costs its own indicator and nothing else (plugins.isolation: process, --isolate).
#pragma once

#include <vector>

#include "core/plugins/loader.hpp"
#include "scorecard/sdk.hpp"

namespace scorecard::plugins {

struct IsolationLimits {
  double timeout_s = 60;  // wall-clock time for one indicator's calculation
  // The plugin's own memory allowance: the address space its child process may add to what it
  // inherits from the parent at the fork (the loaded data, the care index). Enforced with
  // RLIMIT_AS = inherited + allowance, set in the child; not a cgroup (docs/configuration.md).
  long memory_mb = 4096;
};

// One indicator use to evaluate in a child process. The pointers are the caller's and must
// stay valid until calculate_isolated returns; `ctx` (and what it reads) is what the child
// sees, as it was at the fork.
struct IsolatedCall {
  const LoadedIndicator* plugin = nullptr;
  const Context* ctx = nullptr;
  std::vector<Period> periods;
  std::vector<Observation> out;  // filled when status.ok
  CallStatus status;
};

// Forks one child per call, at most `parallel` (at least 1) running at once, all from the
// calling thread; each child calculates and sends its observations back through a pipe. A
// crash gives the signal's name, a time-out or an exhausted memory allowance says so; the call
// gets a failed CallStatus either way. Children never write files. The caller must be the only
// thread running (a fork copies no other thread, and a lock another thread held stays locked in
// the child for ever).
void calculate_isolated(std::vector<IsolatedCall>& calls, const IsolationLimits& limits,
                        int parallel);

// One call, on its own.
CallStatus calculate_isolated(const LoadedIndicator& plugin, const Context& ctx,
                              const std::vector<Period>& periods, std::vector<Observation>* out,
                              const IsolationLimits& limits);

// The address space of this process now, in bytes (Linux: /proc/self/statm; 0 when unknown).
unsigned long long address_space_bytes();

}  // namespace scorecard::plugins
