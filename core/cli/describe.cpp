// `scorecard describe ID|CODE`: an indicator's definition as its plugin declares it (and, with
// --config, as that configuration uses it), so an analyst can check it without reading C++.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "core/cli/commands.hpp"
#include "core/cli/shared.hpp"
#include "core/config/config.hpp"
#include "core/config/yaml_reading.hpp"
#include "core/engine/run_context.hpp"
#include "core/pipeline/pipeline.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::cli {
namespace {

using json = nlohmann::ordered_json;

// What is described: the plugin's indicator, and the use of it when a configuration was read.
struct Described {
  std::shared_ptr<const plugins::LoadedIndicator> plugin;
  Metadata metadata;  // with the use's overrides
  Parameters params;  // the use's, or the defaults
  std::vector<DatasetNeed> needs;
  std::optional<config::IndicatorUse> use;
};

std::string value_text(const ParamValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return "blank";
  return reports::param_json(v).dump();
}

std::string period_text(const Metadata& m, const Parameters& params) {
  switch (m.period_kind) {
    case PeriodKind::kSnapshot: return "snapshot: as at the last day of the period";
    case PeriodKind::kEventsWithin: return "events within the period";
    case PeriodKind::kYearToDate: return "year to date: from 1 April to the end of the period";
    case PeriodKind::kRolling:
      return fmt::format("rolling: the {} months to the end of the period",
                         engine::rolling_window_months(m, params));
  }
  return to_string(m.period_kind);
}

std::string needs_text(const DatasetNeed& n) {
  std::vector<std::string> columns;
  for (const ColumnNeed& c : n.columns)
    columns.push_back(
        fmt::format("{} ({}{})", c.name, to_string(c.type), c.optional ? ", optional" : ""));
  return fmt::format("{}{}: {}", n.dataset, n.optional ? " (optional)" : "",
                     fmt::join(columns, ", "));
}

// Blank because the use sets one of its alternatives (config::parameters() cleared it).
bool cleared(const Parameter& p, const ParamValue& value, const config::IndicatorUse& use) {
  if (!std::holds_alternative<std::monostate>(value)) return false;
  for (const std::string& other : p.alternatives)
    if (use.params.count(other)) return true;
  return false;
}

void print(const Described& d) {
  const Metadata& m = d.metadata;
  std::cout << m.code << ": " << m.name << "\n";
  std::cout << fmt::format("  id          {} (indicator version {})\n", m.id, m.version);
  std::cout << fmt::format("  what        {}\n", m.description);
  std::cout << fmt::format("  definition  {}\n", m.definition_source);
  std::cout << fmt::format("  theme       {}\n", m.theme);
  std::cout << fmt::format("  unit        {}, {} decimal place{}\n", to_string(m.unit), m.decimals,
                           m.decimals == 1 ? "" : "s");
  std::cout << fmt::format("  polarity    {}\n", to_string(m.polarity));
  std::cout << fmt::format("  period      {}\n", period_text(m, d.params));
  auto number = [](std::optional<double> v) { return v ? fmt::format("{:g}", *v) : "none"; };
  if (d.use && d.use->target) {
    std::string target = d.use->target->value ? fmt::format("{:g}", *d.use->target->value) : "";
    for (const auto& [label, v] : d.use->target->by_period)
      target += fmt::format("{}{}: {:g}", target.empty() ? "" : "; ", label, v);
    std::cout << "  target      " << target << " (set in the configuration)\n";
  } else {
    std::cout << fmt::format("  target      {} (the plugin's default)\n", number(m.target));
  }
  std::cout << fmt::format("  plugin      {} {}\n", d.plugin->file().string(),
                           d.plugin->library_version());
  if (d.use && !d.use->set.empty()) std::cout << "  set         " << d.use->set << "\n";
  std::cout << (m.parameters.empty() ? "  parameters  none\n" : "  parameters\n");
  for (const Parameter& p : m.parameters) {
    std::cout << fmt::format("    {} ({}{}), default {}", p.name, to_string(p.type),
                             p.may_be_blank ? ", may be blank" : "", value_text(p.default_value));
    if (d.use) {
      const ParamValue& value = d.params.values().at(p.name);
      if (cleared(p, value, *d.use))
        std::cout << "; this configuration: blank (another parameter is set instead)";
      else if (d.use->params.count(p.name))
        std::cout << "; this configuration: " << value_text(value);
    }
    std::cout << "\n      " << p.description << "\n";
  }
  std::cout << "  data needs (with these parameters)\n";
  for (const DatasetNeed& n : d.needs) std::cout << "    " << needs_text(n) << "\n";
}

json to_json(const Described& d) {
  const Metadata& m = d.metadata;
  json params = json::array();
  for (const Parameter& p : m.parameters)
    params.push_back({{"name", p.name},
                      {"type", to_string(p.type)},
                      {"default", reports::param_json(p.default_value)},
                      {"may_be_blank", p.may_be_blank},
                      {"alternatives", p.alternatives},
                      {"value", reports::param_json(d.params.values().at(p.name))},
                      {"description", p.description}});
  json needs = json::array();
  for (const DatasetNeed& n : d.needs) {
    json columns = json::array();
    for (const ColumnNeed& c : n.columns)
      columns.push_back({{"name", c.name}, {"type", to_string(c.type)}, {"optional", c.optional}});
    needs.push_back({{"dataset", n.dataset}, {"optional", n.optional}, {"columns", columns}});
  }
  return {
      {"id", m.id},
      {"code", m.code},
      {"name", m.name},
      {"description", m.description},
      {"definition_source", m.definition_source},
      {"theme", m.theme},
      {"unit", to_string(m.unit)},
      {"polarity", to_string(m.polarity)},
      {"period_kind", to_string(m.period_kind)},
      {"period_months", engine::rolling_window_months(m, d.params)},
      {"decimals", m.decimals},
      {"version", m.version},
      {"target", m.target ? json(*m.target) : json(nullptr)},
      {"plugin", {{"file", d.plugin->file().string()}, {"version", d.plugin->library_version()}}},
      {"set", d.use ? json(d.use->set) : json(nullptr)},
      {"parameters", params},
      {"needs", needs}};
}

[[noreturn]] void no_such(const std::string& name, const std::vector<std::string>& known,
                          const std::string& where) {
  std::string message = "no indicator with code or id '" + name + "' " + where;
  if (auto near = config::closest(name, known)) message += "; did you mean '" + *near + "'?";
  throw pipeline::UsageError(message);
}

Described from_configuration(const DescribeArgs& args) {
  const config::Config cfg = config::load(args.config);
  const plugins::Registry registry = registry_for(cfg, args.allow_unsafe);
  std::vector<std::string> known;
  for (pipeline::PreparedUse& u : pipeline::prepare(cfg, registry)) {
    if (u.metadata.code != args.indicator && u.metadata.id != args.indicator) {
      known.push_back(u.metadata.code);
      continue;
    }
    Described d{u.plugin, u.metadata, u.params, u.needs, u.use};
    if (!u.needs_error.empty()) d.needs = u.metadata.needs;
    return d;
  }
  no_such(args.indicator, known, "in " + args.config);
}

Described from_plugins(const DescribeArgs& args) {
  std::vector<std::filesystem::path> dirs(args.dirs.begin(), args.dirs.end());
  dirs.push_back(plugins::builtin_plugin_directory());
  plugins::LoadPolicy policy;
  policy.allow_unsafe = args.allow_unsafe;
  const plugins::Registry registry = plugins::Registry::discover(dirs, policy);
  std::vector<std::string> known;
  for (const plugins::PluginFile& f : registry.files()) {
    for (const auto& indicator : f.indicators) {
      const Metadata& m = indicator->metadata();
      if (m.code != args.indicator && m.id != args.indicator) {
        known.push_back(m.code);
        known.push_back(m.id);
        continue;
      }
      Described d{indicator, m, {}, {}, std::nullopt};
      for (const Parameter& p : m.parameters) d.params.set(p.name, p.default_value);
      if (!indicator->needs(d.params, &d.needs).ok) d.needs = m.needs;
      return d;
    }
  }
  no_such(args.indicator, known,
          "in the installed plugins (a code a configuration gives, such as 'SEEN 6W', needs "
          "--config)");
}

}  // namespace

int command_describe(const DescribeArgs& args) {
  return guarded([&] {
    const Described d = args.config.empty() ? from_plugins(args) : from_configuration(args);
    if (args.json)
      std::cout << to_json(d).dump(2) << "\n";
    else
      print(d);
    return kExitOk;
  });
}

}  // namespace scorecard::cli
