// Definition: ../shared/DATA.md, indicators 10 (A1, with the A10 foster-carer variant) and 11
// (A2) and counting rule 7; the DfE adoption scorecard's A1, A2 and A10 (3-year averages).
#include "adoption.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace scorecard::plugins {
namespace {

// One adoption: an episode that ceased with REC E11/E12, and the dates of the period of care
// it ended. An empty date is one the episodes do not show.
struct Adoption {
  Code child = kBlankCode;
  Date adopted;                            // DEC of the adoption episode
  std::optional<Date> entered_care;        // DECOM of the RNE S episode that began the period
  std::optional<Date> adoptive_placement;  // DECOM of its first A3-A6 episode
  std::optional<Date> foster_placement;    // DECOM of the last placement change at or before it
  std::optional<Date> placement_order;     // DECOM of its first LS E1 episode
};

// The codes the definitions name, resolved once against the run's strings.
struct AdoptionCodes {
  CodeSet adopted, care_start, adoptive_place, placement_order;
  PlacementRules placement_change;  // DATA.md "Placements" defaults: S, P, B; temporary excluded

  explicit AdoptionCodes(const StringPool& pool)
      : adopted(pool, {"E11", "E12"}),
        care_start(pool, {"S"}),
        adoptive_place(pool, {"A3", "A4", "A5", "A6"}),
        placement_order(pool, {"E1"}),
        placement_change(PlacementRules::make(pool, {"S", "P", "B"}, true)) {}
};

// The start of the placement with the carers who went on to adopt (A10): the last
// placement-change episode at or before the adoptive placement `k`, or the period's start.
Date foster_placement_start(const ChildCare& c, size_t k, const PeriodOfCare& period,
                            const std::vector<PeriodOfCare>& periods, const PlacementRules& rules) {
  for (size_t i = k + 1; i-- > period.first;)
    if (is_placement_change(c, i, rules, periods)) return c.episodes[i].start;
  return c.episodes[period.first].start;
}

// The dates of the period of care that ended with the adoption episode `adopted_at`.
Adoption describe(const ChildCare& c, size_t adopted_at, const std::vector<PeriodOfCare>& periods,
                  const AdoptionCodes& codes) {
  const PeriodOfCare period = period_containing(periods, adopted_at);
  Adoption a;
  a.child = c.child;
  a.adopted = *c.episodes[adopted_at].end;
  const Episode& first = c.episodes[period.first];
  if (codes.care_start.contains(first.rne)) a.entered_care = first.start;
  for (size_t i = period.first; i <= adopted_at; ++i) {
    const Episode& e = c.episodes[i];
    if (!a.placement_order && codes.placement_order.contains(e.ls)) a.placement_order = e.start;
    if (!a.adoptive_placement && codes.adoptive_place.contains(e.place)) {
      a.adoptive_placement = e.start;
      a.foster_placement = foster_placement_start(c, i, period, periods, codes.placement_change);
    }
  }
  return a;
}

// Every adoption in the care index, child by child (one pass for all periods).
std::vector<Adoption> all_adoptions(const Context& ctx) {
  const AdoptionCodes codes(ctx.strings());
  std::vector<Adoption> out;
  for (const ChildCare& c : ctx.care().children) {
    std::vector<PeriodOfCare> periods;  // built only for the few children who were adopted
    for (size_t i = 0; i < c.episodes.size(); ++i) {
      const Episode& e = c.episodes[i];
      if (!e.end || !codes.adopted.contains(e.rec)) continue;
      if (periods.empty()) periods = periods_of_care(c, ctx.strings());
      out.push_back(describe(c, i, periods, codes));
    }
  }
  return out;
}

// Each child's last adoption in (as_at - months, as_at] (rule 7): a child counts once.
std::vector<const Adoption*> adopted_in_window(const std::vector<Adoption>& all, Date as_at,
                                               int months) {
  const Date after = as_at.add_months(-months);
  std::vector<const Adoption*> out;
  for (const Adoption& a : all) {
    if (a.adopted <= after || a.adopted > as_at) continue;
    if (!out.empty() && out.back()->child == a.child) {
      if (a.adopted >= out.back()->adopted) out.back() = &a;
    } else {
      out.push_back(&a);
    }
  }
  return out;
}

// A child's AD1 row with the latest DATE_MATCH (rule 7); a dated row beats an undated one and
// a later row wins a tie.
struct Match {
  std::optional<Date> date;
  bool foster_carers = false;  // FOSTER_CARE = 1: adopted by their foster carers
};
std::unordered_map<Code, Match> latest_matches(const Table& ad1) {
  const Column& child = ad1.column("CHILD");
  const Column& date = ad1.column("DATE_MATCH");
  const Column* foster = ad1.find("FOSTER_CARE");
  std::unordered_map<Code, Match> out;
  for (size_t r = 0; r < ad1.rows; ++r) {
    const Match row{date.date(r), foster && foster->flag(r).value_or(false)};
    auto [it, added] = out.emplace(child.code(r), row);
    const Match& held = it->second;
    if (!added && !(held.date && (!row.date || *row.date < *held.date))) it->second = row;
  }
  return out;
}
const Match* match_of(const std::unordered_map<Code, Match>& matches, Code child) {
  auto it = matches.find(child);
  return it == matches.end() ? nullptr : &it->second;
}

// Rule 7: an adoption whose period of care has no RNE S episode or no A3-A6 placement is left
// out of A1 and A2 alike, and the count reported.
struct LeftOut {
  long no_care_start = 0;
  long no_adoptive_placement = 0;

  bool keeps(const Adoption& a) {
    if (!a.entered_care) {
      ++no_care_start;
      return false;
    }
    if (!a.adoptive_placement) {
      ++no_adoptive_placement;
      return false;
    }
    return true;
  }
  std::string note() const {
    return "adoptions left out (rule 7): " + std::to_string(no_care_start) +
           " with no RNE S episode starting their period of care, " +
           std::to_string(no_adoptive_placement) + " with no A3-A6 placement in it";
  }
};

int window_months(const Parameters& params) {
  const int64_t months = params.integer("window_months");
  if (months < 1 || months > 1200)
    throw std::invalid_argument("parameter 'window_months' must be 1 to 1200, not " +
                                std::to_string(months));
  return static_cast<int>(months);
}

Aggregation aggregation_of(const Parameters& params) {
  const std::string& text = params.text("aggregation");
  if (text == "mean") return Aggregation::kMean;
  if (text == "median") return Aggregation::kMedian;
  throw std::invalid_argument("parameter 'aggregation' must be 'mean' or 'median', not '" + text +
                              "'");
}

// What A1 and A2 share: the cohort, the unit, the window and the aggregation.
Metadata adoption_metadata() {
  Metadata m;
  m.theme = "Permanence and adoption";
  m.unit = Unit::kDays;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kRolling;
  m.period_months = 36;
  m.decimals = 0;
  m.parameters = {
      {"window_months", ParamType::kInteger, int64_t{36},
       "Children adopted in this many calendar months ending at the as-at date"},
      {"aggregation", ParamType::kString, std::string("mean"),
       "'mean' (the DfE adoption scorecard) or 'median' of the children's days"},
  };
  m.needs = {{"episodes",
              {{"CHILD", ColumnType::kString},
               {"DECOM", ColumnType::kDate},
               {"DEC", ColumnType::kDate},
               {"RNE", ColumnType::kCode},
               {"LS", ColumnType::kCode},
               {"PLACE", ColumnType::kCode},
               {"REC", ColumnType::kCode}}}};
  return m;
}

}  // namespace

Metadata AdoptionA1::metadata() const {
  Metadata m = adoption_metadata();
  m.id = "adoption.a1";
  m.code = "A1";
  m.name = "Average days between entering care and moving in with the adoptive family";
  m.description =
      "For children adopted in the 3 years to the as-at date, the days from the start of the "
      "period of care in which they were adopted to moving in with their adoptive family. With "
      "the foster-carer adjustment (A10), a child adopted by their foster carers moved in when "
      "that foster placement began.";
  m.definition_source =
      "DfE adoption scorecard A1 and A10 (3-year average); DATA.md indicator 10 and rule 7";
  m.parameters.push_back({"foster_carer_adjustment", ParamType::kBoolean, false,
                          "A10: where AD1 FOSTER_CARE = 1, count the move-in from the start of "
                          "the placement with those carers"});
  m.needs[0].columns.push_back({"URN", ColumnType::kString, /*optional=*/true});
  m.needs.push_back({"ad1",
                     {{"CHILD", ColumnType::kString},
                      {"DATE_MATCH", ColumnType::kDate},
                      {"FOSTER_CARE", ColumnType::kBoolean}},
                     /*optional=*/true});
  return m;
}

// AD1 is read only for the A10 adjustment, and then it is required.
std::vector<DatasetNeed> AdoptionA1::needs(const Parameters& params) const {
  std::vector<DatasetNeed> needs = metadata().needs;
  for (DatasetNeed& need : needs)
    if (need.dataset == "ad1") need.optional = !params.flag("foster_carer_adjustment");
  return needs;
}

std::vector<Observation> AdoptionA1::calculate(const Context& ctx,
                                               const std::vector<Period>& periods) const {
  const int months = window_months(ctx.params());
  const Aggregation aggregation = aggregation_of(ctx.params());
  const bool adjust = ctx.params().flag("foster_carer_adjustment");
  const std::vector<Adoption> adoptions = all_adoptions(ctx);
  std::unordered_map<Code, Match> matches;
  if (adjust) matches = latest_matches(ctx.table("ad1"));
  std::vector<Observation> out;
  for (const Period& p : periods) {
    Distribution days(ctx.want_records());
    LeftOut left_out;
    long by_foster_carers = 0;
    for (const Adoption* a : adopted_in_window(adoptions, p.as_at(), months)) {
      if (!left_out.keeps(*a)) continue;
      Date moved_in = *a->adoptive_placement;
      const Match* match = adjust ? match_of(matches, a->child) : nullptr;
      if (match && match->foster_carers) {
        moved_in = *a->foster_placement;
        ++by_foster_carers;
      }
      days.add(ctx.record(a->child), moved_in - *a->entered_care);
    }
    days.note(left_out.note());
    if (adjust)
      days.note(std::to_string(by_foster_carers) +
                " adopted by their foster carers: moved in when that placement began (A10)");
    out.push_back(days.observation(aggregation));
  }
  return out;
}

Metadata AdoptionA2::metadata() const {
  Metadata m = adoption_metadata();
  m.id = "adoption.a2";
  m.code = "A2";
  m.name = "Average days between the placement order and the match with an adoptive family";
  m.description =
      "For children adopted in the 3 years to the as-at date, the days from the court's "
      "authority to place them for adoption (placement order) to the decision matching them "
      "with their adoptive family; 0 where the match came first.";
  m.definition_source = "DfE adoption scorecard A2 (3-year average); DATA.md indicator 11, rule 7";
  m.needs.push_back(
      {"ad1", {{"CHILD", ColumnType::kString}, {"DATE_MATCH", ColumnType::kDate}}, false});
  return m;
}

std::vector<Observation> AdoptionA2::calculate(const Context& ctx,
                                               const std::vector<Period>& periods) const {
  const int months = window_months(ctx.params());
  const Aggregation aggregation = aggregation_of(ctx.params());
  const std::vector<Adoption> adoptions = all_adoptions(ctx);
  const std::unordered_map<Code, Match> matches = latest_matches(ctx.table("ad1"));
  std::vector<Observation> out;
  for (const Period& p : periods) {
    Distribution days(ctx.want_records());
    LeftOut left_out;
    long no_order = 0, no_match = 0;
    for (const Adoption* a : adopted_in_window(adoptions, p.as_at(), months)) {
      if (!left_out.keeps(*a)) continue;
      const Match* match = match_of(matches, a->child);
      if (!a->placement_order) {
        ++no_order;
      } else if (!match || !match->date) {
        ++no_match;
      } else {
        days.add(ctx.record(a->child), std::max(0, *match->date - *a->placement_order));
      }
    }
    days.note(left_out.note());
    days.note("children excluded: " + std::to_string(no_order) +
              " with no placement order (LS E1) in their period of care, " +
              std::to_string(no_match) + " with no DATE_MATCH in AD1");
    out.push_back(days.observation(aggregation));
  }
  return out;
}

}  // namespace scorecard::plugins
