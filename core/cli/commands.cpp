#include "core/cli/commands.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/cli/demo/demo_data.hpp"
#include "core/cli/demo/demo_returns.hpp"
#include "core/cli/shared.hpp"
#include "core/config/config.hpp"
#include "core/datasets/datasets.hpp"
#include "core/periods/periods.hpp"
#include "core/pipeline/pipeline.hpp"
#include "core/plugins/loader.hpp"
#include "core/reports/reports.hpp"
#include "core/values/values.hpp"

namespace scorecard::cli {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

periods::ReportingPeriod reporting_period(const RunArgs& args) {
  if (!args.as_at.empty()) {
    auto d = values::parse_date(args.as_at);
    if (!d)
      throw periods::PeriodError("--as-at '" + args.as_at +
                                 "' is not a date (expected yyyy-mm-dd or dd/mm/yyyy)");
    return periods::as_at(*d);
  }
  return periods::parse(args.period);
}

// A data folder that is not there is a configuration mistake (exit 2), not bad data.
void require_data_directory(const config::Config& cfg) {
  if (!fs::is_directory(cfg.data_directory))
    throw pipeline::UsageError("data folder " + cfg.data_directory.string() + " does not exist");
}

// Failing to write where the user asked is a usage problem (exit 2): the data were fine.
template <typename F>
auto writing(F&& write) {
  try {
    return write();
  } catch (const pipeline::UsageError&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw pipeline::UsageError(e.what());
  }
}

pipeline::RunOptions run_options(const RunArgs& args, const config::Config& cfg) {
  pipeline::RunOptions o;
  o.period = reporting_period(args);
  if (args.history >= 0) o.history = args.history;
  o.isolate = args.isolate || cfg.isolation == config::Isolation::kProcess;
  o.limits = {cfg.timeout_s, cfg.memory_mb};
  o.threads = args.threads;
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (args.progress || (tty && !args.no_progress)) {
    o.progress = [tty](const std::string& what) {
      if (tty)
        std::cerr << "\r\033[K" << what << std::flush;
      else
        std::cerr << what << "\n";
    };
  }
  return o;
}

int exit_code_for(const model::Scorecard& card) {
  for (const auto& ind : card.indicators)
    if (ind.status != model::Status::kOk) return kExitIncomplete;
  return kExitOk;
}

std::string summary_line(const model::Scorecard& card) {
  const model::RagSummary& s = card.summary.front();
  return fmt::format("{} indicators: {} green, {} amber, {} red, {} not rated, {} not computed",
                     card.indicators.size(), s.green, s.amber, s.red, s.not_rated, s.not_computed);
}

json describe(const Metadata& m) {
  json params = json::array();
  for (const auto& p : m.parameters)
    params.push_back({{"name", p.name},
                      {"type", to_string(p.type)},
                      {"default", reports::param_json(p.default_value)},
                      {"may_be_blank", p.may_be_blank},
                      {"alternatives", p.alternatives},
                      {"description", p.description}});
  json needs = json::array();
  for (const auto& n : m.needs) {
    json cols = json::array();
    for (const auto& c : n.columns)
      cols.push_back({{"name", c.name}, {"type", to_string(c.type)}, {"optional", c.optional}});
    needs.push_back({{"dataset", n.dataset}, {"optional", n.optional}, {"columns", cols}});
  }
  return {{"id", m.id},
          {"code", m.code},
          {"name", m.name},
          {"theme", m.theme},
          {"unit", to_string(m.unit)},
          {"polarity", to_string(m.polarity)},
          {"period_kind", to_string(m.period_kind)},
          {"decimals", m.decimals},
          {"version", m.version},
          {"target", m.target ? json(*m.target) : json(nullptr)},
          {"tolerance", m.tolerance ? json(*m.tolerance) : json(nullptr)},
          {"definition_source", m.definition_source},
          {"parameters", params},
          {"needs", needs}};
}

json describe(const plugins::PluginFile& f) {
  json inds = json::array();
  for (const auto& i : f.indicators) inds.push_back(describe(i->metadata()));
  return {{"file", f.file.string()},
          {"status", plugins::to_string(f.status)},
          {"message", f.message},
          {"library", {{"name", f.library_name}, {"version", f.library_version}}},
          {"sdk_version", f.sdk_version},
          {"abi", {{"major", f.abi_major}, {"minor", f.abi_minor}}},
          {"indicators", inds}};
}

void print(const plugins::PluginFile& f) {
  std::cout << f.file.string() << "\n";
  if (f.status != plugins::FileStatus::kOk) {
    std::cout << "  " << plugins::to_string(f.status) << ": " << f.message << "\n";
    return;
  }
  std::cout << fmt::format("  {} {}, SDK {}, ABI {}.{}: ok\n", f.library_name, f.library_version,
                           f.sdk_version, f.abi_major, f.abi_minor);
  for (const auto& i : f.indicators) {
    const Metadata& m = i->metadata();
    std::vector<std::string> needs;
    for (const auto& n : m.needs) {
      std::vector<std::string> cols;
      for (const auto& c : n.columns) cols.push_back(c.name);
      needs.push_back(
          fmt::format("{}{}({})", n.dataset, n.optional ? "?" : "", fmt::join(cols, ", ")));
    }
    std::cout << fmt::format("  {:<32} {:<8} {:<15} {:<17} needs {}\n", m.id, m.code,
                             to_string(m.unit), to_string(m.polarity), fmt::join(needs, "; "));
  }
}

}  // namespace

plugins::Registry registry_for(const config::Config& cfg, bool allow_unsafe) {
  plugins::Registry registry = pipeline::load_registry(cfg, allow_unsafe);
  if (!registry.problems().empty()) {
    std::string all;
    for (const auto& p : registry.problems()) all += (all.empty() ? "" : "; ") + p;
    throw pipeline::UsageError(all);
  }
  return registry;
}

void add_run_options(CLI::App* cmd, RunArgs& args) {
  cmd->add_option("--config", args.config, "scorecard.yaml")->required();
  auto* period = cmd->add_option("--period", args.period,
                                 "the reporting period: 2018-19, \"2018-19 Q3\", 2019-01");
  auto* as_at = cmd->add_option("--as-at", args.as_at, "report as at a date: 2019-03-31");
  period->excludes(as_at);
  cmd->add_option("--history", args.history,
                  "previous periods to compute for trends (default report.history_quarters)")
      ->check(CLI::Range(0, 40));
  cmd->add_flag("--isolate", args.isolate, "evaluate each plugin in a child process");
  cmd->add_flag("--allow-unsafe-plugins", args.allow_unsafe,
                "load plugins that others can write or that you do not own");
  cmd->add_option("--threads", args.threads, "threads for indicators (default: all cores)");
  cmd->add_flag("--progress", args.progress, "show progress even when not on a terminal");
  cmd->add_flag("--no-progress", args.no_progress, "never show progress");
}

int command_run(const RunArgs& args) {
  return guarded([&] {
    if (args.period.empty() && args.as_at.empty())
      throw pipeline::UsageError("run needs --period (e.g. \"2018-19 Q3\") or --as-at");
    const config::Config cfg = config::load(args.config);
    require_data_directory(cfg);
    const plugins::Registry registry = registry_for(cfg, args.allow_unsafe);
    const pipeline::RunOptions options = run_options(args, cfg);
    const model::Scorecard card = pipeline::run(cfg, registry, options);
    if (options.progress && isatty(STDERR_FILENO)) std::cerr << "\r\033[K";
    reports::ReportOptions ro;
    ro.out_dir = args.out;
    if (!args.history_db.empty())
      ro.history_db = fs::path(args.history_db);
    else if (cfg.history_db)
      ro.history_db = *cfg.history_db;
    ro.html = !args.no_html;
    ro.xlsx = !args.no_xlsx;
    const auto written = writing([&] { return reports::write_reports(card, ro); });
    std::cout << cfg.authority.name << ", " << card.period << ": " << summary_line(card) << "\n";
    for (const auto& ind : card.indicators)
      if (ind.status != model::Status::kOk)
        std::cout << "  " << ind.code << " " << model::to_string(ind.status) << ": " << ind.message
                  << "\n";
    for (const auto& f : written) std::cout << "wrote " << f.string() << "\n";
    return exit_code_for(card);
  });
}

int command_validate(const ValidateArgs& args) {
  return guarded([&] {
    const config::Config cfg = config::load(args.config);
    require_data_directory(cfg);
    const plugins::Registry registry = registry_for(cfg, args.allow_unsafe);
    const pipeline::Validation v = pipeline::validate(cfg, registry);
    for (const auto& f : v.data.files)
      std::cout << "file " << f.path.filename().string() << ": " << f.read_as << "\n";
    for (const auto& [name, info] : v.data.info)
      std::cout << fmt::format("{}: {} rows from {} file(s)", name, info.rows_read,
                               info.files.size())
                << (info.rejected ? fmt::format(", {} rows reported", info.rejected) : "") << "\n";
    for (const auto& w : v.data.warnings) std::cout << "warning: " << w << "\n";
    for (const auto& i : v.data.issues) std::cout << "reported: " << i.message << "\n";
    for (const auto& p : v.problems) std::cout << "not computable: " << p << "\n";
    std::cout << (v.problems.empty()
                      ? "configuration and data meet every indicator's needs\n"
                      : fmt::format("{} indicator(s) cannot be computed\n", v.problems.size()));
    return v.problems.empty() ? kExitOk : kExitIncomplete;
  });
}

int command_plugins_list(const PluginsListArgs& args) {
  return guarded([&] {
    // With --config, what that configuration loads: its folders and sha256 pins.
    std::vector<fs::path> dirs(args.dirs.begin(), args.dirs.end());
    plugins::LoadPolicy policy;
    if (!args.config.empty()) {
      const config::Config cfg = config::load(args.config);
      dirs.insert(dirs.end(), cfg.plugin_directories.begin(), cfg.plugin_directories.end());
      policy.sha256 = cfg.sha256;
    }
    dirs.push_back(plugins::builtin_plugin_directory());
    policy.allow_unsafe = args.allow_unsafe;
    const plugins::Registry registry = plugins::Registry::discover(dirs, policy);
    bool all_ok = registry.problems().empty();
    for (const auto& f : registry.files()) all_ok = all_ok && f.status == plugins::FileStatus::kOk;
    if (args.json) {
      json files = json::array();
      for (const auto& f : registry.files()) files.push_back(describe(f));
      std::cout << json{{"plugins", files}, {"problems", registry.problems()}}.dump(2) << "\n";
    } else {
      for (const auto& f : registry.files()) print(f);
      for (const auto& p : registry.problems()) std::cout << "problem: " << p << "\n";
    }
    // A missing directory or an id exported twice is a mistake in what was asked for, as in
    // `run`; a plugin that failed to load is reported, like an indicator not computed.
    if (!registry.problems().empty()) return kExitUsage;
    return all_ok ? kExitOk : kExitIncomplete;
  });
}

int command_plugins_check(const std::string& file, bool allow_unsafe) {
  return guarded([&] {
    if (!fs::exists(file)) throw pipeline::UsageError("no such file: " + file);
    plugins::LoadPolicy policy;
    policy.allow_unsafe = allow_unsafe;
    const plugins::PluginFile f = plugins::load_file(fs::absolute(file), policy);
    print(f);
    return f.status == plugins::FileStatus::kOk ? kExitOk : kExitIncomplete;
  });
}

int command_explain(const ExplainArgs& args) {
  return guarded([&] {
    if (args.run.period.empty() && args.run.as_at.empty())
      throw pipeline::UsageError("explain needs --period or --as-at");
    const config::Config cfg = config::load(args.run.config);
    require_data_directory(cfg);
    const plugins::Registry registry = registry_for(cfg, args.run.allow_unsafe);
    pipeline::RunOptions options = run_options(args.run, cfg);
    options.history = 0;
    options.want_records = true;
    options.only = args.indicator;
    const model::Scorecard card = pipeline::run(cfg, registry, options);
    if (options.progress && isatty(STDERR_FILENO)) std::cerr << "\r\033[K";
    const model::IndicatorResult& ind = card.indicators.front();
    std::cout << "# " << ind.code << " " << ind.name << " (" << ind.id << ")\n";
    if (ind.status != model::Status::kOk) {
      std::cout << "# " << model::to_string(ind.status) << ": " << ind.message << "\n";
      return kExitIncomplete;
    }
    const model::PeriodResult& p = ind.periods.back();
    const Observation& o = p.observation;
    auto num = [](const std::optional<double>& v) { return v ? fmt::format("{:g}", *v) : "-"; };
    std::cout << "# " << p.label << ": window " << p.from.iso() << " to " << p.to.iso()
              << "; value " << num(o.value) << ", numerator " << num(o.numerator)
              << ", denominator " << num(o.denominator) << "\n";
    for (const auto& note : o.notes) std::cout << "# note: " << note << "\n";
    std::cout << "# numerator records (" << o.numerator_records.size() << ")\n";
    for (const auto& r : o.numerator_records) std::cout << r << "\n";
    std::cout << "# denominator records (" << o.denominator_records.size() << ")\n";
    for (const auto& r : o.denominator_records) std::cout << r << "\n";
    return kExitOk;
  });
}

int command_demo(const DemoArgs& args) {
  return guarded([&] {
    demo::DemoOptions o;
    o.children = args.children;
    o.seed = args.seed;
    if (args.format == "xml") {
      const auto written = writing([&] { return demo::write_demo_returns(args.out, o); });
      std::uintmax_t csv_bytes = 0, xml_bytes = 0;
      for (const auto& d : written.csv) csv_bytes += d.bytes;
      for (const auto& r : written.returns) xml_bytes += r.bytes;
      std::cout << fmt::format(
          "wrote {} XML returns ({:.1f} MB: SSDA903 and CIN census, one per year) and {} "
          "datasets as CSV ({:.1f} MB) for {} children to {}; population aged 0-17 for the "
          "config: {}\n",
          written.returns.size(), xml_bytes / 1e6, written.csv.size(), csv_bytes / 1e6,
          args.children, args.out, demo::demo_population(o));
      return kExitOk;
    }
    const auto written = writing([&] { return demo::write_demo_data(args.out, o); });
    std::uintmax_t bytes = 0;
    for (const auto& d : written) bytes += d.bytes;
    std::cout << fmt::format(
        "wrote {} datasets ({:.1f} MB) for {} children to {}; population aged "
        "0-17 for the config: {}\n",
        written.size(), bytes / 1e6, args.children, args.out, demo::demo_population(o));
    return kExitOk;
  });
}

}  // namespace scorecard::cli
