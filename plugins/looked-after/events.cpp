// Definition: ../shared/DATA.md indicator 14 and counting rule 9 (a generic measure: visits
// within 6 weeks, PEP within 6 months, health assessment or dental check within 12 months,
// supervision within the month), over `child_events` or the CIN census `visits`.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "family.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

constexpr const char* kVisit = "VISIT";

DatasetNeed child_events_need(bool optional) {
  return {"child_events",
          {{"CHILD", ColumnType::kString},
           {"EVENT_TYPE", ColumnType::kCode},
           {"EVENT_DATE", ColumnType::kDate}},
          optional};
}
DatasetNeed visits_need(bool optional) {
  return {"visits",
          {{"CHILD", ColumnType::kString},
           {"VISIT_DATE", ColumnType::kDate},
           {"VISIT_TYPE", ColumnType::kCode},
           {"SEEN", ColumnType::kBoolean}},
          optional};
}

// The event type asked for, trimmed and upper-case like the EVENT_TYPE codes.
std::string event_type(const Parameters& params) {
  std::string type = CodeSet::normalise(params.text("event_type"));
  if (type.empty()) throw std::invalid_argument("parameter 'event_type' must not be blank");
  return type;
}

// Every event of the type, grouped by child: the days of child c are
// days[first[c], first[c + 1]), in order. VISIT: `visits` of VISIT_TYPE CLA where the child
// was seen. Built by a counting sort on the child's Code (linear: a comparison sort of tens of
// millions of visits took seconds, and a binary search over them per child and period missed
// the cache at every step).
struct EventsByChild {
  std::vector<uint32_t> first;  // by Code, one more than the largest Code
  std::vector<int32_t> days;

  // The latest event of `child` on or before day `as_at`, if any.
  std::optional<int32_t> latest(Code child, int32_t as_at) const {
    const auto c = static_cast<size_t>(child);
    if (c + 1 >= first.size()) return std::nullopt;
    const auto begin = days.begin() + first[c], end = days.begin() + first[c + 1];
    const auto after = std::upper_bound(begin, end, as_at);
    if (after == begin) return std::nullopt;
    return *std::prev(after);
  }
};

// `codes`: the number of Codes in the run (every cell's Code is below it).
template <class Wanted>
EventsByChild group_by_child(const Table& table, const Column& child, const Column& date,
                             size_t codes, Wanted&& wanted) {
  EventsByChild events;
  events.first.assign(codes + 1, 0);
  for (size_t r = 0; r < table.rows; ++r)
    if (!date.is_blank(r) && wanted(r)) ++events.first[static_cast<size_t>(child.code(r)) + 1];
  for (size_t c = 1; c < events.first.size(); ++c) events.first[c] += events.first[c - 1];
  // first[c + 1] is the end of child c's days; placed from the last row back, it ends as their
  // start, and one shift makes first[c] the start (no second array of Codes' size).
  events.days.resize(events.first.back());
  for (size_t r = table.rows; r-- > 0;)
    if (!date.is_blank(r) && wanted(r))
      events.days[--events.first[static_cast<size_t>(child.code(r)) + 1]] = date.ints[r];
  events.first.erase(events.first.begin());
  events.first.push_back(static_cast<uint32_t>(events.days.size()));
  for (size_t c = 0; c + 1 < events.first.size(); ++c) {
    const auto begin = events.days.begin() + events.first[c];
    const auto end = events.days.begin() + events.first[c + 1];
    if (!std::is_sorted(begin, end)) std::sort(begin, end);
  }
  return events;
}

EventsByChild events_of_type(const Context& ctx, const std::string& type) {
  if (type == kVisit) {
    const Table& visits = ctx.table("visits");
    const Column &child = visits.column("CHILD"), &date = visits.column("VISIT_DATE");
    const Column &kind = visits.column("VISIT_TYPE"), &seen = visits.column("SEEN");
    const CodeSet looked_after_visit = ctx.codes({"CLA"});
    return group_by_child(visits, child, date, ctx.strings().size(), [&](size_t r) {
      return looked_after_visit.contains(kind.code(r)) && seen.flag(r).value_or(false);
    });
  }
  const Table& table = ctx.table("child_events");
  const Column &child = table.column("CHILD"), &date = table.column("EVENT_DATE");
  const Column& kind = table.column("EVENT_TYPE");
  const CodeSet wanted = ctx.codes({type});
  return group_by_child(table, child, date, ctx.strings().size(),
                        [&](size_t r) { return wanted.contains(kind.code(r)); });
}

// The first day of the window [as_at - N, as_at] (rule 9: both ends included); empty when
// neither within_days nor within_months is set (any event on or before the as-at date).
std::optional<Date> window_start(Date as_at, std::optional<int64_t> days,
                                 std::optional<int64_t> months) {
  if (days) return as_at.add_days(-static_cast<int>(*days));
  if (months) return as_at.add_months(-static_cast<int>(*months));
  return std::nullopt;
}

}  // namespace

Metadata RecentEvent::metadata() const {
  Metadata m;
  m.id = "cla.recent_event";
  m.code = "CLA recent event";
  m.name = "Children looked after with a recent visit, review or check";
  m.description =
      "Of the children looked after on the last day of the period, the percentage with a "
      "recorded event of the chosen kind (a visit where the child was seen, a personal education "
      "plan, a health assessment, a dental check, supervision) in the days or months before it.";
  m.definition_source =
      "Local performance measure after DfE statutory guidance (visits, PEPs, health and dental "
      "checks); DATA.md indicator 14 and rule 9";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"event_type", ParamType::kString, std::string(kVisit),
       "EVENT_TYPE in child_events (PEP, HEALTH_ASSESSMENT, DENTAL_CHECK, SUPERVISION...), or "
       "VISIT for CIN census visits of VISIT_TYPE CLA where the child was seen"},
      {"within_days",
       ParamType::kInteger,
       int64_t{42},
       "The event is on or after the as-at date minus this many days (setting within_months "
       "instead leaves this blank)",
       true,
       {"within_months"}},
      {"within_months",
       ParamType::kInteger,
       std::monostate{},
       "The event is on or after the as-at date minus this many calendar months (instead of "
       "within_days; both blank: any event on or before the as-at date)",
       true,
       {"within_days"}},
  };
  m.needs = {episodes_need(), child_events_need(true), visits_need(true)};
  return m;
}

std::vector<DatasetNeed> RecentEvent::needs(const Parameters& params) const {
  const bool visits = event_type(params) == kVisit;
  return {episodes_need(), visits ? visits_need(false) : child_events_need(false)};
}

std::vector<Observation> RecentEvent::calculate(const Context& ctx,
                                                const std::vector<Period>& periods) const {
  const Parameters& params = ctx.params();
  const std::optional<int64_t> days = params.optional_integer("within_days");
  const std::optional<int64_t> months = params.optional_integer("within_months");
  if (days && months)
    throw std::invalid_argument("set within_days or within_months, not both (leave one blank)");
  if ((days && (*days < 0 || *days > 36600)) || (months && (*months < 0 || *months > 1200)))
    throw std::invalid_argument("within_days and within_months must be 0 or more");
  const EventsByChild events = events_of_type(ctx, event_type(params));
  std::vector<Date> as_at;
  std::vector<std::optional<Date>> from;
  for (const Period& p : periods) {
    as_at.push_back(p.as_at());
    from.push_back(window_start(p.as_at(), days, months));
  }
  // One pass over the children for every period (each period's children still in order).
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (const ChildCare& c : ctx.care().children) {
    for (size_t k = 0; k < periods.size(); ++k) {
      if (!looked_after_at(c, as_at[k])) continue;
      const std::optional<int32_t> latest = events.latest(c.child, as_at[k].days);
      const bool recent = latest && (!from[k] || *latest >= from[k]->days);
      ratios[k].count(ctx.text(c.child), recent);
    }
  }
  std::vector<Observation> out;
  for (const Ratio& ratio : ratios) out.push_back(ratio.percent());
  return out;
}

}  // namespace scorecard::plugins::looked_after
