// Definition: ../shared/DATA.md indicators 4 (NI 62) and 5 (NI 63), "Placements" and counting
// rules 1-3; National Indicator Set (2008) NI 62 and NI 63, DfE SSDA903 placement stability.
#include <string>
#include <vector>

#include "family.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {

Metadata ShortTermStability::metadata() const {
  Metadata m;
  m.id = "cla.stability.short_term";
  m.code = "NI 62";
  m.name = "Children looked after with three or more placements in the year";
  m.description =
      "Of the children looked after on the last day of the period, the percentage who lived in "
      "three or more placements in the 12 months before it. Each move of carer counts; a short "
      "stay in hospital or on holiday does not.";
  m.definition_source =
      "National Indicator Set (2008) NI 62, stability of placements: number of moves; DATA.md "
      "indicator 4";
  m.theme = kThemeStability;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"min_placements", ParamType::kInteger, int64_t{3},
       "A child with at least this many placements in the window is counted"},
      {"window_months", ParamType::kInteger, int64_t{12},
       "The window: this many calendar months ending at the as-at date"},
  };
  for (auto& p : placement_parameters()) m.parameters.push_back(p);
  m.needs = {episodes_need(placement_columns())};
  return m;
}

std::vector<Observation> ShortTermStability::calculate(const Context& ctx,
                                                       const std::vector<Period>& periods) const {
  const int min_placements = integer_at_least(ctx.params(), "min_placements", 1);
  const int months = integer_at_least(ctx.params(), "window_months", 1);
  const PlacementRules rules = placement_rules(ctx);
  const CodeSet start_rne = ctx.codes({"S"});
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  std::vector<PeriodOfCare> care_periods;
  for (const ChildCare& c : ctx.care().children) {
    bool indexed = false;
    for (size_t k = 0; k < periods.size(); ++k) {
      const Date as_at = periods[k].as_at();
      if (!looked_after_at(c, as_at)) continue;
      if (!indexed) {
        periods_of_care(c, start_rne, care_periods);
        indexed = true;
      }
      const int placements = placements_in_window(c, as_at, months, rules, care_periods);
      ratios[k].count(ctx.record(c.child), placements >= min_placements);
    }
  }
  std::vector<Observation> out;
  for (const Ratio& r : ratios) out.push_back(r.percent());
  return out;
}

Metadata LongTermStability::metadata() const {
  Metadata m;
  m.id = "cla.stability.long_term";
  m.code = "NI 63";
  m.name = "Long-term looked-after children in the same placement for two years";
  m.description =
      "Of the children under 16 who have been looked after for at least two and a half years, "
      "the percentage who have lived in the same placement for at least two years.";
  m.definition_source =
      "National Indicator Set (2008) NI 63, stability of placements: length of placement; "
      "DATA.md indicator 5";
  m.theme = kThemeStability;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"max_age", ParamType::kInteger, int64_t{16},
       "Children aged under this at the as-at date are counted"},
      {"continuous_months", ParamType::kInteger, int64_t{30},
       "Looked after continuously for at least this many calendar months"},
      {"placement_months", ParamType::kInteger, int64_t{24},
       "The current placement has lasted at least this many calendar months"},
  };
  for (auto& p : placement_parameters()) m.parameters.push_back(p);
  m.needs = {episodes_need(placement_columns()), header_dob_need()};
  return m;
}

std::vector<Observation> LongTermStability::calculate(const Context& ctx,
                                                      const std::vector<Period>& periods) const {
  const int max_age = integer_at_least(ctx.params(), "max_age", 1);
  const int continuous_months = integer_at_least(ctx.params(), "continuous_months", 0);
  const int placement_months = integer_at_least(ctx.params(), "placement_months", 0);
  const PlacementRules rules = placement_rules(ctx);
  const CodeSet start_rne = ctx.codes({"S"});
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  std::vector<long> no_dob(periods.size(), 0);
  std::vector<PeriodOfCare> care_periods;
  for (const ChildCare& c : ctx.care().children) {
    bool indexed = false;
    for (size_t k = 0; k < periods.size(); ++k) {
      const Date as_at = periods[k].as_at();
      const Episode* e = episode_at(c, as_at);
      if (!e) continue;
      if (!c.dob) {
        ++no_dob[k];
        continue;
      }
      if (age_on(*c.dob, as_at) >= max_age) continue;
      if (!indexed) {
        periods_of_care(c, start_rne, care_periods);
        indexed = true;
      }
      const size_t i = episode_index(c, *e);
      const Date care_start = c.episodes[period_containing(care_periods, i).first].start;
      if (care_start > as_at.add_months(-continuous_months)) continue;
      const Date settled_since = placement_start(c, i, rules, care_periods);
      ratios[k].count(ctx.record(c.child), settled_since <= as_at.add_months(-placement_months));
    }
  }
  std::vector<Observation> out;
  for (size_t k = 0; k < periods.size(); ++k) {
    Observation o = ratios[k].percent();
    if (no_dob[k] > 0)
      o.notes.push_back(std::to_string(no_dob[k]) +
                        " children looked after with no date of birth in the header left out");
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace scorecard::plugins::looked_after
