// to_json: the contract (docs/scorecard.schema.json). A change that removes or renames a field
// bumps Scorecard::kSchemaVersion's major number; adding a field bumps the minor.
#include <nlohmann/json.hpp>

#include "core/reports/display.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::reports {
namespace {

using json = nlohmann::ordered_json;

json number_or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json window(const model::PeriodResult& p) { return {{"from", p.from.iso()}, {"to", p.to.iso()}}; }

json breakdowns(const model::PeriodResult& p) {
  json out = json::array();
  for (const auto& cell : p.observation.breakdowns) {
    const bool masked = is_suppressed(p, cell);
    out.push_back({{"dimension", cell.dimension},
                   {"category", cell.category},
                   {"numerator", masked ? json(nullptr) : json(cell.numerator)},
                   {"denominator", masked ? json(nullptr) : number_or_null(cell.denominator)},
                   {"value", masked ? json(nullptr) : number_or_null(cell.value)},
                   {"suppressed", masked}});
  }
  return out;
}

// ---- published benchmarks (schema 1.2) ----

json interval(const model::PeriodResult& p) {
  if (!p.interval) return nullptr;
  return {{"low", p.interval->low}, {"high", p.interval->high}, {"method", p.interval->method}};
}

json published(const model::PeriodResult& p) {
  if (!p.published) return nullptr;
  const model::PublishedBenchmarks& b = *p.published;
  json neighbours = json::array();
  for (const auto& n : b.neighbour_list)
    neighbours.push_back({{"dfe_number", n.dfe_number},
                          {"code", n.code},
                          {"name", n.name},
                          {"value", number_or_null(n.value)},
                          {"marker", n.value ? json(nullptr) : json(n.marker)}});
  return {{"available", b.available},
          {"note", b.note},
          {"year", b.available ? json(b.year) : json(nullptr)},
          {"year_label", b.year_label},
          {"basis", b.basis},
          {"file", b.file},
          {"england", number_or_null(b.england)},
          {"region",
           {{"code", b.region_code}, {"name", b.region_name}, {"value", number_or_null(b.region)}}},
          {"neighbours",
           {{"method", b.neighbours_method},
            {"value", number_or_null(b.neighbours)},
            {"missing", b.neighbours_missing},
            {"list", neighbours}}},
          {"own",
           {{"value", number_or_null(b.own)},
            {"marker", b.own ? json(nullptr) : json(b.own_marker)},
            {"numerator", number_or_null(b.own_numerator)},
            {"denominator", number_or_null(b.own_denominator)}}},
          {"rank", b.rank ? json(*b.rank) : json(nullptr)},
          {"ranked", b.ranked},
          {"quartile", b.quartile.empty() ? json(nullptr) : json(b.quartile)}};
}

json published_source(const model::Scorecard& s) {
  if (!s.published) return nullptr;
  const model::PublishedSource& p = *s.published;
  return {{"directory", p.directory},
          {"dfe_number", p.dfe_number},
          {"code", p.code},
          {"name", p.name},
          {"region_code", p.region_code},
          {"region_name", p.region_name},
          {"neighbours_method", p.neighbours_method},
          {"year", p.year_rule},
          {"neighbour_model", p.neighbour_model}};
}

json period(const model::PeriodResult& p) {
  json benchmarks = json::array();
  for (const auto& b : p.benchmarks)
    benchmarks.push_back({{"name", b.name},
                          {"value", b.value},
                          {"comparison", model::to_string(b.comparison)},
                          {"significance", model::to_string(b.significance)},
                          {"source", b.source}});
  return {{"label", p.label},
          {"start", p.start.iso()},
          {"end", p.end.iso()},
          {"window", window(p)},
          {"numerator", number_or_null(p.observation.numerator)},
          {"denominator", number_or_null(p.observation.denominator)},
          {"value", number_or_null(p.observation.value)},
          {"target", number_or_null(p.target)},
          {"rag", model::to_string(p.rag)},
          {"direction",
           {{"vs_previous", model::to_string(p.vs_previous)},
            {"vs_last_year", model::to_string(p.vs_last_year)}}},
          {"benchmarks", benchmarks},
          {"interval", interval(p)},
          {"within_chance", p.target_within_interval},
          {"published", published(p)},
          {"flags",
           {{"small_number", p.small_number},
            {"suppressed", p.suppressed},
            {"suppressed_breakdowns", p.suppressed_breakdowns}}},
          {"breakdowns", breakdowns(p)},
          {"notes", p.observation.notes}};
}

json indicator(const model::IndicatorResult& r) {
  json periods = json::array();
  for (const auto& p : r.periods) periods.push_back(period(p));
  json params = json::object();
  for (const auto& [name, value] : r.params) params[name] = param_json(value);
  json tolerance = nullptr;
  if (r.tolerance) tolerance = {{"value", r.tolerance->value}, {"relative", r.tolerance->relative}};
  return {{"id", r.id},
          {"code", r.code},
          {"name", r.name},
          {"description", r.description},
          {"definition_source", r.definition_source},
          {"theme", r.theme},
          {"set", r.set},
          {"unit", to_string(r.unit)},
          {"polarity", to_string(r.polarity)},
          {"decimals", r.decimals},
          {"target", number_or_null(r.target)},
          {"tolerance", tolerance},
          {"benchmarks", json(r.benchmarks)},
          {"benchmark_note", r.benchmark_note},
          {"commentary", json(r.commentary)},
          {"plugin",
           {{"file", r.plugin_file},
            {"version", r.plugin_version},
            {"indicator_version", r.indicator_version}}},
          {"params", params},
          {"status", model::to_string(r.status)},
          {"message", r.message},
          {"periods", periods}};
}

json summary(const model::RagSummary& r) {
  return {{"set", r.set}, {"green", r.green},         {"amber", r.amber},
          {"red", r.red}, {"not_rated", r.not_rated}, {"not_computed", r.not_computed}};
}

json issue(const model::DataQualityIssue& d) {
  return {{"dataset", d.dataset},
          {"file", d.file},
          {"line", d.line},
          {"column", d.column},
          {"column_name", d.column_name},
          {"value", d.value},
          {"expected", d.expected},
          {"message", d.message}};
}

}  // namespace

json param_json(const ParamValue& v) {
  struct {
    json operator()(std::monostate) const { return nullptr; }
    json operator()(bool b) const { return b; }
    json operator()(int64_t i) const { return i; }
    json operator()(double d) const { return d; }
    json operator()(const std::string& s) const { return s; }
    json operator()(const std::vector<std::string>& l) const { return l; }
  } visitor;
  return std::visit(visitor, v);
}

std::string to_json(const model::Scorecard& s) {
  json doc = json::object();
  doc["schema_version"] = model::Scorecard::kSchemaVersion;
  doc["authority"] = {{"name", s.authority.name},
                      {"code", s.authority.code},
                      {"population_0_17", number_or_null(s.authority.population_0_17)}};
  doc["run_at"] = s.run_at;
  doc["period"] = {
      {"label", s.period}, {"start", s.period_start.iso()}, {"end", s.period_end.iso()}};
  doc["data_to"] = s.data_to ? json(s.data_to->iso()) : json(nullptr);
  doc["config"] = {{"path", s.config_path}, {"hash", s.config_hash}};
  doc["published_benchmarks"] = published_source(s);
  doc["summary"] = json::array();
  for (const auto& r : s.summary) doc["summary"].push_back(summary(r));
  doc["indicators"] = json::array();
  for (const auto& r : s.indicators) doc["indicators"].push_back(indicator(r));
  doc["data_quality"] = json::array();
  for (const auto& d : s.data_quality) doc["data_quality"].push_back(issue(d));
  // Invalid UTF-8 in a name or message from the data is replaced rather than failing the run.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace scorecard::reports
