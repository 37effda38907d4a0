// Definition: ../shared/DATA.md, indicator 15 and counting rule 10; DfE "Characteristics of
// children in need": referrals within 12 months of a previous referral.
#include <stdexcept>
#include <string>

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

// For each referral (in the order of `rows`), whether it is a re-referral (rule 10): the
// child's latest referral with a strictly earlier date falls on or after the date `months`
// calendar months before this one. NFA referrals are referrals like any other.
std::vector<bool> rereferral_flags(const std::vector<DatedRow>& rows, int months) {
  std::vector<bool> flags(rows.size());
  bool has_earlier = false;
  Date earlier;  // the child's latest referral date before rows[i]'s, when has_earlier
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].child != rows[i - 1].child) {
      has_earlier = false;
    } else if (rows[i].date != rows[i - 1].date) {
      has_earlier = true;
      earlier = rows[i - 1].date;
    }
    flags[i] = has_earlier && earlier >= rows[i].date.add_months(-months);
  }
  return flags;
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
  long undated = 0;
  const std::vector<DatedRow> rows = rows_by_child(referrals, referrals.column("CHILD"),
                                                   referrals.column("REFERRAL_DATE"), undated);
  const std::vector<bool> rereferral = rereferral_flags(rows, static_cast<int>(months));
  // One pass over the referrals for every period (each period's referrals still in order).
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t k = 0; k < periods.size(); ++k)
      if (periods[k].contains(rows[i].date))
        ratios[k].count(record_id(ctx, id, rows[i]), rereferral[i]);
  std::vector<Observation> out;
  for (Ratio& ratio : ratios) {
    if (undated) ratio.note(std::to_string(undated) + " referrals without a REFERRAL_DATE");
    out.push_back(ratio.percent());
  }
  return out;
}

}  // namespace scorecard::plugins
