// pipeline: evaluating a plugin in a child process, so that one that crashes, hangs or eats
// memory costs its own indicator and nothing else (plugins.isolation: process, --isolate).
#pragma once

#include <vector>

#include "core/plugins/loader.hpp"
#include "scorecard/sdk.hpp"

namespace scorecard::plugins {

struct IsolationLimits {
  double timeout_s = 60;  // wall-clock time for one indicator's calculation
  long memory_mb = 4096;  // address-space limit of the child process
};

// Forks; the child calculates and sends the observations back through a pipe. A crash gives
// the signal's name, a time-out or an exhausted memory limit says so; the caller gets a
// failed CallStatus either way. The child never writes files.
CallStatus calculate_isolated(const LoadedIndicator& plugin, const Context& ctx,
                              const std::vector<Period>& periods, std::vector<Observation>* out,
                              const IsolationLimits& limits);

}  // namespace scorecard::plugins
