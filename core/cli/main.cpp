// cli: the scorecard command. Parses the command line and hands each command to the stages.
// Exit codes (docs/cli.md): 0 ok; 1 ran, but some indicators not computed or in error (or a
// plugin was refused); 2 bad usage or configuration; 3 bad data.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "core/cli/commands.hpp"
#include "core/cli/huge_pages.hpp"
#include "core/cli/new_plugin.hpp"
#include "core/cli/test_command.hpp"
#include "scorecard/abi.hpp"

int main(int argc, char** argv) {
  using namespace scorecard::cli;
  ask_for_huge_pages(argc, argv);  // may execute this program again, before anything is read
  CLI::App app{
      "scorecard: children's-services performance indicators from your own record-level data.\n"
      "Exit codes: 0 ok; 1 some indicators not computed or in error; 2 bad usage or "
      "configuration; 3 bad data."};
  app.set_version_flag("--version", std::string("scorecard ") + SCORECARD_SDK_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // --log-level may come after the command too
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "compute the scorecard and write its reports");
  add_run_options(run_cmd, run);
  run_cmd->add_option("--out", run.out, "where the reports go")->capture_default_str();
  run_cmd->add_option(
      "--history-db", run.history_db,
      "the SQLite history store (default: report.history_db, else OUT/history.sqlite)");
  run_cmd->add_flag("--no-html", run.no_html, "skip scorecard.html");
  run_cmd->add_flag("--no-xlsx", run.no_xlsx, "skip scorecard.xlsx");

  ValidateArgs validate;
  auto* validate_cmd =
      app.add_subcommand("validate", "check the configuration and the data against every need");
  validate_cmd->add_option("--config", validate.config, "scorecard.yaml")->required();
  validate_cmd->add_flag("--allow-unsafe-plugins", validate.allow_unsafe,
                         "load plugins others can write");

  auto* plugins_cmd = app.add_subcommand("plugins", "list or check indicator plugins");
  plugins_cmd->require_subcommand(1);
  plugins_cmd->fallthrough();
  PluginsListArgs list;
  auto* list_cmd = plugins_cmd->add_subcommand("list", "what was found, versions, ABI, indicators");
  list_cmd->add_option("--config", list.config,
                       "list what this scorecard.yaml loads (its plugin folders and pins)");
  list_cmd->add_option("--plugin-dir", list.dirs,
                       "a directory to search (besides the built-in one)");
  list_cmd->add_flag("--json", list.json, "machine-readable output");
  list_cmd->add_flag("--allow-unsafe-plugins", list.allow_unsafe, "load plugins others can write");
  std::string check_file;
  bool check_unsafe = false;
  auto* check_cmd =
      plugins_cmd->add_subcommand("check", "load one plugin and report, without running it");
  check_cmd->add_option("file", check_file, "the plugin .so")->required();
  check_cmd->add_flag("--allow-unsafe-plugins", check_unsafe, "load plugins others can write");

  ExplainArgs explain;
  auto* explain_cmd = app.add_subcommand(
      "explain", "list the records behind an indicator's numerator and denominator");
  explain_cmd->add_option("indicator", explain.indicator, "the indicator's code or id")->required();
  add_run_options(explain_cmd, explain.run);

  InitArgs init;
  auto* init_cmd = app.add_subcommand(
      "init", "write a starter scorecard.yaml for a folder of extracts, and say what computes");
  init_cmd->add_option("--data", init.data, "the folder of CSV extracts")->required();
  init_cmd->add_option("--out", init.out, "the configuration to write (not overwritten)")
      ->capture_default_str();

  DescribeArgs describe;
  auto* describe_cmd = app.add_subcommand(
      "describe", "an indicator's definition, unit, polarity, period, parameters and data needs");
  describe_cmd->add_option("indicator", describe.indicator, "the indicator's code or id")
      ->required();
  describe_cmd->add_option("--config", describe.config,
                           "describe the use in this scorecard.yaml (its code, parameters)");
  describe_cmd->add_option("--plugin-dir", describe.dirs, "a plugin folder to search as well");
  describe_cmd->add_flag("--json", describe.json, "machine-readable output");
  describe_cmd->add_flag("--allow-unsafe-plugins", describe.allow_unsafe,
                         "load plugins others can write");

  DemoArgs demo;
  auto* demo_cmd = app.add_subcommand("demo-data", "write a synthetic authority's data");
  demo_cmd->add_option("--out", demo.out, "the data directory to write")->required();
  demo_cmd->add_option("--children", demo.children, "children ever looked after")
      ->check(CLI::Range(0L, 100000000L))
      ->capture_default_str();
  demo_cmd->add_option("--seed", demo.seed, "random seed")->capture_default_str();
  demo_cmd
      ->add_option("--format", demo.format,
                   "csv: one CSV per dataset; xml: the SSDA903 and CIN data as yearly XML "
                   "returns (SSDA903 and CIN census), the rest CSV")
      ->check(CLI::IsMember({"csv", "xml"}))
      ->capture_default_str();

  TestArgs test;
  auto* test_cmd = app.add_subcommand(
      "test", "check indicators against expected figures on tables written in a YAML test file");
  add_test_options(test_cmd, test);
  NewPluginArgs new_plugin;
  auto* new_plugin_cmd = app.add_subcommand(
      "new-plugin", "write a folder for a new indicator plugin: source, CMake, a test, README");
  new_plugin_cmd->add_option("name", new_plugin.name, "the plugin's name, e.g. foster_share")
      ->required();
  new_plugin_cmd->add_option("--out", new_plugin.out, "the folder to write (default: ./NAME)");
  new_plugin_cmd->add_flag("--force", new_plugin.force, "overwrite files in a folder in use");

  BenchmarksArgs bench;
  auto* bench_cmd = app.add_subcommand(
      "benchmarks",
      "print an authority's published DfE figures beside England, region and neighbours");
  bench_cmd->add_option("--authority", bench.authority, "ONS code (E08000016) or DfE number (370)")
      ->required();
  bench_cmd->add_option("--published", bench.published,
                        "the folder of DfE files (default: the 2025 files that come with "
                        "scorecard)");
  bench_cmd->add_option("--year", bench.year, "the published year (default: each file's latest)")
      ->check(CLI::Range(1900, 2200));
  bench_cmd->add_option("--neighbours", bench.neighbours, "mean (as LAIT) or median")
      ->check(CLI::IsMember({"mean", "median"}))
      ->capture_default_str();
  bench_cmd->add_option("--mapping", bench.mapping,
                        "the mapping YAML (default: indicators/benchmarks/dfe.yaml)");
  bench_cmd->add_flag("--json", bench.json, "machine-readable output");

  // CLI11 would only say "A subcommand is required" for a mistyped command.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    bool known = false;
    std::string names;
    for (const auto* sub : app.get_subcommands({})) {
      known = known || sub->get_name() == first;
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::cerr << "error: unknown command '" << first << "' (commands: " << names << ")\n"
                << "A subcommand is required\nRun with --help for more information.\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  auto logger = spdlog::stderr_color_mt("scorecard");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(log_level));
  if (reads_data(argc, argv)) spdlog::debug("{}", huge_pages_note());

  if (*run_cmd) return command_run(run);
  if (*validate_cmd) return command_validate(validate);
  if (*list_cmd) return command_plugins_list(list);
  if (*check_cmd) return command_plugins_check(check_file, check_unsafe);
  if (*explain_cmd) return command_explain(explain);
  if (*demo_cmd) return command_demo(demo);
  if (*test_cmd) return command_test(test);
  if (*new_plugin_cmd) return command_new_plugin(new_plugin);
  if (*bench_cmd) return command_benchmarks(bench);
  if (*describe_cmd) return command_describe(describe);
  if (*init_cmd) return command_init(init);
  return kExitUsage;
}
