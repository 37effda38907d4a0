// pipeline: one run from configuration to rated scorecard, in the order of the data flow:
// plugins -> data needs -> datasets (read once) -> every indicator x every period -> rating.
// In: a loaded Config, a plugin Registry, the reporting period. Out: model::Scorecard.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/datasets/datasets.hpp"
#include "core/model/result.hpp"
#include "core/periods/periods.hpp"
#include "core/plugins/isolation.hpp"
#include "core/plugins/loader.hpp"

namespace scorecard::pipeline {

// A mistake in how the configuration uses the plugins (unknown id, undeclared parameter...):
// exit code 2, like a ConfigError.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One use of an indicator, resolved against its plugin.
struct PreparedUse {
  config::IndicatorUse use;
  std::shared_ptr<const plugins::LoadedIndicator> plugin;
  Metadata metadata;  // the plugin's, with the config's overrides (code, name...) applied
  Parameters params;
  std::vector<DatasetNeed> needs;
  std::string needs_error;  // the plugin's needs() failed
};

struct RunOptions {
  periods::ReportingPeriod period;
  std::optional<int> history;       // periods of history; default from report.history_quarters
  bool want_records = false;        // keep record ids (explain)
  std::optional<std::string> only;  // compute just this code or id (explain)
  int threads = 0;                  // 0: the machine's cores
  bool isolate = false;             // evaluate each plugin in a child process (threads at once)
  plugins::IsolationLimits limits;  // for isolate
  std::function<void(const std::string&)> progress;  // told about each stage and indicator
};

// Checks every use against the registry: the id exists, parameters are declared and of the
// declared type. Throws UsageError or config::ConfigError.
std::vector<PreparedUse> prepare(const config::Config& config, const plugins::Registry& registry);

// The directory of the dataset schemas (indicators/datasets), installed or in the source tree;
// SCORECARD_SCHEMA_DIR in the environment overrides.
std::filesystem::path schema_directory();

// What validate needs: the needs of every use checked against the data present, without
// reading the data rows beyond the headers. Returns one line per unmet need.
struct Validation {
  std::vector<std::string> problems;  // unmet needs, by indicator code
  datasets::LoadResult data;          // the data as loaded (rows are read: bad rows surface)
};

// The whole run. Throws UsageError, config::ConfigError, datasets::DataError.
model::Scorecard run(const config::Config& config, const plugins::Registry& registry,
                     const RunOptions& options);

// Reads the data the prepared uses need, and reports the unmet needs, without calculating.
Validation validate(const config::Config& config, const plugins::Registry& registry);

// The plugins a run loads: the configured directories plus the built-in one.
plugins::Registry load_registry(const config::Config& config, bool allow_unsafe);

}  // namespace scorecard::pipeline
