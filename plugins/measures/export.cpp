// The built-in indicators that evaluate YAML measures (docs/measures.md). A plugin's metadata
// does not depend on its parameters, so there is one indicator per unit (from the figure) and
// window (from the cohort); the configuration turns each `measure:` entry into a use of the
// right one, naming the definition in the parameters `measure` and `definition`.
#include <string>
#include <vector>

#include "definition.hpp"
#include "evaluate.hpp"

namespace scorecard::measures {
namespace {

const char* unit_word(Unit u) {
  switch (u) {
    case Unit::kCount: return "count";
    case Unit::kPercent: return "percent";
    case Unit::kRatePer10000: return "rate";
    case Unit::kRatio: return "ratio";
    case Unit::kDays: return "days";
    case Unit::kNumber: break;
  }
  return "number";
}
const char* window_word(PeriodKind k) {
  switch (k) {
    case PeriodKind::kSnapshot: return "at_end";
    case PeriodKind::kEventsWithin: return "in_period";
    case PeriodKind::kRolling: return "rolling";
    case PeriodKind::kYearToDate: break;
  }
  return "year_to_date";
}

template <Unit U, PeriodKind K>
class Measure final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = std::string("measures.") + unit_word(U) + "." + window_word(K);
    m.code = m.id;
    m.name = std::string("A local measure in YAML (") + unit_word(U) + ", " + window_word(K) + ")";
    m.description =
        "Evaluates the measure a 'measure:' entry of scorecard.yaml defines (docs/measures.md).";
    m.definition_source = "the council's own definition, in its configuration";
    m.theme = "Local measures";
    m.unit = U;
    m.period_kind = K;
    m.parameters = {
        {"measure", ParamType::kString, std::string(), "the measure's id"},
        {"definition", ParamType::kString, std::string(), "the file that defines it"},
        {"values", ParamType::kString, std::string(),
         "its parameters' values, a YAML mapping (blank: the defaults)"},
        {"digest", ParamType::kString, std::string(),
         "a digest of the definition's text, so that the history sees it change"},
    };
    if (K == PeriodKind::kRolling)
      m.parameters.push_back({"window_months", ParamType::kInteger, int64_t{12},
                              "the window: this many calendar months ending at the as-at date"});
    return m;
  }

  std::vector<DatasetNeed> needs(const Parameters& params) const override {
    const Source source = source_of(params);
    if (source.measure.empty()) return {};  // `plugins list`: no definition yet
    return needs_of(checked(source));
  }

  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    return evaluate(checked(source_of(ctx.params())), ctx, periods);
  }

 private:
  static Definition checked(const Source& source) {
    Definition d = read_definition(source);
    if (unit_of(d.figure) != U)
      throw std::runtime_error("measure '" + d.id + "' is a " + to_string(unit_of(d.figure)) +
                               " but was given to " + std::string("measures.") + unit_word(U) +
                               "." + window_word(K) +
                               ": write it as a 'measure:' entry, which chooses the indicator");
    return d;
  }
};

}  // namespace
}  // namespace scorecard::measures

using scorecard::PeriodKind;
using scorecard::Unit;
using scorecard::measures::Measure;
using CountAtEnd = Measure<Unit::kCount, PeriodKind::kSnapshot>;
using CountInPeriod = Measure<Unit::kCount, PeriodKind::kEventsWithin>;
using CountRolling = Measure<Unit::kCount, PeriodKind::kRolling>;
using PercentAtEnd = Measure<Unit::kPercent, PeriodKind::kSnapshot>;
using PercentInPeriod = Measure<Unit::kPercent, PeriodKind::kEventsWithin>;
using PercentRolling = Measure<Unit::kPercent, PeriodKind::kRolling>;
using RateAtEnd = Measure<Unit::kRatePer10000, PeriodKind::kSnapshot>;
using RateInPeriod = Measure<Unit::kRatePer10000, PeriodKind::kEventsWithin>;
using RateRolling = Measure<Unit::kRatePer10000, PeriodKind::kRolling>;
using RatioAtEnd = Measure<Unit::kRatio, PeriodKind::kSnapshot>;
using RatioInPeriod = Measure<Unit::kRatio, PeriodKind::kEventsWithin>;
using RatioRolling = Measure<Unit::kRatio, PeriodKind::kRolling>;
using DaysAtEnd = Measure<Unit::kDays, PeriodKind::kSnapshot>;
using DaysInPeriod = Measure<Unit::kDays, PeriodKind::kEventsWithin>;
using DaysRolling = Measure<Unit::kDays, PeriodKind::kRolling>;

SCORECARD_EXPORT_INDICATORS(CountAtEnd, CountInPeriod, CountRolling, PercentAtEnd, PercentInPeriod,
                            PercentRolling, RateAtEnd, RateInPeriod, RateRolling, RatioAtEnd,
                            RatioInPeriod, RatioRolling, DaysAtEnd, DaysInPeriod, DaysRolling)
