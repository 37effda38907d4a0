// cli: the commands behind `scorecard <command>`, each returning the process exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace scorecard::cli {

constexpr int kExitOk = 0;
constexpr int kExitIncomplete = 1;  // ran, but some indicators not computed or in error
constexpr int kExitUsage = 2;       // bad usage or configuration
constexpr int kExitData = 3;        // bad data

struct RunArgs {
  std::string config;
  std::string period;
  std::string as_at;
  int history = -1;  // -1: report.history_quarters
  std::string out = "out";
  std::string history_db;
  bool isolate = false;
  bool allow_unsafe = false;
  bool no_html = false, no_xlsx = false;
  bool progress = false, no_progress = false;
  int threads = 0;
};
// The options `run` and `explain` share.
void add_run_options(CLI::App* cmd, RunArgs& args);

struct ValidateArgs {
  std::string config;
  bool allow_unsafe = false;
};
struct PluginsListArgs {
  std::string config;  // list what this configuration loads (its folders and pins)
  std::vector<std::string> dirs;
  bool json = false;
  bool allow_unsafe = false;
};
struct ExplainArgs {
  std::string indicator;
  RunArgs run;
};
struct DemoArgs {
  std::string out;
  long children = 2000;
  uint64_t seed = 1;
  std::string format = "csv";  // csv, or xml: the SSDA903 and CIN data as yearly returns
};

// `scorecard benchmarks` (benchmarks_command.cpp).
struct BenchmarksArgs {
  std::string published;  // default: the DfE files that come with scorecard
  std::string authority;  // ONS code or DfE number
  std::string mapping;    // default: indicators/benchmarks/dfe.yaml
  std::string neighbours = "mean";
  int year = 0;  // 0: each file's latest
  bool json = false;
};
int command_benchmarks(const BenchmarksArgs& args);

int command_run(const RunArgs& args);
int command_validate(const ValidateArgs& args);
int command_plugins_list(const PluginsListArgs& args);
int command_plugins_check(const std::string& file, bool allow_unsafe);
int command_explain(const ExplainArgs& args);
int command_demo(const DemoArgs& args);

struct InitArgs {
  std::string data;                    // the folder of extracts
  std::string out = "scorecard.yaml";  // the configuration to write (never overwritten)
};
int command_init(const InitArgs& args);

struct DescribeArgs {
  std::string indicator;  // a code or an id
  std::string config;     // describe the use in this configuration (its code, params)
  std::vector<std::string> dirs;
  bool json = false;
  bool allow_unsafe = false;
};
int command_describe(const DescribeArgs& args);

}  // namespace scorecard::cli
