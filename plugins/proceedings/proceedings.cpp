// Definition: ../shared/DATA.md, indicator 18 and counting rule 13. The 26-week limit is
// the Children and Families Act 2014, s.14 (Children Act 1989 s.32(1)(a)).
#include "proceedings.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace scorecard::plugins {
namespace {

const char* const kTheme = "Care proceedings";
const char* const kSource =
    "Children Act 1989 s.32(1)(a), as amended by the Children and Families Act 2014 s.14 "
    "(26 weeks); DATA.md indicator 18 and counting rule 13";

Parameter per_child_parameter() {
  return {"per_child", ParamType::kBoolean, false,
          "Count each child's proceedings (each row) instead of each case; by default siblings "
          "in one case are one case, from its earliest issue date to its latest final order"};
}

std::vector<DatasetNeed> proceedings_needs() {
  return {{"proceedings",
           {{"CASE_ID", ColumnType::kString},
            {"CHILD", ColumnType::kString, /*optional=*/true},
            {"ISSUE_DATE", ColumnType::kDate},
            {"FINAL_ORDER_DATE", ColumnType::kDate}}}};
}

// Folds a row into a proceeding: the earliest issue date; the latest final order, or open
// (no final order) as soon as one of its rows is open.
void merge_row(Proceeding& p, std::optional<Date> issue, std::optional<Date> final_order,
               bool first) {
  if (issue && (!p.issue || *issue < *p.issue)) p.issue = issue;
  if (first) {
    p.final_order = final_order;
  } else if (!final_order) {
    p.final_order.reset();
  } else if (p.final_order && *final_order > *p.final_order) {
    p.final_order = final_order;
  }
}

// The record id an analyst looks up: CASE_ID, or CASE_ID/CHILD when counting children.
class RecordId {
 public:
  RecordId(const Context& ctx, const Table& table, bool per_child)
      : ctx_(ctx),
        case_id_(table.column("CASE_ID")),
        child_(per_child ? table.find("CHILD") : nullptr) {}

  std::string_view operator()(const Proceeding& p) {
    if (!ctx_.want_records()) return {};
    if (!child_) return ctx_.text(case_id_.code(p.row));
    text_.assign(ctx_.text(case_id_.code(p.row)));
    text_ += '/';
    text_ += ctx_.text(child_->code(p.row));
    return text_;
  }

 private:
  const Context& ctx_;
  const Column& case_id_;
  const Column* child_;
  std::string text_;
};

// The proceedings concluded in the period with a usable duration, each passed to `count`
// with its days from issue to final order; the unusable ones become notes on `out`.
template <typename Sink, typename Count>
void for_each_concluded(const std::vector<Proceeding>& all, const Period& period, Sink& out,
                        Count count) {
  auto first = std::lower_bound(
      all.begin(), all.end(), period.from,
      [](const Proceeding& p, Date d) { return p.final_order && *p.final_order < d; });
  long no_issue = 0, before_issue = 0;
  for (auto it = first; it != all.end() && it->final_order && *it->final_order <= period.to; ++it) {
    if (!it->issue) {
      ++no_issue;
    } else if (*it->final_order < *it->issue) {
      ++before_issue;
    } else {
      count(*it, *it->final_order - *it->issue);
    }
  }
  if (no_issue > 0) out.note(std::to_string(no_issue) + " proceedings with no issue date left out");
  if (before_issue > 0)
    out.note(std::to_string(before_issue) +
             " proceedings with a final order before the issue date left out");
}

Aggregation aggregation_of(const std::string& text) {
  if (text == "mean") return Aggregation::kMean;
  if (text == "median") return Aggregation::kMedian;
  throw std::invalid_argument("parameter 'aggregation' must be mean or median, not '" + text + "'");
}

}  // namespace

std::vector<Proceeding> gather_proceedings(const Table& table, bool per_child) {
  const Column& case_id = table.column("CASE_ID");
  const Column& issue = table.column("ISSUE_DATE");
  const Column& final_order = table.column("FINAL_ORDER_DATE");
  std::vector<Proceeding> all;
  all.reserve(table.rows);
  std::unordered_map<Code, size_t> by_case;
  if (!per_child) by_case.reserve(table.rows);
  for (size_t r = 0; r < table.rows; ++r) {
    const Code id = case_id.code(r);
    size_t slot = all.size();
    bool first = true;
    if (!per_child && id != kBlankCode) {
      auto [it, inserted] = by_case.emplace(id, all.size());
      slot = it->second;
      first = inserted;
    }
    if (first) all.push_back(Proceeding{r, std::nullopt, std::nullopt});
    merge_row(all[slot], issue.date(r), final_order.date(r), first);
  }
  std::stable_sort(all.begin(), all.end(), [](const Proceeding& a, const Proceeding& b) {
    if (!a.final_order || !b.final_order) return a.final_order.has_value() && !b.final_order;
    return *a.final_order < *b.final_order;
  });
  return all;
}

Metadata ProceedingsUnder26Weeks::metadata() const {
  Metadata m;
  m.id = "proceedings.under_26_weeks";
  m.code = "PROC 26";
  m.name = "Care proceedings completed within 26 weeks";
  m.description =
      "Of care proceedings that ended with a final order in the period, the percentage that "
      "took 26 weeks (182 days) or less from the application being issued. Brothers and "
      "sisters in one case count as one case.";
  m.definition_source = kSource;
  m.theme = kTheme;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 1;
  m.parameters = {
      {"max_days", ParamType::kInteger, int64_t{182},
       "Most days from issue to final order that still count as on time (inclusive)"},
      per_child_parameter(),
  };
  m.needs = proceedings_needs();
  return m;
}

std::vector<Observation> ProceedingsUnder26Weeks::calculate(
    const Context& ctx, const std::vector<Period>& periods) const {
  const Table& table = ctx.table("proceedings");
  const bool per_child = ctx.params().flag("per_child");
  const int64_t max_days = ctx.params().integer("max_days");
  const std::vector<Proceeding> all = gather_proceedings(table, per_child);
  RecordId record(ctx, table, per_child);
  std::vector<Observation> out;
  for (const Period& p : periods) {
    Ratio ratio(ctx.want_records());
    for_each_concluded(all, p, ratio, [&](const Proceeding& each, int days) {
      ratio.count(record(each), days <= max_days);
    });
    out.push_back(ratio.percent());
  }
  return out;
}

Metadata ProceedingsDuration::metadata() const {
  Metadata m;
  m.id = "proceedings.duration";
  m.code = "PROC DAYS";
  m.name = "Average length of care proceedings (days)";
  m.description =
      "For care proceedings that ended with a final order in the period, the average number "
      "of days from the application being issued to the final order. Brothers and sisters in "
      "one case count as one case.";
  m.definition_source = kSource;
  m.theme = kTheme;
  m.unit = Unit::kDays;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 0;
  m.parameters = {
      {"aggregation", ParamType::kString, std::string("mean"),
       "mean (total days / proceedings) or median (the middle duration)"},
      per_child_parameter(),
  };
  m.needs = proceedings_needs();
  return m;
}

std::vector<Observation> ProceedingsDuration::calculate(const Context& ctx,
                                                        const std::vector<Period>& periods) const {
  const Table& table = ctx.table("proceedings");
  const bool per_child = ctx.params().flag("per_child");
  const Aggregation aggregation = aggregation_of(ctx.params().text("aggregation"));
  const std::vector<Proceeding> all = gather_proceedings(table, per_child);
  RecordId record(ctx, table, per_child);
  std::vector<Observation> out;
  for (const Period& p : periods) {
    Distribution days(ctx.want_records());
    for_each_concluded(all, p, days, [&](const Proceeding& each, int d) {
      days.add(record(each), static_cast<double>(d));
    });
    out.push_back(days.observation(aggregation));
  }
  return out;
}

}  // namespace scorecard::plugins
