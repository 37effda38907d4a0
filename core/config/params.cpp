// convert() and parameters(): a use's `params:` against the parameters its indicator declares.
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/yaml_reading.hpp"

namespace scorecard::config {
namespace {

std::string expected(const Parameter& p) {
  std::string what;
  switch (p.type) {
    case ParamType::kBoolean: what = "a boolean (true or false)"; break;
    case ParamType::kInteger: what = "an integer (a whole number)"; break;
    case ParamType::kDecimal: what = "a decimal number"; break;
    case ParamType::kString: what = "a string"; break;
    case ParamType::kStringList: what = "a list of strings"; break;
  }
  return p.may_be_blank ? what + " or blank" : what;
}

[[noreturn]] void fail(const Location& at, const Parameter& p, const YAML::Node& got) {
  throw ConfigError(
      at, "parameter '" + p.name + "': expected " + expected(p) + ", got " + describe(got));
}

// Blank: nothing written, `~`/`null`, or (for anything but a string) an empty quoted text.
bool is_blank(const YAML::Node& node, ParamType type) {
  if (!node.IsDefined() || node.IsNull()) return true;
  return type != ParamType::kString && node.IsScalar() && node.Scalar().empty();
}

std::vector<std::string> list_of(const RawParam& raw, const Parameter& p) {
  if (raw.node.IsScalar()) return {raw.node.Scalar()};
  if (!raw.node.IsSequence()) fail(raw.where, p, raw.node);
  std::vector<std::string> out;
  for (const auto& item : raw.node) {
    if (!item.IsScalar()) {
      const Location at = item.IsNull() ? raw.where : location_of(raw.where.file, item.Mark());
      throw ConfigError(at, "parameter '" + p.name + "': expected " + expected(p) +
                                ", got an item that is " + describe(item));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

bool blank(const Parameters& values, const std::string& name) {
  return !values.has(name) || values.is_blank(name);
}

// A parameter set (not blank) leaves its declared alternatives blank instead of at their
// defaults (`within_months: 6` clears `within_days: 42`), and so does a later entry's value
// for an earlier entry's (an override of the set's `within_months: 6` by `within_days: 30`).
// Both set in one entry is a mistake.
void clear_alternatives(const IndicatorUse& use, const Metadata& declared, Parameters& out) {
  for (const Parameter& p : declared.parameters) {
    auto written = use.params.find(p.name);
    if (written == use.params.end() || blank(out, p.name)) continue;
    for (const std::string& other : p.alternatives) {
      if (!out.has(other)) continue;  // not declared: nothing to clear
      auto also = use.params.find(other);
      if (also == use.params.end() || also->second.entry < written->second.entry) {
        out.set(other, std::monostate{});
      } else if (also->second.entry == written->second.entry && !blank(out, other)) {
        throw ConfigError(also->second.key_where,
                          "parameters '" + p.name + "' and '" + other + "' of indicator '" +
                              declared.id + "' are alternatives: set one of them (the other " +
                              "is set at " + written->second.key_where.str() + ")");
      }
    }
  }
}

}  // namespace

ParamValue convert(const RawParam& raw, const Parameter& declared) {
  const YAML::Node& node = raw.node;
  if (is_blank(node, declared.type)) {
    if (declared.may_be_blank) return std::monostate{};
    fail(raw.where, declared, node);
  }
  if (declared.type == ParamType::kStringList) return list_of(raw, declared);
  if (!node.IsScalar()) fail(raw.where, declared, node);
  const std::string& text = node.Scalar();
  switch (declared.type) {
    case ParamType::kBoolean:
      if (auto v = parse_flag(text)) return *v;
      break;
    case ParamType::kInteger:
      if (auto v = parse_whole(text)) return *v;
      break;
    case ParamType::kDecimal:
      if (auto v = parse_number(text)) return *v;
      break;
    case ParamType::kString: return text;
    case ParamType::kStringList: break;
  }
  fail(raw.where, declared, node);
}

Parameters parameters(const IndicatorUse& use, const Metadata& declared) {
  Parameters out;
  std::vector<std::string> names;
  for (const Parameter& p : declared.parameters) {
    out.set(p.name, p.default_value);
    names.push_back(p.name);
  }
  for (const auto& [name, raw] : use.params) {
    const Parameter* p = nullptr;
    for (const Parameter& d : declared.parameters)
      if (d.name == name) p = &d;
    if (!p) {
      std::string message = "unknown parameter '" + name + "' for indicator '" + declared.id + "'";
      message +=
          names.empty() ? " (it takes no parameters)" : " (expected one of: " + joined(names) + ")";
      if (auto near = closest(name, names)) message += "; did you mean '" + *near + "'?";
      throw ConfigError(raw.key_where, message);
    }
    out.set(name, convert(raw, *p));
  }
  clear_alternatives(use, declared, out);
  return out;
}

}  // namespace scorecard::config
