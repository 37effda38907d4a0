// Definition: ../shared/DATA.md indicators 1-3 (CLA, the rate per 10,000, starts and
// ceased) and counting rules 6 and 18; DfE "Children looked after in England" (SSDA903).
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "family.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

// One breakdown dimension of cla.count: children counted by category label. Labels point into
// static text or the run's string pool, so counting a child allocates nothing.
struct Dimension {
  struct Cell {
    std::string_view label;
    long children = 0;
  };
  std::string_view name;
  bool sort_by_label = false;  // codes (PLACE, LS) in alphabetical order; fixed lists as given
  std::vector<Cell> cells;

  void add(std::string_view label) {
    for (Cell& cell : cells)
      if (cell.label == label) {
        ++cell.children;
        return;
      }
    cells.push_back({label, 1});
  }
  void append_to(Observation& o) {
    if (sort_by_label)
      std::sort(cells.begin(), cells.end(),
                [](const Cell& a, const Cell& b) { return a.label < b.label; });
    for (const Cell& cell : cells) {
      const double n = static_cast<double>(cell.children);
      o.breakdowns.push_back({std::string(name), std::string(cell.label), n, std::nullopt, n});
    }
  }
};

constexpr std::string_view kNotKnown = "Not known";

Dimension fixed(std::string_view name, std::vector<std::string_view> categories) {
  Dimension d{name, false, {}};
  for (auto c : categories) d.cells.push_back({c, 0});
  return d;
}

// The breakdowns of rule 18, in the order a board reads them. Sex, age and ethnicity come from
// the header and UASC from the uasc table, each only when that table is loaded.
struct CountBreakdowns {
  enum { kSex, kAge, kEthnicity, kPlacement, kLegalStatus, kUasc };
  std::vector<Dimension> dimensions;

  CountBreakdowns() {
    dimensions.push_back(fixed("sex", {"Male", "Female"}));
    dimensions.push_back(
        fixed("age band", {"Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"}));
    dimensions.push_back(fixed(
        "ethnicity", {"White", "Mixed", "Asian", "Black", "Other", "Refused or not obtained"}));
    dimensions.push_back({"placement group", true, {}});
    dimensions.push_back({"legal status", true, {}});
    dimensions.push_back(fixed("UASC", {"UASC", "Not UASC"}));
  }
};

// A code's text, or "Not known" for a blank cell.
std::string_view text_or_not_known(const Context& ctx, Code code) {
  return code == kBlankCode ? kNotKnown : ctx.text(code);
}

// Rule 6: children (not episodes) with an RNE S episode starting in the period.
bool started_in(const ChildCare& c, const Period& p, const CodeSet& start_rne) {
  for (const Episode& e : c.episodes)
    if (p.contains(e.start) && start_rne.contains(e.rne)) return true;
  return false;
}

// Rule 6, as VP7: children with an episode ending in the period whose REC is not X1 (an
// episode that ends with a new one starting the same day is not a ceasing).
bool ceased_in(const ChildCare& c, const Period& p, const CodeSet& continues) {
  for (const Episode& e : c.episodes)
    if (e.end && p.contains(*e.end) && !continues.contains(e.rec)) return true;
  return false;
}

Metadata events_metadata(const char* id, const char* code, const char* name,
                         const char* description) {
  Metadata m;
  m.id = id;
  m.code = code;
  m.name = name;
  m.description = description;
  m.definition_source = "DfE SSDA903 children looked after; DATA.md indicator 3, rule 6";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kCount;
  m.polarity = Polarity::kNeutral;
  m.period_kind = PeriodKind::kEventsWithin;
  m.decimals = 0;
  return m;
}

}  // namespace

Metadata Count::metadata() const {
  Metadata m;
  m.id = "cla.count";
  m.code = "CLA";
  m.name = "Children looked after";
  m.description =
      "The number of children the council looked after on the last day of the period. Children "
      "who only have short breaks are not counted.";
  m.definition_source =
      "DfE SSDA903 children looked after at 31 March; DATA.md indicator 1 and rule 18";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kCount;
  m.polarity = Polarity::kNeutral;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 0;
  m.needs = {episodes_need({{"PLACE", ColumnType::kCode}}),
             {"header",
              {{"CHILD", ColumnType::kString},
               {"SEX", ColumnType::kCode},
               {"DOB", ColumnType::kDate},
               {"ETHNIC", ColumnType::kCode}},
              true},
             {"uasc", {{"CHILD", ColumnType::kString}, {"DUC", ColumnType::kDate}}, true}};
  return m;
}

std::vector<Observation> Count::calculate(const Context& ctx,
                                          const std::vector<Period>& periods) const {
  const bool have_header = ctx.find_table("header") != nullptr;
  const Table* uasc_table = ctx.find_table("uasc");
  const UascIndex uasc = uasc_table ? UascIndex::build(*uasc_table) : UascIndex();
  const Code male = ctx.strings().find("1").value_or(-1);
  const Code female = ctx.strings().find("2").value_or(-1);
  // One pass over the children for every period (each period's children still in order).
  const size_t n = periods.size();
  std::vector<Ratio> ratios(n, Ratio(ctx.want_records()));
  std::vector<CountBreakdowns> breakdowns(n);
  for (const ChildCare& c : ctx.care().children) {
    for (size_t k = 0; k < n; ++k) {
      const Date as_at = periods[k].as_at();
      const Episode* e = episode_at(c, as_at);
      if (!e) continue;
      auto& d = breakdowns[k].dimensions;
      ratios[k].count(ctx.record(c.child), true);
      if (have_header) {
        d[CountBreakdowns::kSex].add(c.sex == male     ? "Male"
                                     : c.sex == female ? "Female"
                                                       : kNotKnown);
        d[CountBreakdowns::kAge].add(c.dob ? age_band(age_on(*c.dob, as_at)) : kNotKnown);
        d[CountBreakdowns::kEthnicity].add(ethnicity_group(ctx.text(c.ethnic)));
      }
      d[CountBreakdowns::kPlacement].add(e->place == kBlankCode ? kNotKnown
                                                                : ctx.text(e->place).substr(0, 1));
      d[CountBreakdowns::kLegalStatus].add(text_or_not_known(ctx, e->ls));
      if (uasc_table) d[CountBreakdowns::kUasc].add(uasc.at(c.child, as_at) ? "UASC" : "Not UASC");
    }
  }
  std::vector<Observation> out;
  for (size_t k = 0; k < n; ++k) {
    auto& d = breakdowns[k].dimensions;
    Observation o = ratios[k].count();
    for (size_t i = 0; i < d.size(); ++i) {
      const bool from_header = i <= CountBreakdowns::kEthnicity;
      if ((from_header && !have_header) || (i == CountBreakdowns::kUasc && !uasc_table)) continue;
      d[i].append_to(o);
    }
    if (!have_header) o.notes.push_back("no header dataset: no breakdown by sex, age or ethnicity");
    if (!uasc_table) o.notes.push_back("no uasc dataset: no UASC breakdown");
    out.push_back(std::move(o));
  }
  return out;
}

Metadata Rate::metadata() const {
  Metadata m;
  m.id = "cla.rate";
  m.code = "CLA rate";
  m.name = "Children looked after per 10,000 children";
  m.description =
      "Children looked after on the last day of the period for every 10,000 children aged 0-17 "
      "living in the area, so that councils of different sizes can be compared.";
  m.definition_source =
      "DfE \"Children looked after in England\" rate per 10,000 children aged under 18; DATA.md "
      "indicator 2";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kRatePer10000;
  m.polarity = Polarity::kNeutral;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.needs = {episodes_need()};
  return m;
}

std::vector<Observation> Rate::calculate(const Context& ctx,
                                         const std::vector<Period>& periods) const {
  const std::optional<double> population = ctx.authority().population_0_17;
  if (!population || *population <= 0)
    throw std::runtime_error(
        "cla.rate needs the authority's child population aged 0-17: set "
        "authority.population_0_17 (a positive number) in scorecard.yaml");
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < periods.size(); ++k)
      if (looked_after_at(c, periods[k].as_at())) ratios[k].count(ctx.record(c.child), true);
  std::vector<Observation> out;
  for (const Ratio& ratio : ratios) {
    Observation o = ratio.count();
    o.denominator = *population;
    o.value = static_cast<double>(ratio.numerator()) / *population * 10000.0;
    o.denominator_records.clear();  // the population has no records
    out.push_back(std::move(o));
  }
  return out;
}

Metadata Starts::metadata() const {
  Metadata m = events_metadata(
      "cla.starts", "CLA starts", "Children who started to be looked after",
      "The number of children who started to be looked after in the period (a child who "
      "started twice counts once).");
  m.needs = {episodes_need({{"RNE", ColumnType::kCode}})};
  return m;
}

std::vector<Observation> Starts::calculate(const Context& ctx,
                                           const std::vector<Period>& periods) const {
  const CodeSet start_rne = ctx.codes({"S"});
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < periods.size(); ++k)
      if (started_in(c, periods[k], start_rne)) ratios[k].count(ctx.record(c.child), true);
  std::vector<Observation> out;
  for (const Ratio& ratio : ratios) out.push_back(ratio.count());
  return out;
}

Metadata Ceased::metadata() const {
  Metadata m = events_metadata(
      "cla.ceased", "CLA ceased", "Children who ceased to be looked after",
      "The number of children who stopped being looked after in the period (a child who left "
      "twice counts once).");
  m.needs = {episodes_need({{"REC", ColumnType::kCode}})};
  return m;
}

std::vector<Observation> Ceased::calculate(const Context& ctx,
                                           const std::vector<Period>& periods) const {
  const CodeSet continues = ctx.codes({"X1"});
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < periods.size(); ++k)
      if (ceased_in(c, periods[k], continues)) ratios[k].count(ctx.record(c.child), true);
  std::vector<Observation> out;
  for (const Ratio& ratio : ratios) out.push_back(ratio.count());
  return out;
}

Metadata StartExitRatio::metadata() const {
  Metadata m = events_metadata(
      "cla.start_exit_ratio", "CLA start/exit", "Children starting care for each child leaving",
      "Children who started to be looked after in the period divided by children who ceased; "
      "above 1 the number in care is growing.");
  m.unit = Unit::kRatio;
  m.decimals = 2;
  m.needs = {episodes_need({{"RNE", ColumnType::kCode}, {"REC", ColumnType::kCode}})};
  return m;
}

std::vector<Observation> StartExitRatio::calculate(const Context& ctx,
                                                   const std::vector<Period>& periods) const {
  const CodeSet start_rne = ctx.codes({"S"});
  const CodeSet continues = ctx.codes({"X1"});
  const size_t n = periods.size();
  std::vector<Ratio> all_starts(n, Ratio(ctx.want_records()));
  std::vector<Ratio> all_ceased(n, Ratio(ctx.want_records()));
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < n; ++k) {
      if (started_in(c, periods[k], start_rne)) all_starts[k].count(ctx.record(c.child), true);
      if (ceased_in(c, periods[k], continues)) all_ceased[k].count(ctx.record(c.child), true);
    }
  std::vector<Observation> out;
  for (size_t k = 0; k < n; ++k) {
    const Ratio &starts = all_starts[k], &ceased = all_ceased[k];
    Observation o;
    o.numerator = static_cast<double>(starts.numerator());
    o.denominator = static_cast<double>(ceased.numerator());
    if (ceased.numerator() > 0) o.value = *o.numerator / *o.denominator;
    o.numerator_records = starts.count().numerator_records;
    o.denominator_records = ceased.count().numerator_records;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace scorecard::plugins::looked_after
