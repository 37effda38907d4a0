#include "core/config/measures.hpp"

#include <algorithm>
#include <cstdio>

namespace scorecard::config {
namespace {

const std::vector<std::pair<std::string, std::string>> kFigureUnits = {
    {"count", "count"}, {"percent", "percent"}, {"rate_per_10000", "rate"},
    {"ratio", "ratio"}, {"mean", "days"},       {"median", "days"}};

// The unit as metadata writes it, for checking a `unit:` the analyst wrote.
std::string unit_name(const std::string& figure) {
  if (figure == "rate_per_10000") return "rate_per_10000";
  if (figure == "mean" || figure == "median") return "days";
  return figure;
}

std::string digest_of(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (char ch : text) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// The parameter a default value declares: a list, true/false, a whole or decimal number, text.
Parameter declared(const Field& f) {
  Parameter p;
  p.name = f.key;
  if (f.blank() || f.value.IsMap())
    fail_expected(f, "a default value (a number, true/false, a text or a list of codes)");
  if (f.value.IsSequence())
    p.type = ParamType::kStringList;
  else if (parse_flag(f.value.Scalar()))
    p.type = ParamType::kBoolean;
  else if (parse_whole(f.value.Scalar()))
    p.type = ParamType::kInteger;
  else if (parse_number(f.value.Scalar()))
    p.type = ParamType::kDecimal;
  else
    p.type = ParamType::kString;
  p.default_value = convert(RawParam{f.value, f.value_at, f.key_at}, p);
  return p;
}

void emit(YAML::Emitter& out, const ParamValue& v) {
  struct {
    YAML::Emitter& out;
    void operator()(std::monostate) const { out << YAML::Null; }
    void operator()(bool b) const { out << (b ? "true" : "false"); }
    void operator()(int64_t i) const { out << std::to_string(i); }
    void operator()(double d) const { out << YAML::Precision(17) << d; }
    void operator()(const std::string& s) const { out << YAML::DoubleQuoted << s; }
    void operator()(const std::vector<std::string>& l) const {
      out << YAML::Flow << YAML::BeginSeq;
      for (const auto& s : l) out << YAML::DoubleQuoted << s;
      out << YAML::EndSeq;
    }
  } visitor{out};
  std::visit(visitor, v);
}

// The window kind a cohort implies, ranked: 0 at the end, 1 the period, 2 N months (`months`).
int window_rank(const YAML::Node& cohort, const std::map<std::string, ParamValue>& values,
                int& months) {
  if (!cohort.IsMap()) return 1;
  auto months_of = [&](const YAML::Node& w) {
    if (!w.IsMap() || !w["months"] || !w["months"].IsScalar()) return false;
    const std::string text = w["months"].Scalar();
    std::optional<int64_t> n = parse_whole(text);
    if (!n) {
      auto p = values.find(text);
      if (p != values.end())
        if (auto i = std::get_if<int64_t>(&p->second)) n = *i;
    }
    if (!n) return false;
    months = std::max(months, static_cast<int>(*n));
    return true;
  };
  if (const YAML::Node la = cohort["looked_after"])  // at the start: the period's window
    return la.IsScalar() && la.Scalar() == "start" ? 1 : 0;
  if (const YAML::Node w = cohort["started"] ? cohort["started"] : cohort["ceased"])
    return months_of(w) ? 2 : 1;
  if (cohort["records"]) {
    if (cohort["in"] && months_of(cohort["in"])) return 2;
    if (cohort["date"] || cohort["year"]) return 1;
    if (cohort["open"] && cohort["at"] && cohort["at"].IsScalar() &&
        cohort["at"].Scalar() == "start")
      return 1;
    return 0;
  }
  return 1;
}

}  // namespace

const std::vector<std::string>& measure_keys() {
  static const std::vector<std::string> keys = {"measure", "unit",      "parameters", "cohort",
                                                "where",   "weight",    "figure",     "numerator",
                                                "days",    "breakdowns"};
  return keys;
}

std::string Measures::define(const Mapping& m, const Field& id_field, const Document& doc) {
  Definition d;
  d.id = read_text(id_field);
  d.file = doc.absolute.string();
  d.where = m.where();
  if (const Field* use = m.find("use"))
    throw ConfigError(use->key_at,
                      "'use' cannot be written beside 'measure' (an entry either "
                      "uses an indicator or defines a measure)");
  if (auto it = by_id_.find(d.id); it != by_id_.end())
    throw ConfigError(id_field.value_at, "measure '" + d.id + "' is already defined at " +
                                             it->second.where.str() +
                                             " (give each measure its own id)");
  std::vector<std::pair<std::string, std::string>> figures;
  for (const auto& [figure, unit] : kFigureUnits) figures.emplace_back(figure, figure);
  d.figure = read_choice(m.require("figure"), figures);
  if (const Field* unit = m.find("unit")) {
    const std::string written = read_text(*unit);
    if (written != unit_name(d.figure))
      throw ConfigError(unit->value_at, "'unit' of measure '" + d.id + "': a " + d.figure +
                                            " is in " + unit_name(d.figure) + ", not " + written +
                                            " (the unit follows from the figure)");
  }
  if (const Field* params = m.find("parameters"); params && !params->blank()) {
    const Mapping declared_params(*params, "in the parameters of measure '" + d.id + "'",
                                  "a mapping of parameter name to default value");
    for (const Field& p : declared_params.fields()) d.parameters.push_back(declared(p));
  }
  const Field& cohort = m.require("cohort");
  d.cohorts.push_back(cohort.value);
  if (const Field* n = m.find("numerator"); n && n->value.IsMap() && n->value["cohort"])
    d.cohorts.push_back(n->value["cohort"]);
  // The digest of what defines the figure (not the name or the target), for the history.
  std::string text;
  for (const Field& f : m.fields()) {
    const auto& keys = measure_keys();
    if (std::find(keys.begin(), keys.end(), f.key) != keys.end())
      text += f.key + "\n" + YAML::Dump(f.value) + "\n";
  }
  d.digest = digest_of(text);
  const std::string id = d.id;
  by_id_.emplace(id, std::move(d));
  return id;
}

void Measures::define_all(const Document& doc) {
  const Mapping top(doc, "at the top level", "a configuration with an indicators list");
  const Field& list = top.require("indicators");
  if (!list.value.IsSequence()) fail_expected(list, "a list of entries");
  for (const auto& item : list.value) {
    if (!item.IsMap() || !item["measure"]) continue;
    const Mapping m(item, location_of(doc.name, item.Mark()), "in a measure entry",
                    "a mapping with measure, cohort and figure");
    define(m, *m.find("measure"), doc);
  }
}

void Measures::remember(const IndicatorUse& use) {
  auto it = by_id_.find(use.id);
  if (it != by_id_.end()) it->second.entry = use;
}

void Measures::resolve(std::vector<IndicatorUse>& uses) const {
  for (auto& use : uses)
    if (auto it = by_id_.find(use.id); it != by_id_.end()) resolve(use, it->second);
}

void Measures::resolve(IndicatorUse& use, const Definition& d) const {
  const IndicatorUse& e = d.entry;
  if (!use.code) use.code = e.code ? e.code : std::optional<std::string>(d.id);
  if (!use.name) use.name = e.name;
  if (!use.description) use.description = e.description;
  if (!use.theme) use.theme = e.theme ? e.theme : std::optional<std::string>("Local measures");
  if (!use.polarity) use.polarity = e.polarity;
  if (!use.decimals) use.decimals = e.decimals;
  if (!use.target) use.target = e.target;
  if (!use.tolerance) use.tolerance = e.tolerance;
  // The measure's parameters: its defaults, with the use's `params:` on top.
  std::map<std::string, ParamValue> values;
  std::vector<std::string> names;
  for (const Parameter& p : d.parameters) {
    values[p.name] = p.default_value;
    names.push_back(p.name);
  }
  for (const auto& [name, raw] : use.params) {
    auto p = std::find_if(d.parameters.begin(), d.parameters.end(),
                          [&](const Parameter& q) { return q.name == name; });
    if (p == d.parameters.end()) {
      std::string message = "unknown parameter '" + name + "' for measure '" + d.id + "'";
      message += names.empty() ? " (its definition declares no parameters)"
                               : " (expected one of: " + joined(names) + ")";
      if (auto near = closest(name, names)) message += "; did you mean '" + *near + "'?";
      throw ConfigError(raw.key_where, message);
    }
    values[name] = convert(raw, *p);
  }
  YAML::Emitter text;
  text << YAML::Flow << YAML::BeginMap;
  for (const auto& [name, value] : values) {
    text << YAML::Key << name << YAML::Value;
    emit(text, value);
  }
  text << YAML::EndMap;
  int rank = 0, months = 0;
  for (const auto& cohort : d.cohorts) rank = std::max(rank, window_rank(cohort, values, months));
  const char* window = rank == 0 ? "at_end" : rank == 1 ? "in_period" : "rolling";
  std::string unit;
  for (const auto& [figure, u] : kFigureUnits)
    if (figure == d.figure) unit = u;
  use.id = "measures." + unit + "." + window;
  auto param = [&](const std::string& text_value) {
    return RawParam{YAML::Node(text_value), d.where, d.where};
  };
  use.params.clear();
  use.params.emplace("measure", param(d.id));
  use.params.emplace("definition", param(d.file));
  use.params.emplace("values", param(values.empty() ? "" : text.c_str()));
  use.params.emplace("digest", param(d.digest));
  if (rank == 2) use.params.emplace("window_months", param(std::to_string(months)));
}

}  // namespace scorecard::config
