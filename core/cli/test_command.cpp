#include "core/cli/test_command.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "core/cli/commands.hpp"
#include "core/config/config.hpp"
#include "core/datasets/datasets.hpp"
#include "core/pipeline/pipeline.hpp"
#include "core/plugins/loader.hpp"
#include "core/testdef/testdef.hpp"

namespace scorecard::cli {
namespace fs = std::filesystem;

void add_test_options(CLI::App* cmd, TestArgs& args) {
  cmd->add_option("files", args.files, "test files (YAML; the format is in docs/cli.md)")
      ->required();
  cmd->add_option("--plugin-dir", args.plugin_dirs,
                  "a directory of plugins to test (besides the built-in one)");
  cmd->add_option("--config", args.config,
                  "a scorecard.yaml whose plugins.directories and plugins.sha256 apply");
  cmd->add_flag("--allow-unsafe-plugins", args.allow_unsafe,
                "load plugins that others can write or that you do not own");
  cmd->add_flag("-v,--verbose", args.verbose, "list the periods that pass too");
}

namespace {

plugins::Registry registry_for(const TestArgs& args) {
  std::vector<fs::path> dirs;
  plugins::LoadPolicy policy;
  policy.allow_unsafe = args.allow_unsafe;
  if (!args.config.empty()) {
    const config::Config cfg = config::load(args.config);
    dirs = cfg.plugin_directories;
    policy.sha256 = cfg.sha256;
  }
  for (const auto& d : args.plugin_dirs) {
    if (!fs::is_directory(d)) throw pipeline::UsageError("--plugin-dir " + d + ": no such folder");
    dirs.push_back(fs::absolute(d));
  }
  dirs.push_back(plugins::builtin_plugin_directory());
  plugins::Registry registry = plugins::Registry::discover(dirs, policy);
  if (!registry.problems().empty()) {
    std::string all;
    for (const auto& p : registry.problems()) all += (all.empty() ? "" : "; ") + p;
    throw pipeline::UsageError(all);
  }
  return registry;
}

std::string describe(const testdef::PeriodOutcome& o) {
  std::string line = fmt::format("{}: \"{}\" ({}), period {}", o.expectation->where.str(),
                                 o.test->name, o.test->use.id, o.expectation->period);
  if (!o.window.empty()) line += " (counted " + o.window + ")";
  return line;
}

enum class FileResult { kPassed, kFailed, kBad };

FileResult run_file(const std::string& file, const datasets::SchemaSet& schemas,
                    const plugins::Registry& registry, bool verbose) {
  try {
    const testdef::TestFile tests = testdef::read_test_file(file, schemas);
    const std::vector<testdef::PeriodOutcome> outcomes = testdef::run_tests(tests, registry);
    size_t failed = 0;
    for (const auto& o : outcomes) {
      if (o.passed()) {
        if (verbose) std::cout << "ok   " << describe(o) << "\n";
        continue;
      }
      ++failed;
      std::cout << "FAIL " << describe(o) << "\n";
      for (const auto& f : o.failures) std::cout << "       " << f << "\n";
    }
    std::cout << fmt::format("{}: {} tests, {} periods: {}\n", file, tests.cases.size(),
                             outcomes.size(),
                             failed ? fmt::format("{} failed", failed) : "all passed");
    return failed ? FileResult::kFailed : FileResult::kPassed;
  } catch (const config::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
  } catch (const pipeline::UsageError& e) {
    std::cerr << "error: " << file << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << file << ": " << e.what() << "\n";
  }
  return FileResult::kBad;
}

}  // namespace

int command_test(const TestArgs& args) {
  // A test runs the whole pipeline once per expected period: its info lines ("read 2
  // datasets...") would bury the results, so only warnings show unless asked for more.
  if (spdlog::get_level() == spdlog::level::info) spdlog::set_level(spdlog::level::warn);
  datasets::SchemaSet schemas;
  plugins::Registry registry;
  try {
    schemas = datasets::load_schemas(pipeline::schema_directory());
    registry = registry_for(args);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  }
  bool failed = false, bad = false;
  for (const auto& file : args.files) {
    const FileResult r = run_file(file, schemas, registry, args.verbose);
    failed = failed || r == FileResult::kFailed;
    bad = bad || r == FileResult::kBad;
  }
  if (bad) return kExitUsage;
  return failed ? kExitIncomplete : kExitOk;
}

}  // namespace scorecard::cli
