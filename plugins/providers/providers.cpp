// Definition: ../shared/DATA.md, indicators 21 (EA3) and 22, counting rule 16; Ofsted
// inspection outcomes (overall effectiveness 1 outstanding, 2 good, 3 requires improvement,
// 4 inadequate).
#include "providers.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace scorecard::plugins {
namespace {

const char* const kTheme = "Providers and foster carers";

// Gives each distinct identifier (URN, CARER_ID) a dense slot 0, 1, 2 ... so the per-period
// passes work on arrays, not on strings or hash maps.
class Slots {
 public:
  explicit Slots(size_t expected) { index_.reserve(expected); }
  uint32_t of(Code id) {
    auto [it, inserted] = index_.emplace(id, static_cast<uint32_t>(ids_.size()));
    if (inserted) ids_.push_back(id);
    return it->second;
  }
  size_t size() const { return ids_.size(); }
  Code id(uint32_t slot) const { return ids_[slot]; }

 private:
  std::unordered_map<Code, uint32_t> index_;
  std::vector<Code> ids_;
};

// One inspection of a setting of the chosen type, in file order.
struct Inspection {
  Date date;
  uint32_t setting;  // its URN's slot
  bool good_or_better;
};

}  // namespace

Metadata ProvidersGoodOrBetter::metadata() const {
  Metadata m;
  m.id = "providers.good_or_better";
  m.code = "EA3";
  m.name = "Early years settings judged good or outstanding";
  m.description =
      "Of the settings of the chosen type (early years by default) that Ofsted has inspected, "
      "the percentage whose most recent inspection up to the period end judged them good or "
      "outstanding.";
  m.definition_source =
      "Ofsted inspection outcomes (overall effectiveness); EA3 for early years settings; "
      "DATA.md indicator 21";
  m.theme = kTheme;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"setting_type", ParamType::kString, std::string("EARLY_YEARS"),
       "SETTING_TYPE counted: EARLY_YEARS (code EA3), PRIMARY, SECONDARY or SPECIAL; give the "
       "use its own code and name in YAML for a type other than early years"},
  };
  m.needs = {{"providers",
              {{"URN", ColumnType::kString},
               {"SETTING_TYPE", ColumnType::kCode},
               {"INSPECTION_DATE", ColumnType::kDate},
               {"OVERALL_EFFECTIVENESS", ColumnType::kInteger}}}};
  return m;
}

std::vector<Observation> ProvidersGoodOrBetter::calculate(
    const Context& ctx, const std::vector<Period>& periods) const {
  const Table& table = ctx.table("providers");
  const CodeSet type = ctx.codes({ctx.params().text("setting_type")});
  const Column& urn = table.column("URN");
  const Column& setting_type = table.column("SETTING_TYPE");
  const Column& date = table.column("INSPECTION_DATE");
  const Column& grade = table.column("OVERALL_EFFECTIVENESS");

  // The inspections of this type that have a date and a judgement, found once.
  Slots settings(table.rows);
  std::vector<Inspection> inspections;
  long ungraded = 0;
  for (size_t r = 0; r < table.rows; ++r) {
    if (!type.contains(setting_type.code(r)) || urn.code(r) == kBlankCode) continue;
    const auto when = date.date(r);
    const auto judged = grade.integer(r);
    if (!when || !judged) {
      ++ungraded;
      continue;
    }
    inspections.push_back({*when, settings.of(urn.code(r)), *judged == 1 || *judged == 2});
  }

  std::vector<Observation> out;
  std::vector<int64_t> latest(settings.size());  // per setting: its latest inspection, or -1
  for (const Period& p : periods) {
    std::fill(latest.begin(), latest.end(), -1);
    for (size_t i = 0; i < inspections.size(); ++i) {
      const Inspection& each = inspections[i];
      if (each.date > p.as_at()) continue;  // not yet happened at the as-at date
      int64_t& l = latest[each.setting];
      // The latest date wins; of two on one day, the later row in the file.
      if (l < 0 || inspections[static_cast<size_t>(l)].date <= each.date)
        l = static_cast<int64_t>(i);
    }
    Ratio ratio(ctx.want_records());
    for (uint32_t s = 0; s < settings.size(); ++s) {
      if (latest[s] < 0) continue;  // not inspected by the as-at date
      ratio.count(ctx.want_records() ? ctx.text(settings.id(s)) : std::string_view{},
                  inspections[static_cast<size_t>(latest[s])].good_or_better);
    }
    if (ungraded > 0)
      ratio.note(std::to_string(ungraded) +
                 " rows without an inspection date or overall effectiveness left out");
    out.push_back(ratio.percent());
  }
  return out;
}

Metadata NewInHouseFosterCarers::metadata() const {
  Metadata m;
  m.id = "foster_carers.new_in_house";
  m.code = "FC NEW";
  m.name = "New in-house foster carers approved";
  m.description =
      "The number of the council's own (in-house) foster carers approved since 1 April, each "
      "carer counted once; carers of independent fostering agencies are not counted.";
  m.definition_source = "DATA.md indicator 22 and counting rule 16 (Ofsted fostering data)";
  m.theme = kTheme;
  m.unit = Unit::kCount;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kYearToDate;
  m.decimals = 0;
  m.parameters = {
      {"year_to_date", ParamType::kBoolean, true,
       "true: approvals from 1 April of the reporting year to the period's end; false: "
       "approvals within the period only (e.g. the quarter)"},
  };
  m.needs = {{"foster_carers",
              {{"CARER_ID", ColumnType::kString},
               {"PROVIDER", ColumnType::kCode},
               {"APPROVAL_DATE", ColumnType::kDate}}}};
  return m;
}

std::vector<Observation> NewInHouseFosterCarers::calculate(
    const Context& ctx, const std::vector<Period>& periods) const {
  const Table& table = ctx.table("foster_carers");
  const bool year_to_date = ctx.params().flag("year_to_date");
  const CodeSet in_house = ctx.codes({"IN_HOUSE"});
  const Column& carer = table.column("CARER_ID");
  const Column& provider = table.column("PROVIDER");
  const Column& approved = table.column("APPROVAL_DATE");

  // In-house approvals, found once: (date, carer slot).
  Slots carers(table.rows);
  std::vector<std::pair<Date, uint32_t>> approvals;
  for (size_t r = 0; r < table.rows; ++r) {
    const auto when = approved.date(r);
    if (!when || !in_house.contains(provider.code(r)) || carer.code(r) == kBlankCode) continue;
    approvals.emplace_back(*when, carers.of(carer.code(r)));
  }

  std::vector<Observation> out;
  std::vector<int64_t> counted_in(carers.size(), -1);  // per carer: the last period counted in
  for (size_t i = 0; i < periods.size(); ++i) {
    const Period& p = periods[i];
    const Date from = year_to_date ? reporting_year_start(p.as_at()) : p.start;
    Observation o;
    long count = 0;
    for (const auto& [when, slot] : approvals) {
      if (when < from || when > p.as_at()) continue;
      if (counted_in[slot] == static_cast<int64_t>(i)) continue;  // one carer, counted once
      counted_in[slot] = static_cast<int64_t>(i);
      ++count;
      if (ctx.want_records()) o.numerator_records.emplace_back(ctx.text(carers.id(slot)));
    }
    o.numerator = static_cast<double>(count);
    o.value = static_cast<double>(count);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace scorecard::plugins
