#include "core/cli/demo/authority.hpp"

namespace scorecard::demo {

Span make_span(const DemoOptions& o) {
  Span s;
  s.to = o.data_to;
  s.from = o.data_to.add_months(-12 * o.years);
  s.detail_from = std::max(s.from, o.data_to.add_months(-48));
  // The first reporting year that starts after the span's start, the last that ends by data_to.
  const Date first_day = s.from.add_days(1);
  s.first_year = collection_year(first_day) + (reporting_year_start(first_day) < first_day);
  s.last_year = collection_year(o.data_to);
  if (Date::from_ymd(s.last_year, 3, 31) > o.data_to) --s.last_year;
  return s;
}

namespace {

// Schools and early-years settings, one per so many children of the population, inspected by
// Ofsted every few years (sooner after a poor grade): about 95% of early-years settings and
// 85-90% of schools good or outstanding at their latest inspection.
struct SettingType {
  Code name;
  long children_per_setting;
  Weighted<int> grades[4];
};
constexpr SettingType kSettingTypes[] = {
    {"EARLY_YEARS", 450, {{1, 16}, {2, 76}, {3, 6}, {4, 2}}},
    {"PRIMARY", 520, {{1, 14}, {2, 66}, {3, 16}, {4, 4}}},
    {"SECONDARY", 2900, {{1, 18}, {2, 46}, {3, 26}, {4, 10}}},
    {"SPECIAL", 9000, {{1, 30}, {2, 56}, {3, 10}, {4, 4}}},
};
constexpr Days kReinspection[] = {{1, 1800, 3000}, {1, 1100, 1800}, {1, 500, 900}, {1, 150, 500}};

void write_inspections(Random& r, CsvFile& out, const Span& span, const SettingType& type,
                       std::string_view urn) {
  int grade = pick(r, type.grades);
  Date on = r.chance(0.9) ? after(r, span.from, -1800, 0)  // open before the span
                          : after(r, span.from, 200, std::max(200, span.to - span.from));
  while (on <= span.to) {
    out.text(urn).text(type.name).date(on).number(grade).end_row();
    const Days& gap = kReinspection[grade - 1];
    on = after(r, on, gap.lo, gap.hi);
    grade = grade >= 3 && r.chance(0.45) ? 2 : pick(r, type.grades);
  }
}

}  // namespace

void write_schools(CsvFile& out, uint64_t seed, const Span& span, long population) {
  long index = 0, early_years_urn = 400000, school_urn = 110000;
  char urn[24];
  for (const SettingType& type : kSettingTypes) {
    const long count = population > 0 ? std::max(1L, population / type.children_per_setting) : 0;
    const bool early_years = std::string_view(type.name) == "EARLY_YEARS";
    for (long i = 0; i < count; ++i) {
      Random r(seed, kSchool, static_cast<uint64_t>(++index));
      long& next = early_years ? early_years_urn : school_urn;
      next += 1 + r.below(early_years ? 8 : 3);
      std::snprintf(urn, sizeof urn, "%s%06ld", early_years ? "EY" : "", next);
      write_inspections(r, out, span, type, urn);
    }
  }
}

// Fostering households, about 1.35 foster children each, in-house and agency (IFA) as the
// foster placements are; each is deregistered after about eight years (12% a year) and
// replaced a few months later, so about 12% of in-house households are new each year.
void write_foster_carers(CsvFile& out, uint64_t seed, const Span& span, long looked_after) {
  const long in_house = std::lround(looked_after * 0.72 * 0.55 / 1.35);
  const long agency = std::lround(looked_after * 0.72 * 0.45 / 1.35);
  long carer = 0;
  for (long h = 0; h < in_house + agency; ++h) {
    Random r(seed, kCarer, static_cast<uint64_t>(h));
    const Code provider = h < in_house ? "IN_HOUSE" : "IFA";
    for (Date approved = after(r, span.from, -3650, -1); approved <= span.to;) {
      std::optional<Date> ended;
      for (Date m = std::max(approved, span.from); !ended && m <= span.to; m = m.add_days(30)) {
        if (r.chance(0.12 / 12)) ended = std::max(approved.add_days(1), after(r, m, 0, 29));
      }
      out.id("F", ++carer, 5).text(provider).date(approved);
      out.date(ended ? span.known(*ended) : std::nullopt).end_row();
      if (!ended) break;
      approved = after(r, *ended, 30, 240);
    }
  }
}

}  // namespace scorecard::demo
