// cli: what the commands share: turning failures into messages and exit codes, and loading
// the plugins a configuration names.
#pragma once

#include <iostream>
#include <string>

#include "core/cli/commands.hpp"
#include "core/config/config.hpp"
#include "core/datasets/datasets.hpp"
#include "core/periods/periods.hpp"
#include "core/pipeline/pipeline.hpp"
#include "core/plugins/loader.hpp"

namespace scorecard::cli {

inline void error(const std::string& message) { std::cerr << "error: " << message << "\n"; }

// Runs a command body, turning each kind of failure into its message and exit code.
template <typename F>
int guarded(F&& body) {
  try {
    return body();
  } catch (const config::ConfigError& e) {
    error(e.what());
    return kExitUsage;
  } catch (const pipeline::UsageError& e) {
    error(e.what());
    return kExitUsage;
  } catch (const periods::PeriodError& e) {
    error(e.what());
    return kExitUsage;
  } catch (const datasets::DataError& e) {
    error(e.what());
    return kExitData;
  } catch (const std::exception& e) {
    error(e.what());
    return kExitData;
  }
}

// The plugins the configuration loads; a problem (a missing folder, an id exported twice) is
// a UsageError.
plugins::Registry registry_for(const config::Config& cfg, bool allow_unsafe);

}  // namespace scorecard::cli
