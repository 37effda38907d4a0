// scorecard SDK: what an indicator declares about itself: identity, unit, polarity,
// default target, period kind, parameters and data needs. The core reads it once at load.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scorecard/period.hpp"

namespace scorecard {

enum class Unit { kPercent, kCount, kDays, kRatePer10000, kRatio, kNumber };
enum class Polarity { kHigherIsBetter, kLowerIsBetter, kNeutral };
enum class ColumnType { kString, kInteger, kDecimal, kDate, kBoolean, kCode };
enum class ParamType { kBoolean, kInteger, kDecimal, kString, kStringList };

// A parameter's value. std::monostate is "blank" (e.g. `within_months:` left empty = ever).
using ParamValue =
    std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<std::string>>;

struct Parameter {
  std::string name;
  ParamType type = ParamType::kBoolean;
  ParamValue default_value;
  std::string description;
  bool may_be_blank = false;  // true where a blank value has a meaning of its own
  // The parameters this one is an alternative to (`within_days` and `within_months`: each
  // names the other, and each may be blank). A use that sets this one leaves them blank
  // instead of at their defaults; a use that sets both is refused by the core.
  std::vector<std::string> alternatives = {};
};

struct ColumnNeed {
  std::string name;  // as in the dataset schema (DfE names: CHILD, DECOM, ...)
  ColumnType type = ColumnType::kString;
  bool optional = false;  // the calculation copes when the column is absent
};

struct DatasetNeed {
  std::string dataset;  // e.g. "episodes"
  std::vector<ColumnNeed> columns;
  bool optional = false;  // the calculation copes when the dataset is absent
};

struct Metadata {
  std::string id;                 // stable, dotted: "cla.stability.short_term"; never overridden
  std::string code;               // short code shown to the board: "NI 62", "VP7"
  std::string name;               // the line a board member reads
  std::string description;        // what is counted, in a sentence or two
  std::string definition_source;  // the published definition followed
  std::string theme;              // the report section: "Looked-after children", "Workforce"...
  Unit unit = Unit::kPercent;
  Polarity polarity = Polarity::kNeutral;
  std::optional<double> target;     // default target, in the unit
  std::optional<double> tolerance;  // default tolerance, in points of the unit
  PeriodKind period_kind = PeriodKind::kSnapshot;
  int period_months = 12;  // for PeriodKind::kRolling
  int decimals = 1;
  std::string version = "1.0.0";  // the indicator's own version; bump when the calculation changes
  std::vector<Parameter> parameters;
  std::vector<DatasetNeed> needs;
};

inline const char* to_string(Unit u) {
  switch (u) {
    case Unit::kPercent: return "percent";
    case Unit::kCount: return "count";
    case Unit::kDays: return "days";
    case Unit::kRatePer10000: return "rate_per_10000";
    case Unit::kRatio: return "ratio";
    case Unit::kNumber: return "number";
  }
  return "number";
}
inline const char* to_string(Polarity p) {
  switch (p) {
    case Polarity::kHigherIsBetter: return "higher_is_better";
    case Polarity::kLowerIsBetter: return "lower_is_better";
    case Polarity::kNeutral: return "neutral";
  }
  return "neutral";
}
inline const char* to_string(ColumnType t) {
  switch (t) {
    case ColumnType::kString: return "string";
    case ColumnType::kInteger: return "integer";
    case ColumnType::kDecimal: return "decimal";
    case ColumnType::kDate: return "date";
    case ColumnType::kBoolean: return "boolean";
    case ColumnType::kCode: return "code";
  }
  return "string";
}
inline const char* to_string(ParamType t) {
  switch (t) {
    case ParamType::kBoolean: return "boolean";
    case ParamType::kInteger: return "integer";
    case ParamType::kDecimal: return "decimal";
    case ParamType::kString: return "string";
    case ParamType::kStringList: return "list";
  }
  return "string";
}
inline const char* to_string(PeriodKind k) {
  switch (k) {
    case PeriodKind::kSnapshot: return "snapshot";
    case PeriodKind::kEventsWithin: return "events_within";
    case PeriodKind::kYearToDate: return "year_to_date";
    case PeriodKind::kRolling: return "rolling";
  }
  return "snapshot";
}

}  // namespace scorecard
