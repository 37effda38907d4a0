#include "core/testing/fixture.hpp"

#include <stdexcept>

#include "core/engine/run_context.hpp"
#include "core/periods/periods.hpp"
#include "core/values/column_builder.hpp"
#include "core/values/values.hpp"

namespace scorecard::testing {
namespace {

Table build_table(const std::string& name, const Rows& rows, const DatasetNeed& need,
                  StringPool& pool) {
  if (rows.empty()) throw std::invalid_argument("fixture dataset '" + name + "' has no header row");
  Table table;
  table.name = name;
  table.rows = rows.size() - 1;
  for (const ColumnNeed& col : need.columns) {
    size_t index = rows[0].size();
    for (size_t i = 0; i < rows[0].size(); ++i)
      if (rows[0][i] == col.name) index = i;
    if (index == rows[0].size()) {
      if (col.optional) continue;
      throw std::invalid_argument("fixture dataset '" + name + "' lacks needed column " + col.name);
    }
    values::ColumnBuilder builder(col.name, col.type);
    for (size_t r = 1; r < rows.size(); ++r) {
      const std::string cell = index < rows[r].size() ? rows[r][index] : "";
      if (!builder.append(cell, pool))
        throw std::invalid_argument("fixture dataset '" + name + "' row " + std::to_string(r) +
                                    " column " + col.name + ": '" + cell + "' is not " +
                                    values::expected(col.type));
    }
    table.columns.push_back(builder.take());
  }
  return table;
}

}  // namespace

Parameters resolve_parameters(const Metadata& metadata,
                              const std::map<std::string, ParamValue>& overrides) {
  Parameters params;
  for (const auto& p : metadata.parameters) params.set(p.name, p.default_value);
  for (const auto& [name, value] : overrides) {
    if (!params.has(name))
      throw std::invalid_argument("indicator " + metadata.id + " has no parameter '" + name + "'");
    params.set(name, value);
  }
  return params;
}

Fixture& Fixture::dataset(const std::string& name, Rows rows) {
  datasets_[name] = std::move(rows);
  return *this;
}

Fixture& Fixture::param(const std::string& name, ParamValue value) {
  params_[name] = std::move(value);
  return *this;
}

Fixture& Fixture::population(double children_0_17) {
  authority_.population_0_17 = children_0_17;
  return *this;
}

std::vector<Observation> Fixture::run(const Indicator& indicator,
                                      const std::vector<std::string>& labels) {
  const Metadata meta = indicator.metadata();
  Parameters params = resolve_parameters(meta, params_);
  engine::RunData data;
  data.authority = authority_;
  for (const DatasetNeed& need : indicator.needs(params)) {
    auto it = datasets_.find(need.dataset);
    if (it == datasets_.end()) {
      if (need.optional) continue;
      throw std::invalid_argument("fixture lacks needed dataset " + need.dataset);
    }
    Table t = build_table(need.dataset, it->second, need, data.strings);
    auto existing = data.tables.find(need.dataset);
    if (existing == data.tables.end()) {
      data.tables.emplace(need.dataset, std::move(t));
    } else {
      for (auto& c : t.columns)
        if (!existing->second.find(c.name)) existing->second.columns.push_back(std::move(c));
    }
  }
  std::vector<Period> periods;
  for (const auto& label : labels)
    periods.push_back(window_for(periods::parse(label).period, meta.period_kind,
                                 engine::rolling_window_months(meta, params)));
  engine::RunContext ctx(data, std::move(params), meta.id, /*want_records=*/true);
  auto out = indicator.calculate(ctx, periods);
  if (out.size() != periods.size())
    throw std::logic_error(meta.id + " returned " + std::to_string(out.size()) +
                           " observations for " + std::to_string(periods.size()) + " periods");
  return out;
}

Observation Fixture::run(const Indicator& indicator, const std::string& period) {
  return run(indicator, std::vector<std::string>{period}).front();
}

}  // namespace scorecard::testing
