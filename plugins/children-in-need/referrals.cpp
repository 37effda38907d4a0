// Definition: ../shared/DATA.md, indicator 15 and counting rule 10; DfE "Characteristics of
// children in need": referrals within 12 months of a previous referral.
#include <stdexcept>
#include <string>
#include <vector>

#include "child_rows.hpp"
#include "children_in_need.hpp"

namespace scorecard::plugins {

Metadata Rereferrals::metadata() const {
  Metadata m;
  m.id = "cin.rereferrals";
  m.code = "REREF";
  m.name = "Re-referrals to children's social care within 12 months";
  m.description =
      "Of the referrals received in the period, the percentage for a child who had been "
      "referred before within the previous 12 months (referrals closed with no further action "
      "count).";
  m.definition_source =
      "DfE Characteristics of children in need (CIN census): re-referrals within 12 months of a "
      "previous referral; DATA.md indicator 15, rule 10";
  m.theme = "Children in need and child protection";
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 1;
  m.parameters = {
      {"within_months", ParamType::kInteger, int64_t{12},
       "A referral is a re-referral when the child's previous referral is at most this many "
       "calendar months before it (exactly this many counts)"},
  };
  m.needs = {{"referrals",
              {{"CHILD", ColumnType::kString},
               {"REFERRAL_DATE", ColumnType::kDate},
               {"REFERRAL_ID", ColumnType::kString, /*optional=*/true}}}};
  return m;
}

namespace {

// Counts one child's referrals (rows[begin, end), in date order) into every period that holds
// their date. A referral is a re-referral (rule 10) when the child's latest referral with a
// strictly earlier date falls on or after the date `months` calendar months before this one.
// NFA referrals are referrals like any other.
void count_child(const Context& ctx, const Column* id, const std::vector<DatedRow>& rows,
                 size_t begin, size_t end, int months, const std::vector<Period>& periods,
                 std::vector<Ratio>& ratios) {
  bool has_earlier = false;
  Date earlier;  // the child's latest referral date before rows[i]'s, when has_earlier
  for (size_t i = begin; i < end; ++i) {
    if (i > begin && rows[i].date != rows[i - 1].date) {
      has_earlier = true;
      earlier = rows[i - 1].date;
    }
    const bool rereferral = has_earlier && earlier >= rows[i].date.add_months(-months);
    for (size_t k = 0; k < periods.size(); ++k)
      if (periods[k].contains(rows[i].date))
        ratios[k].count(record_id(ctx, id, rows[i]), rereferral);
  }
}

}  // namespace

std::vector<Observation> Rereferrals::calculate(const Context& ctx,
                                                const std::vector<Period>& periods) const {
  const int64_t months = ctx.params().integer("within_months");
  if (months < 1 || months > 1200)
    throw std::invalid_argument("parameter 'within_months' must be 1 to 1200, not " +
                                std::to_string(months));
  if (periods.empty()) return {};
  const Table& referrals = ctx.table("referrals");
  const Column* id = referrals.find("REFERRAL_ID");
  const Column& child = referrals.column("CHILD");
  const Column& date = referrals.column("REFERRAL_DATE");
  // Only the referrals that can count: those in a period, and those that can be the earlier
  // referral of one (no more than `months` before the earliest first day of any period; an
  // older one is too old for any referral counted, whatever lies between). National extracts go
  // back decades: at 1M children, 2.8 of 6.6 million referrals are sorted for 9 quarters.
  const Window window = window_of(periods);
  const int32_t low = window.first.add_months(-static_cast<int>(months)).days;
  const int32_t high = window.last.days;
  auto keep = [&](size_t r) {  // asked only of dated rows
    return date.ints[r] >= low && date.ints[r] <= high && !child.is_blank(r);
  };
  long undated = 0;
  const std::vector<DatedRow> rows = rows_by_child(referrals, child, date, undated, keep);
  // A blank CHILD (possible only in a fixture: the loader requires CHILD) is no child's
  // referral: each period says how many of its own it left out.
  std::vector<long> no_child(periods.size(), 0);
  for (size_t r = 0; r < referrals.rows; ++r)
    if (child.is_blank(r) && !date.is_blank(r))
      for (size_t k = 0; k < periods.size(); ++k)
        no_child[k] += periods[k].contains(Date{date.ints[r]});
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (size_t begin = 0; begin < rows.size();) {
    const size_t end = child_group_end(rows, begin);
    count_child(ctx, id, rows, begin, end, static_cast<int>(months), periods, ratios);
    begin = end;
  }
  std::vector<Observation> out;
  for (size_t k = 0; k < periods.size(); ++k) {
    if (undated) ratios[k].note(std::to_string(undated) + " referrals without a REFERRAL_DATE");
    if (no_child[k]) ratios[k].note(std::to_string(no_child[k]) + " referrals without a CHILD");
    out.push_back(ratios[k].percent());
  }
  return out;
}

}  // namespace scorecard::plugins
