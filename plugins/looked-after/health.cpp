// Definition: ../shared/DATA.md indicator 13 and counting rule 8; DfE SSDA903 OC2 return
// (children looked after continuously for 12 months at 31 March: health assessments and
// dental checks), "Outcomes for children looked after by local authorities".
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "family.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

// OC2's flag for each child and collection year: true when any row of that child and YEAR has
// the flag set to 1. Rows with no YEAR (a single year's return) belong to `undated_year`. A
// sorted array, not a node-based map: a node per OC2 row cost seconds at national scale.
struct Oc2Flags {
  std::vector<std::pair<uint64_t, bool>> by_child_year;  // sorted by key, one entry per key
  std::unordered_set<int> years;                         // YEARs with at least one row
  long undated_rows = 0;

  static uint64_t key(Code child, int year) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(child)) << 32) |
           static_cast<uint32_t>(year);
  }
  Oc2Flags(const Table& oc2, const char* flag_column, int undated_year) {
    const Column& child = oc2.column("CHILD");
    const Column* year = oc2.find("YEAR");
    const Column& flag = oc2.column(flag_column);
    by_child_year.reserve(oc2.rows);
    int last_year = 0;
    for (size_t r = 0; r < oc2.rows; ++r) {
      const std::optional<int64_t> y = year ? year->integer(r) : std::nullopt;
      if (!y) ++undated_rows;
      const int row_year = y ? static_cast<int>(*y) : undated_year;
      if (r == 0 || row_year != last_year) years.insert(row_year);
      last_year = row_year;
      by_child_year.emplace_back(key(child.code(r), row_year), flag.flag(r).value_or(false));
    }
    std::sort(by_child_year.begin(), by_child_year.end());
    size_t out = 0;
    for (size_t i = 0; i < by_child_year.size(); ++i) {
      if (out > 0 && by_child_year[out - 1].first == by_child_year[i].first)
        by_child_year[out - 1].second = by_child_year[out - 1].second || by_child_year[i].second;
      else
        by_child_year[out++] = by_child_year[i];
    }
    by_child_year.resize(out);
  }
  // The flag of the child and year, or nothing when OC2 has no row for them.
  const bool* find(Code child, int year) const {
    const uint64_t k = key(child, year);
    auto it = std::lower_bound(
        by_child_year.begin(), by_child_year.end(), k,
        [](const std::pair<uint64_t, bool>& e, uint64_t x) { return e.first < x; });
    return it != by_child_year.end() && it->first == k ? &it->second : nullptr;
  }
};

// Each OC2 collection year's figure: the cohort of rule 8, and those whose flag is 1. The
// years are counted in one walk of the children (a child's periods of care found once), not
// one walk per year.
std::map<int, Observation> year_figures(const Context& ctx, const Oc2Flags& flags,
                                        const std::set<int>& years, const char* flag_column) {
  struct Year {
    int year;
    Date first, last;  // 1 April and 31 March of the collection year
    Ratio ratio;
    long without_row = 0;
  };
  std::vector<Year> counted;
  for (const int year : years)
    counted.push_back({year, Date::from_ymd(year - 1, 4, 1), Date::from_ymd(year, 3, 31),
                       Ratio(ctx.want_records())});
  const CodeSet start_rne = ctx.codes({"S"});
  std::vector<PeriodOfCare> care_periods;
  for (const ChildCare& c : ctx.care().children) {
    bool indexed = false;
    for (Year& y : counted) {
      if (!looked_after_at(c, y.first) || !looked_after_at(c, y.last)) continue;
      if (!indexed) {
        periods_of_care(c, start_rne, care_periods);
        indexed = true;
      }
      if (!looked_after_12_months_at_31_march(c, y.year, care_periods)) continue;
      const bool* flag = flags.find(c.child, y.year);
      if (!flag) ++y.without_row;
      y.ratio.count(ctx.record(c.child), flag && *flag);
    }
  }
  std::map<int, Observation> out;
  for (const Year& y : counted) {
    Observation o = y.ratio.percent();
    const std::string year = std::to_string(y.year);
    if (!flags.years.count(y.year)) {
      o.value.reset();
      o.notes.push_back("no OC2 rows for YEAR " + year + ", so no figure");
    } else if (y.without_row > 0) {
      o.notes.push_back(std::to_string(y.without_row) +
                        " children in the cohort have no OC2 row for YEAR " + year +
                        " and count as without " + flag_column);
    }
    if (flags.undated_rows > 0)
      o.notes.push_back(std::to_string(flags.undated_rows) +
                        " OC2 rows without YEAR were read as the latest year asked for");
    out.emplace(y.year, std::move(o));
  }
  return out;
}

// Rule 8: each period reads the OC2 collection year of the reporting year containing it.
std::vector<Observation> oc2_percent(const Context& ctx, const std::vector<Period>& periods,
                                     const char* flag_column) {
  std::set<int> years;
  for (const Period& p : periods) years.insert(collection_year(p.end));
  const int latest = years.empty() ? 0 : *years.rbegin();
  const Oc2Flags flags(ctx.table("oc2"), flag_column, latest);
  const std::map<int, Observation> by_year = year_figures(ctx, flags, years, flag_column);
  std::vector<Observation> out;
  for (const Period& p : periods) out.push_back(by_year.at(collection_year(p.end)));
  return out;
}

Metadata oc2_metadata(const char* flag_column) {
  Metadata m;
  m.definition_source =
      "DfE SSDA903 OC2 (children looked after continuously for 12 months at 31 March), "
      "\"Outcomes for children looked after by local authorities\"; DATA.md indicator 13 and "
      "rule 8";
  m.theme = kThemeHealth;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kYearToDate;
  m.decimals = 1;
  m.needs = {episodes_need({{"RNE", ColumnType::kCode}}),
             {"oc2",
              {{"CHILD", ColumnType::kString},
               {"YEAR", ColumnType::kInteger, true},
               {flag_column, ColumnType::kBoolean}},
              false}};
  return m;
}

}  // namespace

Metadata HealthAssessments::metadata() const {
  Metadata m = oc2_metadata("HEALTH_ASSESSMENT");
  m.id = "cla.health_assessments";
  m.code = "OC2 health assessments";
  m.name = "Children looked after for a year whose health assessment is up to date";
  m.description =
      "Of the children looked after continuously for 12 months at 31 March (not counting short "
      "breaks), the percentage whose annual health assessment was up to date (OC2 return). A "
      "quarter or month reads the year ending on the following 31 March.";
  return m;
}

std::vector<Observation> HealthAssessments::calculate(const Context& ctx,
                                                      const std::vector<Period>& periods) const {
  return oc2_percent(ctx, periods, "HEALTH_ASSESSMENT");
}

Metadata DentalChecks::metadata() const {
  Metadata m = oc2_metadata("TEETH_CHECK");
  m.id = "cla.dental_checks";
  m.code = "OC2 dental checks";
  m.name = "Children looked after for a year whose teeth have been checked";
  m.description =
      "Of the children looked after continuously for 12 months at 31 March (not counting short "
      "breaks), the percentage who had their teeth checked by a dentist in the year (OC2 "
      "return). A quarter or month reads the year ending on the following 31 March.";
  return m;
}

std::vector<Observation> DentalChecks::calculate(const Context& ctx,
                                                 const std::vector<Period>& periods) const {
  return oc2_percent(ctx, periods, "TEETH_CHECK");
}

}  // namespace scorecard::plugins::looked_after
