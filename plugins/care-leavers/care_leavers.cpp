// Definition: ../shared/DATA.md, indicator 12 and counting rule 8; the DfE SSDA903 OC3 return
// (care leavers' activity and accommodation around their 17th to 21st birthdays).
#include "care_leavers.hpp"

#include <map>
#include <stdexcept>
#include <string>

namespace scorecard::plugins {

Metadata CareLeaversEet::metadata() const {
  Metadata m;
  m.id = "care_leavers.eet";
  m.code = "EET";
  m.name = "Care leavers aged 19 to 21 in education, employment or training";
  m.description =
      "Of the care leavers whose 19th, 20th or 21st birthday fell in the collection year (OC3 "
      "return, excluding those who have died or returned home for 6 months or more), the "
      "percentage in education, employment or training, full or part time.";
  m.definition_source =
      "DfE SSDA903 OC3 care leavers' activity (Children looked after in England, care leavers "
      "in education, employment or training); DATA.md indicator 12, rule 8";
  m.theme = "Care leavers";
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kYearToDate;
  m.decimals = 1;
  m.parameters = {
      {"min_age", ParamType::kInteger, int64_t{19},
       "Youngest age reached on the birthday in the collection year (17 and 18 are also "
       "collected)"},
      {"max_age", ParamType::kInteger, int64_t{21},
       "Oldest age reached on the birthday in the collection year"},
      {"eet_codes", ParamType::kStringList,
       std::vector<std::string>{"F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"},
       "OC3 ACTIV codes that count as in education, employment or training"},
  };
  m.needs = {{"oc3",
              {{"CHILD", ColumnType::kString},
               {"DOB", ColumnType::kDate},
               {"IN_TOUCH", ColumnType::kCode},
               {"ACTIV", ColumnType::kCode},
               {"YEAR", ColumnType::kInteger, /*optional=*/true}}}};
  return m;
}

namespace {

// The age a care leaver reaches on their birthday in collection year `year` (1 April of
// year - 1 to 31 March of year): the whole years completed on that 31 March. A 29 February
// birthday is reached on 1 March in a non-leap year, still inside the same collection year.
int age_in_collection_year(Date dob, int year) { return age_on(dob, Date::from_ymd(year, 3, 31)); }

// One collection year's cohort as it is counted.
struct YearTally {
  int year;
  Ratio ratio;
  long died_or_home = 0;  // IN_TOUCH DIED or RHOM, in the age band: out of both sides
  long no_dob = 0;
};

struct Oc3Columns {
  const Column& child;
  const Column& dob;
  const Column& in_touch;
  const Column& activ;
  const Column* year;  // absent when the extract holds a single year
};

}  // namespace

std::vector<Observation> CareLeaversEet::calculate(const Context& ctx,
                                                   const std::vector<Period>& periods) const {
  const int64_t min_age = ctx.params().integer("min_age");
  const int64_t max_age = ctx.params().integer("max_age");
  if (min_age > max_age)
    throw std::invalid_argument("parameter 'min_age' (" + std::to_string(min_age) +
                                ") is above 'max_age' (" + std::to_string(max_age) + ")");
  const CodeSet eet = ctx.codes(ctx.params().list("eet_codes"));
  const CodeSet died_or_home = ctx.codes({"DIED", "RHOM"});
  const Table& oc3 = ctx.table("oc3");
  const Oc3Columns col{oc3.column("CHILD"), oc3.column("DOB"), oc3.column("IN_TOUCH"),
                       oc3.column("ACTIV"), oc3.find("YEAR")};

  // Rule 8: each period reads the collection year containing it (YEAR = the year its
  // reporting year ends); periods of the same year share one count.
  std::map<int, YearTally> tallies;
  for (const Period& p : periods) {
    const int year = collection_year(p.as_at());
    tallies.emplace(year, YearTally{year, Ratio(ctx.want_records())});
  }
  auto count = [&](YearTally& t, size_t r) {
    const std::optional<Date> dob = col.dob.date(r);
    if (!dob) {
      ++t.no_dob;
      return;
    }
    const int age = age_in_collection_year(*dob, t.year);
    if (age < min_age || age > max_age) return;
    if (died_or_home.contains(col.in_touch.code(r))) {
      ++t.died_or_home;
      return;
    }
    // Each row counts; a blank ACTIV stays in the denominator (rule 8).
    t.ratio.count(ctx.record(col.child.code(r)), eet.contains(col.activ.code(r)));
  };

  long no_year = 0;
  for (size_t r = 0; r < oc3.rows; ++r) {
    if (!col.year) {
      for (auto& [year, tally] : tallies) count(tally, r);
      continue;
    }
    const std::optional<int64_t> year = col.year->integer(r);
    if (!year) {
      ++no_year;
      continue;
    }
    auto it = tallies.find(static_cast<int>(*year));
    if (it != tallies.end()) count(it->second, r);
  }

  std::map<int, Observation> by_year;
  for (auto& [year, t] : tallies) {
    t.ratio.note(std::to_string(t.died_or_home) + " rows excluded: IN_TOUCH DIED or RHOM");
    if (t.no_dob) t.ratio.note(std::to_string(t.no_dob) + " rows without a DOB left out");
    if (no_year) t.ratio.note(std::to_string(no_year) + " rows with a blank YEAR left out");
    if (!col.year)
      t.ratio.note("OC3 has no YEAR column: every row is read as collection year " +
                   std::to_string(year));
    by_year.emplace(year, t.ratio.percent());
  }
  std::vector<Observation> out;
  for (const Period& p : periods) out.push_back(by_year.at(collection_year(p.as_at())));
  return out;
}

}  // namespace scorecard::plugins
