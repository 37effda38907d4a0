// VP7 (local variant): children leaving care to permanence, where this council also counts
// staying-put leavers (REC E17: aged 18+ and stayed with their carers) as permanent.
// Built out of tree against the installed SDK, and tested with the SDK's testing kit; see
// README.md beside this file.
#pragma once

#include <scorecard/sdk.hpp>

namespace local {
using namespace scorecard;

class LocalPermanence final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = "local.permanence_staying_put";
    m.code = "VP7-SP";
    m.name = "Children leaving care to permanence, staying put counted";
    m.description =
        "Of children who ceased to be looked after in the period, the percentage "
        "who left to permanence or stayed put with their carers at 18.";
    m.definition_source = "Demo Borough local definition, after DfE SSDA903 reasons ceased";
    m.theme = "Permanence and adoption";
    m.unit = Unit::kPercent;
    m.polarity = Polarity::kHigherIsBetter;
    m.period_kind = PeriodKind::kEventsWithin;
    m.target = 30;
    m.parameters = {
        {"permanent_reasons", ParamType::kStringList,
         std::vector<std::string>{"E11", "E12", "E41", "E45", "E46", "E47", "E48", "E4A", "E17"},
         "REC codes that count as permanence"}};
    m.needs = {{"episodes",
                {{"CHILD", ColumnType::kString},
                 {"DECOM", ColumnType::kDate},
                 {"DEC", ColumnType::kDate},
                 {"REC", ColumnType::kCode},
                 {"LS", ColumnType::kCode}}}};
    return m;
  }

  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    const CodeSet permanent = ctx.codes(ctx.params().list("permanent_reasons"));
    const CodeSet not_a_leaving = ctx.codes({"X1"});
    std::vector<Observation> out;
    for (const Period& p : periods) {
      Ratio ratio(ctx.want_records());
      for (const ChildCare& child : ctx.care().children) {
        const Episode* last = nullptr;  // the child's last ceasing in the period
        for (const Episode& e : child.episodes)
          if (e.end && p.contains(*e.end) && !not_a_leaving.contains(e.rec)) last = &e;
        if (last) ratio.count(ctx.text(child.child), permanent.contains(last->rec));
      }
      out.push_back(ratio.percent());
    }
    return out;
  }
};

}  // namespace local
