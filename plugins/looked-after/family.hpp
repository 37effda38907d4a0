// Looked-after children family: the pieces its indicators share and no other family needs
// (data needs, parameter checks). The counting rules themselves are in <scorecard/care.hpp>.
#pragma once

#include <scorecard/sdk.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace scorecard::plugins::looked_after {

inline constexpr const char* kThemeLookedAfter = "Looked-after children";
inline constexpr const char* kThemeStability = "Placement stability";
inline constexpr const char* kThemeHealth = "Health";

// The episodes columns every indicator of the family reads (LS sets short breaks apart),
// followed by `extra` (types as docs/datasets.md).
inline DatasetNeed episodes_need(std::vector<ColumnNeed> extra = {}) {
  DatasetNeed need{"episodes",
                   {{"CHILD", ColumnType::kString},
                    {"DECOM", ColumnType::kDate},
                    {"DEC", ColumnType::kDate},
                    {"LS", ColumnType::kCode}},
                   false};
  need.columns.insert(need.columns.end(), extra.begin(), extra.end());
  return need;
}

// The columns a placement change is read from (RNE, PLACE and URN; DATA.md "Placements").
inline std::vector<ColumnNeed> placement_columns() {
  return {{"RNE", ColumnType::kCode}, {"PLACE", ColumnType::kCode}, {"URN", ColumnType::kString}};
}

// The header need for indicators that read the child's age.
inline DatasetNeed header_dob_need() {
  return {"header", {{"CHILD", ColumnType::kString}, {"DOB", ColumnType::kDate}}, false};
}

// The parameters that say what a placement change is, shared by NI 62 and NI 63.
inline std::vector<Parameter> placement_parameters() {
  return {
      {"placement_rne", ParamType::kStringList, std::vector<std::string>{"S", "P", "B"},
       "RNE codes that are a change of placement and carer (T and U are same-carer moves)"},
      {"exclude_temporary", ParamType::kBoolean, true,
       "Temporary placements (PLACE T0-T4) are not placements, nor is the return from them to "
       "the same URN and PLACE"},
  };
}
inline PlacementRules placement_rules(const Context& ctx) {
  return PlacementRules::make(ctx.strings(), ctx.params().list("placement_rne"),
                              ctx.params().flag("exclude_temporary"));
}

// An integer parameter that must be at least `minimum`; a clear error otherwise.
inline int integer_at_least(const Parameters& params, const std::string& name, int minimum) {
  const int64_t v = params.integer(name);
  if (v < minimum || v > 1200)
    throw std::invalid_argument("parameter '" + name + "' must be from " + std::to_string(minimum) +
                                " to 1200, not " + std::to_string(v));
  return static_cast<int>(v);
}

}  // namespace scorecard::plugins::looked_after
