// Definition: ../shared/DATA.md indicators 7 (in-house foster care) and 8 (foster care or
// adoption at 10-16); DfE SSDA903 PLACE and PLACE_PROVIDER codes.
#include <string>
#include <vector>

#include "family.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

const std::vector<std::string> kFosterPlaces = {"U1", "U2", "U3", "U4", "U5", "U6"};
const std::vector<std::string> kAdoptionPlaces = {"A3", "A4", "A5", "A6"};

}  // namespace

Metadata InHouseFoster::metadata() const {
  Metadata m;
  m.id = "cla.in_house_foster";
  m.code = "CLA in-house foster";
  m.name = "Children looked after placed with the council's own foster carers";
  m.description =
      "Of the children looked after on the last day of the period, the percentage living with "
      "foster carers the council itself approved (not carers from an agency or another council).";
  m.definition_source =
      "DfE SSDA903 placement (U1-U6) and placement provider (PR1 own provision); DATA.md "
      "indicator 7";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.needs = {episodes_need({{"PLACE", ColumnType::kCode}, {"PLACE_PROVIDER", ColumnType::kCode}})};
  return m;
}

std::vector<Observation> InHouseFoster::calculate(const Context& ctx,
                                                  const std::vector<Period>& periods) const {
  const CodeSet foster = ctx.codes(kFosterPlaces);
  const CodeSet own_provision = ctx.codes({"PR1"});
  std::vector<Ratio> ratios(periods.size(), Ratio(ctx.want_records()));
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < periods.size(); ++k) {
      const Episode* e = episode_at(c, periods[k].as_at());
      if (!e) continue;
      ratios[k].count(ctx.record(c.child),
                      foster.contains(e->place) && own_provision.contains(e->provider));
    }
  std::vector<Observation> out;
  for (const Ratio& ratio : ratios) out.push_back(ratio.percent());
  return out;
}

Metadata FosterOrAdoption10To16::metadata() const {
  Metadata m;
  m.id = "cla.foster_or_adoption_10_16";
  m.code = "CLA 10-16 family placement";
  m.name = "Children aged 10 to 16 looked after in foster care or placed for adoption";
  m.description =
      "Of the children aged 10 to 16 looked after on the last day of the period, the percentage "
      "living in a family: with foster carers (including relatives and friends) or placed for "
      "adoption, rather than in a children's home or other setting.";
  m.definition_source =
      "DfE SSDA903 placement codes U1-U6 (foster) and A3-A6 (placed for adoption); DATA.md "
      "indicator 8";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kHigherIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"min_age", ParamType::kInteger, int64_t{10},
       "Youngest age counted (whole years at the as-at date)"},
      {"max_age", ParamType::kInteger, int64_t{16},
       "Oldest age counted, inclusive (whole years at the as-at date)"},
  };
  m.needs = {episodes_need({{"PLACE", ColumnType::kCode}}), header_dob_need()};
  return m;
}

std::vector<Observation> FosterOrAdoption10To16::calculate(
    const Context& ctx, const std::vector<Period>& periods) const {
  const int min_age = integer_at_least(ctx.params(), "min_age", 0);
  const int max_age = integer_at_least(ctx.params(), "max_age", min_age);
  const CodeSet foster = ctx.codes(kFosterPlaces);
  const CodeSet adoption = ctx.codes(kAdoptionPlaces);
  const size_t n = periods.size();
  std::vector<Ratio> ratios(n, Ratio(ctx.want_records()));
  std::vector<long> no_dob(n, 0);
  for (const ChildCare& c : ctx.care().children)
    for (size_t k = 0; k < n; ++k) {
      const Episode* e = episode_at(c, periods[k].as_at());
      if (!e) continue;
      if (!c.dob) {
        ++no_dob[k];
        continue;
      }
      const int age = age_on(*c.dob, periods[k].as_at());
      if (age < min_age || age > max_age) continue;
      ratios[k].count(ctx.record(c.child),
                      foster.contains(e->place) || adoption.contains(e->place));
    }
  std::vector<Observation> out;
  for (size_t k = 0; k < n; ++k) {
    Observation o = ratios[k].percent();
    if (no_dob[k] > 0)
      o.notes.push_back(std::to_string(no_dob[k]) +
                        " children looked after with no date of birth in the header left out");
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace scorecard::plugins::looked_after
