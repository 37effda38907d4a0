// Fuzz target: the configuration loader (config::load) and the parameters of each use.
// The input is written as scorecard.yaml in a folder of its own (the text after a line "#>" is
// set.yaml beside it, for `include: set.yaml`) and loaded. Only config::ConfigError may
// escape, its message starting with its location. A configuration loaded must hold what
// docs/configuration.md promises (absolute paths, numbers in range, one use per key, period
// labels canonical); then each use's params are converted against a made-up declaration of
// every type (config::parameters), and its target is looked up for its periods.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>

#include "core/config/config.hpp"
#include "core/periods/periods.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace scorecard::fuzz {
namespace {

void check_error(const config::ConfigError& e) {
  const std::string what = e.what();
  check(what.size() > e.message.size() + 2 &&
            what.compare(what.size() - e.message.size() - 2, std::string::npos, ": " + e.message) ==
                0,
        "a ConfigError's what() is not its location and its message");
  check(std::none_of(what.begin(), what.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }),
        "a ConfigError's message holds a control character");
  check(!e.where.file.empty() && e.where.line >= 0 && e.where.column >= 0 &&
            (e.where.line == 0) == (e.where.column == 0),
        "a ConfigError at a location that is not one");
}

bool canonical_period(const std::string& label) {
  try {
    return periods::parse(label).period.label == label;
  } catch (const periods::PeriodError&) {
    return false;
  }
}

bool finite_number(double v) { return std::isfinite(v); }

// A declaration with one parameter per name the use sets (its type from the name), but for
// names starting with 'u' (left undeclared), and one the use does not set.
Metadata declaration(const config::IndicatorUse& use) {
  Metadata m;
  m.id = use.id;
  for (const auto& [name, raw] : use.params) {
    if (!name.empty() && name[0] == 'u') continue;
    Parameter p;
    p.name = name;
    p.type = static_cast<ParamType>(name.size() % 5);
    p.may_be_blank = name.size() % 2 == 0;
    m.parameters.push_back(p);
  }
  m.parameters.push_back(Parameter{"declared_only", ParamType::kInteger, int64_t{3}, "", false});
  return m;
}

void check_parameters(const config::IndicatorUse& use) {
  const Metadata m = declaration(use);
  Parameters values;
  try {
    values = config::parameters(use, m);
  } catch (const config::ConfigError& e) {
    check_error(e);
    return;
  }
  for (const Parameter& p : m.parameters) {
    check(values.has(p.name), "a declared parameter without a value");
    const ParamValue& v = values.values().at(p.name);
    if (p.name == "declared_only" && !use.params.count(p.name)) continue;
    const size_t index = v.index();  // monostate, bool, int64_t, double, string, list
    const bool ok =
        (index == 0 && p.may_be_blank) || (index == 1 && p.type == ParamType::kBoolean) ||
        (index == 2 && p.type == ParamType::kInteger) ||
        (index == 3 && p.type == ParamType::kDecimal && std::isfinite(std::get<double>(v))) ||
        (index == 4 && p.type == ParamType::kString) ||
        (index == 5 && p.type == ParamType::kStringList);
    check(ok, "a parameter converted to another type than declared");
  }
}

void check_config(const config::Config& c) {
  check(c.path.is_absolute() && c.data_directory.is_absolute(), "a path left relative");
  for (const auto& d : c.plugin_directories)
    check(d.is_absolute(), "a plugin folder left relative");
  if (c.postcode_centroids) check(c.postcode_centroids->is_absolute(), "a path left relative");
  if (c.history_db) check(c.history_db->is_absolute(), "a path left relative");
  check(!c.authority.name.empty(), "an authority without a name");
  if (c.authority.population_0_17)
    check(finite_number(*c.authority.population_0_17) && *c.authority.population_0_17 >= 0,
          "a population out of range");
  check(finite_number(c.timeout_s) && c.timeout_s > 0, "a timeout out of range");
  check(c.memory_mb >= 1, "a memory limit out of range");
  check(c.history_quarters >= 0 && c.history_quarters <= 40, "history_quarters out of range");
  check(c.small_numbers >= 0, "small_numbers out of range");
  check(c.hash.size() == 16, "a hash that is not 16 hex digits");
  for (const auto& [file, digest] : c.sha256)
    check(digest.size() == 64 && digest.find_first_not_of("0123456789abcdef") == std::string::npos,
          "a SHA-256 digest that is not 64 lower-case hex digits");
  check(!c.indicators.empty(), "a configuration without indicators");
  std::set<std::string> keys;
  for (const auto& use : c.indicators) {
    check(!use.id.empty(), "a use without an indicator id");
    check(keys.insert(use.key()).second, "two uses with one key");
    if (use.decimals) check(*use.decimals >= 0 && *use.decimals <= 10, "decimals out of range");
    if (use.tolerance)
      check(finite_number(use.tolerance->value) && use.tolerance->value >= 0,
            "a tolerance out of range");
    for (const auto& [name, v] : use.benchmarks)
      check(finite_number(v) &&
                (name == "england" || name == "statistical_neighbours" || name == "region"),
            "a benchmark out of range");
    for (const auto& [label, text] : use.commentary)
      check(canonical_period(label), "commentary under a label that is not a canonical period");
    if (use.target) {
      if (use.target->value) check(finite_number(*use.target->value), "a target out of range");
      for (const auto& [label, v] : use.target->by_period) {
        check(canonical_period(label) && finite_number(v), "a profiled target out of range");
        check(use.target->for_period(label) == v, "a profiled target not found by its label");
      }
      for (const auto& [label, text] : use.commentary) (void)use.target->for_period(label);
      (void)use.target->for_period("not a period");
    }
    check_parameters(use);
  }
}

}  // namespace

void config_one(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const TwoFiles files = split_files(input);
  const auto path = write_file("scorecard.yaml", files.first);
  std::filesystem::remove(work_dir() / "set.yaml");
  if (files.has_second) write_file("set.yaml", files.second);
  std::optional<config::Config> loaded;
  try {
    loaded = config::load(path);
  } catch (const config::ConfigError& e) {
    check_error(e);
    return;
  }
  check_config(*loaded);
}

}  // namespace scorecard::fuzz

SCORECARD_FUZZ_TARGET(scorecard::fuzz::config_one)
