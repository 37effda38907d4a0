// cli: `scorecard test FILE.yaml...`, the definition tests of core/testdef (docs/cli.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace scorecard::cli {

struct TestArgs {
  std::vector<std::string> files;
  std::vector<std::string> plugin_dirs;
  std::string config;  // optional: its plugin directories and sha256 pins
  bool allow_unsafe = false;
  bool verbose = false;
};
void add_test_options(CLI::App* cmd, TestArgs& args);

// 0 every expected figure met; 1 some not; 2 bad usage or a bad test file (file:line:column).
int command_test(const TestArgs& args);

}  // namespace scorecard::cli
