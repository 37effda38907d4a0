// Definition: ../shared/DATA.md, indicators 16 (second plans, rule 11) and 17 (VP8, CP visits
// on time, rule 12); DfE "Characteristics of children in need": child protection plans that
// were second or subsequent plans.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "child_rows.hpp"
#include "children_in_need.hpp"

namespace scorecard::plugins {
namespace {

constexpr const char* kTheme = "Children in need and child protection";

std::vector<ColumnNeed> plan_columns() {
  return {{"CHILD", ColumnType::kString},
          {"CPP_START", ColumnType::kDate},
          {"CPP_END", ColumnType::kDate},
          {"CPP_ID", ColumnType::kString, /*optional=*/true}};
}

std::string undated_plans_note(long undated) {
  return std::to_string(undated) + " plans without a CPP_START left out";
}

}  // namespace

// ---- cp.second_plan ----

Metadata SecondPlan::metadata() const {
  Metadata m;
  m.id = "cp.second_plan";
  m.code = "CPP2";
  m.name = "Child protection plans that were a second or subsequent plan";
  m.description =
      "Of the child protection plans that started in the period, the percentage for a child who "
      "had been on a plan before (ever, or with `within_months` set: a plan that ended within "
      "that many months before this one started).";
  m.definition_source =
      "DfE Characteristics of children in need (CIN census): child protection plans starting "
      "during the year which were second or subsequent plans; DATA.md indicator 16, rule 11";
  m.theme = kTheme;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 1;
  Parameter within{"within_months", ParamType::kInteger, std::monostate{},
                   "Blank: an earlier plan ever counts (DfE). A number N: only an earlier plan "
                   "whose CPP_END is in [start - N months, start] counts"};
  within.may_be_blank = true;
  m.parameters = {within};
  m.needs = {{"cp_plans", plan_columns()}};
  return m;
}

namespace {

// Rule 11: plan `i` of a child's plans [begin, i) is a second plan when an earlier plan (one
// that started on a strictly earlier day) exists, ever or, with `within_months`, one whose
// CPP_END is in [start - within_months, start].
bool follows_earlier_plan(const std::vector<DatedRow>& rows, size_t begin, size_t i,
                          const Column& end, std::optional<int64_t> within_months) {
  const Date start = rows[i].date;
  const Date earliest_end =
      within_months ? start.add_months(-static_cast<int>(*within_months)) : start;
  for (size_t j = begin; j < i && rows[j].date < start; ++j) {
    if (!within_months) return true;
    const std::optional<Date> ended = end.date(rows[j].row);
    if (ended && earliest_end <= *ended && *ended <= start) return true;
  }
  return false;
}

}  // namespace

std::vector<Observation> SecondPlan::calculate(const Context& ctx,
                                               const std::vector<Period>& periods) const {
  const std::optional<int64_t> within = ctx.params().optional_integer("within_months");
  if (within && (*within < 1 || *within > 1200))
    throw std::invalid_argument("parameter 'within_months' must be blank or 1 to 1200, not " +
                                std::to_string(*within));
  const Table& plans = ctx.table("cp_plans");
  const Column& end = plans.column("CPP_END");
  const Column* id = plans.find("CPP_ID");
  long undated = 0;
  const std::vector<DatedRow> rows =
      rows_by_child(plans, plans.column("CHILD"), plans.column("CPP_START"), undated);
  std::vector<bool> second(rows.size());
  for (size_t begin = 0; begin < rows.size();) {
    const size_t group_end = child_group_end(rows, begin);
    for (size_t i = begin; i < group_end; ++i)
      second[i] = follows_earlier_plan(rows, begin, i, end, within);
    begin = group_end;
  }
  // One pass over the plans for every period (each period's plans still in order).
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t k = 0; k < periods.size(); ++k)
      if (periods[k].contains(rows[i].date))
        ratios[k].count(record_id(ctx, id, rows[i]), second[i]);
  std::vector<Observation> out;
  for (Ratio& ratio : ratios) {
    if (undated) ratio.note(undated_plans_note(undated));
    out.push_back(ratio.percent());
  }
  return out;
}

// ---- cp.visits_on_time (VP8) ----

Metadata VisitsOnTime::metadata() const {
  Metadata m;
  m.id = "cp.visits_on_time";
  m.code = "VP8";
  m.name = "Child protection visits made on time";
  m.description =
      "Of the child protection visits that fell due in the period (10 days after the previous "
      "visit, or after the plan started, while the plan is open), the percentage made on or "
      "before the due date.";
  m.definition_source =
      "Local measure on the statutory child protection visit; DATA.md indicator 17 (VP8), "
      "rule 12";
  m.theme = kTheme;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 1;
  m.parameters = {
      {"due_days", ParamType::kInteger, int64_t{10},
       "A visit falls due this many days after the previous CP visit (or the plan start)"},
  };
  m.needs = {{"cp_plans", plan_columns()},
             {"visits",
              {{"CHILD", ColumnType::kString},
               {"VISIT_DATE", ColumnType::kDate},
               {"VISIT_TYPE", ColumnType::kCode}}}};
  return m;
}

namespace {

// Each child's CP visit days, in order; two visits on one day are one visit (rule 12). SEEN
// is not read. The days of child c are days[first[c], first[c + 1]): a counting sort on the
// child's Code, 4 bytes a visit (tens of millions of visits at national scale).
// The days of each child's CP visits (VISIT_TYPE CP, dated), sorted and unique, read from
// the run's grouping of `visits` by CHILD (Context::rows_by, shared with the other indicators
// that read visits by child). Asked for child after child, so the last child's are kept.
class CpVisitDays {
 public:
  explicit CpVisitDays(const Context& ctx)
      : type_(ctx.table("visits").column("VISIT_TYPE")),
        date_(ctx.table("visits").column("VISIT_DATE")),
        cp_(ctx.codes({"CP"})),
        by_child_(ctx.rows_by("visits", "CHILD")) {}

  const std::vector<Date>& of(Code child) {
    if (child == child_) return days_;
    child_ = child;
    days_.clear();
    for (const uint32_t r : by_child_.of(child))
      if (!date_.is_blank(r) && cp_.contains(type_.code(r))) days_.push_back(Date{date_.ints[r]});
    if (!std::is_sorted(days_.begin(), days_.end())) std::sort(days_.begin(), days_.end());
    days_.erase(std::unique(days_.begin(), days_.end()), days_.end());
    return days_;
  }

 private:
  const Column &type_, &date_;
  const CodeSet cp_;
  const RowGroups& by_child_;
  Code child_ = -1;
  std::vector<Date> days_;
};

// Tallies every period's due dates as one plan's visits are walked.
struct DueDates {
  const std::vector<Period>& periods;
  std::vector<Ratio>& ratios;
  Date first, last;  // the earliest and latest day of any period

  void add(const Context& ctx, std::string_view plan, Date due, bool on_time) const {
    for (size_t k = 0; k < periods.size(); ++k) {
      if (!periods[k].contains(due)) continue;
      if (ctx.want_records())
        ratios[k].count(std::string(plan) + " due " + due.iso(), on_time);
      else
        ratios[k].count({}, on_time);
    }
  }
};

// Rule 12, for one plan from `start` to `end` (blank: open) and the child's visit days
// [visit, visits_end): the first visit falls due `due_days` after the start, each later one
// `due_days` after the previous visit, one due date per gap (a missed due date does not
// recur). A due date counts while the plan is open on it (CPP_END blank or after it); it is
// met by the next visit on or before it. A visit on the start day itself leaves the first due
// date where it is.
void walk_plan(const Context& ctx, std::string_view plan, Date start, std::optional<Date> end,
               const Date* visit, const Date* visits_end, int due_days, const DueDates& tally) {
  visit = std::upper_bound(visit, visits_end, start);
  for (Date after = start;;) {
    const Date due = after.add_days(due_days);
    if ((end && *end <= due) || due > tally.last) return;
    const bool on_time = visit != visits_end && *visit <= due;
    if (due >= tally.first) tally.add(ctx, plan, due, on_time);
    if (visit == visits_end) return;
    after = *visit;
    ++visit;
  }
}

}  // namespace

std::vector<Observation> VisitsOnTime::calculate(const Context& ctx,
                                                 const std::vector<Period>& periods) const {
  const int64_t due_days = ctx.params().integer("due_days");
  if (due_days < 1 || due_days > 3660)
    throw std::invalid_argument("parameter 'due_days' must be 1 to 3660, not " +
                                std::to_string(due_days));
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  if (periods.empty()) return {};
  const Window window = window_of(periods);
  DueDates tally{periods, ratios, window.first, window.last};

  const Table& plans = ctx.table("cp_plans");
  const Column& end = plans.column("CPP_END");
  const Column* id = plans.find("CPP_ID");
  // Only the plans that can have a due date in a period: started before the last day (a
  // plan's first due date is after its start) and open after the first (a due date counts
  // while the plan is open on it). The rest of decades of plans are not sorted, and their
  // children's visits not read.
  const Column& start = plans.column("CPP_START");
  auto can_fall_due = [&](size_t r) {  // asked only of rows with a CPP_START
    return start.ints[r] < tally.last.days && (end.is_blank(r) || end.ints[r] > tally.first.days);
  };
  long undated = 0;
  const std::vector<DatedRow> plan_rows =
      rows_by_child(plans, plans.column("CHILD"), start, undated, can_fall_due);
  CpVisitDays visits(ctx);
  for (const DatedRow& plan : plan_rows) {
    const std::vector<Date>& days = visits.of(plan.child);
    walk_plan(ctx, record_id(ctx, id, plan), plan.date, end.date(plan.row), days.data(),
              days.data() + days.size(), static_cast<int>(due_days), tally);
  }

  std::vector<Observation> out;
  for (Ratio& ratio : ratios) {
    if (undated) ratio.note(undated_plans_note(undated));
    out.push_back(ratio.percent());
  }
  return out;
}

}  // namespace scorecard::plugins
