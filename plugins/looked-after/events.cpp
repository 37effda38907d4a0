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

// The events of the type, by child: VISIT is `visits` of VISIT_TYPE CLA where the child was
// seen; any other type, `child_events` of that EVENT_TYPE. Each child's rows come from the
// run's grouping by CHILD (Context::rows_by), shared with every other use of this indicator
// and the others that read the same dataset by child: only the rows of the children looked
// after are read, not the whole table once per use.
class EventsByChild {
 public:
  EventsByChild(const Context& ctx, const std::string& type) {
    const bool visit = type == kVisit;
    const char* dataset = visit ? "visits" : "child_events";
    const Table& table = ctx.table(dataset);
    date_ = &table.column(visit ? "VISIT_DATE" : "EVENT_DATE");
    kind_ = &table.column(visit ? "VISIT_TYPE" : "EVENT_TYPE");
    seen_ = visit ? &table.column("SEEN") : nullptr;
    wanted_ = ctx.codes({visit ? std::string("CLA") : type});
    groups_ = &ctx.rows_by(dataset, "CHILD");
  }

  // The days of the child's events, in order, into `days`.
  void days_of(Code child, std::vector<int32_t>& days) const {
    days.clear();
    for (const uint32_t r : groups_->of(child)) {
      if (date_->is_blank(r) || !wanted_.contains(kind_->code(r))) continue;
      if (seen_ && !seen_->flag(r).value_or(false)) continue;
      days.push_back(date_->ints[r]);
    }
    if (!std::is_sorted(days.begin(), days.end())) std::sort(days.begin(), days.end());
  }

 private:
  const Column *date_ = nullptr, *kind_ = nullptr, *seen_ = nullptr;
  CodeSet wanted_;
  const RowGroups* groups_ = nullptr;
};

// The latest of the (sorted) days on or before day `as_at`, if any.
std::optional<int32_t> latest(const std::vector<int32_t>& days, int32_t as_at) {
  const auto after = std::upper_bound(days.begin(), days.end(), as_at);
  if (after == days.begin()) return std::nullopt;
  return *std::prev(after);
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
  const EventsByChild events(ctx, event_type(params));
  std::vector<Date> as_at;
  std::vector<std::optional<Date>> from;
  for (const Period& p : periods) {
    as_at.push_back(p.as_at());
    from.push_back(window_start(p.as_at(), days, months));
  }
  // One pass over the children for every period (each period's children still in order).
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  std::vector<int32_t> event_days;  // the child's, read when the child is first counted
  for (const ChildCare& c : ctx.care().children) {
    bool read = false;
    for (size_t k = 0; k < periods.size(); ++k) {
      if (!looked_after_at(c, as_at[k])) continue;
      if (!read) {
        events.days_of(c.child, event_days);
        read = true;
      }
      const std::optional<int32_t> last = latest(event_days, as_at[k].days);
      const bool recent = last && (!from[k] || *last >= from[k]->days);
      ratios[k].count(ctx.record(c.child), recent);
    }
  }
  std::vector<Observation> out;
  for (const Ratio& ratio : ratios) out.push_back(ratio.percent());
  return out;
}

}  // namespace scorecard::plugins::looked_after
