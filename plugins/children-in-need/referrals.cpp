// Definition: ../shared/DATA.md, indicator 15 and counting rule 10; DfE "Characteristics of
// children in need": referrals within 12 months of a previous referral.
#include <algorithm>
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

// One child's referrals with a date, in date order (file order within a day).
struct Referral {
  Date date;
  uint32_t row = 0;
};

// Counts one child's referrals (in date order) into every period that holds their date. A
// referral is a re-referral (rule 10) when the child's latest referral with a strictly earlier
// date falls on or after the date `months` calendar months before this one. NFA referrals are
// referrals like any other.
void count_child(const Context& ctx, const Column* id, Code child,
                 const std::vector<Referral>& referrals, int months,
                 const std::vector<Period>& periods, std::vector<Ratio>& ratios) {
  bool has_earlier = false;
  Date earlier;  // the child's latest referral date before referrals[i]'s, when has_earlier
  for (size_t i = 0; i < referrals.size(); ++i) {
    const Referral& r = referrals[i];
    if (i > 0 && r.date != referrals[i - 1].date) {
      has_earlier = true;
      earlier = referrals[i - 1].date;
    }
    const bool rereferral = has_earlier && earlier >= r.date.add_months(-months);
    for (size_t k = 0; k < periods.size(); ++k)
      if (periods[k].contains(r.date))
        ratios[k].count(record_id(ctx, id, DatedRow{child, r.date, r.row}), rereferral);
  }
}

}  // namespace

std::vector<Observation> Rereferrals::calculate(const Context& ctx,
                                                const std::vector<Period>& periods) const {
  const int64_t months = ctx.params().integer("within_months");
  if (months < 1 || months > 1200)
    throw std::invalid_argument("parameter 'within_months' must be 1 to 1200, not " +
                                std::to_string(months));
  const Table& referrals = ctx.table("referrals");
  const Column* id = referrals.find("REFERRAL_ID");
  const Column& child = referrals.column("CHILD");
  const Column& date = referrals.column("REFERRAL_DATE");
  long undated = 0, no_child = 0;
  for (size_t r = 0; r < referrals.rows; ++r) {
    if (date.is_blank(r))
      ++undated;
    else if (child.is_blank(r))
      ++no_child;
  }
  // Each child's referrals from the run's grouping by CHILD (shared, 4 bytes a referral, where
  // a sort of its own held 12), in code order as before; one pass for every period.
  const RowGroups& by_child = ctx.rows_by("referrals", "CHILD");
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  std::vector<Referral> own;
  auto by_date = [](const Referral& a, const Referral& b) { return a.date < b.date; };
  for (size_t i = 0; i < by_child.code_count(); ++i) {
    const Code c = by_child.first_code() + static_cast<Code>(i);
    own.clear();
    for (const uint32_t r : by_child.of(c))
      if (!date.is_blank(r)) own.push_back({Date{date.ints[r]}, r});
    // Rows come in file order: a stable sort by date leaves a day's referrals in that order.
    if (!std::is_sorted(own.begin(), own.end(), by_date))
      std::stable_sort(own.begin(), own.end(), by_date);
    count_child(ctx, id, c, own, static_cast<int>(months), periods, ratios);
  }
  std::vector<Observation> out;
  for (Ratio& ratio : ratios) {
    if (undated) ratio.note(std::to_string(undated) + " referrals without a REFERRAL_DATE");
    if (no_child) ratio.note(std::to_string(no_child) + " referrals without a CHILD");
    out.push_back(ratio.percent());
  }
  return out;
}

}  // namespace scorecard::plugins
