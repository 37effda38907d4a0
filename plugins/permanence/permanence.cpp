// Definition: ../shared/DATA.md, indicator 9 (VP7) and counting rule 6; the DfE SSDA903
// reason-episode-ceased codes.
#include "permanence.hpp"

namespace scorecard::plugins {

Metadata Permanence::metadata() const {
  Metadata m;
  m.id = "cla.permanence";
  m.code = "VP7";
  m.name = "Children leaving care who achieved permanence";
  m.description =
      "Of children who ceased to be looked after in the period, the percentage who left to "
      "adoption, special guardianship, a child arrangements order or a planned return home.";
  m.definition_source = "DfE SSDA903 reasons episode ceased; DATA.md indicator 9";
  m.theme = "Permanence and adoption";
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 1;
  m.parameters = {
      {"permanence_reasons", ParamType::kStringList,
       std::vector<std::string>{"E11", "E12", "E41", "E45", "E46", "E47", "E48", "E4A"},
       "REC codes that count as leaving care to permanence"},
      {"exclude_aged_18_leavers", ParamType::kBoolean, false,
       "Leave out children aged 18 or over on the day they ceased to be looked after"},
  };
  m.needs = {
      {"episodes",
       {{"CHILD", ColumnType::kString},
        {"DECOM", ColumnType::kDate},
        {"DEC", ColumnType::kDate},
        {"REC", ColumnType::kCode},
        {"LS", ColumnType::kCode}}},
      {"header", {{"CHILD", ColumnType::kString}, {"DOB", ColumnType::kDate}}},
  };
  return m;
}

namespace {

// The child's last ceasing in the window: the latest DEC in it whose REC is not X1.
const Episode* last_ceasing(const ChildCare& c, const Period& p, Code x1) {
  const Episode* last = nullptr;
  for (const Episode& e : c.episodes)
    if (e.end && p.contains(*e.end) && e.rec != x1 && (!last || *e.end >= *last->end)) last = &e;
  return last;
}

}  // namespace

std::vector<Observation> Permanence::calculate(const Context& ctx,
                                               const std::vector<Period>& periods) const {
  const CodeSet permanent = ctx.codes(ctx.params().list("permanence_reasons"));
  const bool exclude_18 = ctx.params().flag("exclude_aged_18_leavers");
  const Code x1 = ctx.strings().find("X1").value_or(-1);
  // One pass over the children for every period (each period's children still in order).
  const size_t n = periods.size();
  std::vector<Ratio> ratios(n, Ratio(ctx.want_records()));
  std::vector<long> excluded(n, 0);
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < n; ++k) {
      const Episode* ceased = last_ceasing(c, periods[k], x1);
      if (!ceased) continue;
      if (exclude_18 && c.dob && age_on(*c.dob, *ceased->end) >= 18) {
        ++excluded[k];
        continue;
      }
      ratios[k].count(ctx.record(c.child), permanent.contains(ceased->rec));
    }
  std::vector<Observation> out;
  for (size_t k = 0; k < n; ++k) {
    if (exclude_18)
      ratios[k].note(std::to_string(excluded[k]) + " children aged 18 or over excluded");
    out.push_back(ratios[k].percent());
  }
  return out;
}

}  // namespace scorecard::plugins
