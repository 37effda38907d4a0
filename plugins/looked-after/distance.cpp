// Definition: ../shared/DATA.md indicator 6 and counting rule 5; DfE SSDA903 placement
// distance (PL_DISTANCE, else HOME_POST to PL_POST), "placed more than 20 miles from home".
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "family.hpp"
#include "looked_after.hpp"

namespace scorecard::plugins::looked_after {
namespace {

constexpr double kEarthRadiusMiles = 3958.8;

struct LatLon {
  double latitude = 0, longitude = 0;
};

// Great-circle distance in miles (haversine), rule 5.
double great_circle_miles(LatLon a, LatLon b) {
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  const double dlat = (b.latitude - a.latitude) * kRadians;
  const double dlon = (b.longitude - a.longitude) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude * kRadians) * std::cos(b.latitude * kRadians) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMiles * std::asin(std::sqrt(std::min(1.0, h)));
}

// A postcode upper-case without spaces (rule 5), written into `out` (reused, so no allocation
// once it has grown to a postcode's length).
void postcode_key(std::string_view text, std::string& out) {
  out.clear();
  for (char ch : text) {
    if (ch == ' ' || ch == '\t') continue;
    out.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
  }
}

// The postcode centroids file, read once per calculate call; a postcode's centroid is looked
// up once per distinct postcode in the episodes.
class Centroids {
 public:
  Centroids(const StringPool& pool, const Table* table) : pool_(pool) {
    if (!table) return;
    const Column& postcode = table->column("POSTCODE");
    const Column& latitude = table->column("LATITUDE");
    const Column& longitude = table->column("LONGITUDE");
    by_postcode_.reserve(table->rows);
    for (size_t r = 0; r < table->rows; ++r) {
      const auto lat = latitude.number(r), lon = longitude.number(r);
      if (!lat || !lon || postcode.is_blank(r)) continue;
      postcode_key(pool.text(postcode.code(r)), key_);
      by_postcode_[key_] = LatLon{*lat, *lon};
    }
  }

  std::optional<LatLon> find(Code postcode) {
    if (postcode == kBlankCode) return std::nullopt;
    auto [it, added] = cache_.emplace(postcode, std::nullopt);
    if (added) {
      postcode_key(pool_.text(postcode), key_);
      auto found = by_postcode_.find(key_);
      if (found != by_postcode_.end()) it->second = found->second;
    }
    return it->second;
  }

 private:
  const StringPool& pool_;
  std::unordered_map<std::string, LatLon> by_postcode_;
  std::unordered_map<Code, std::optional<LatLon>> cache_;
  std::string key_;
};

// The episode's distance from home in miles: PL_DISTANCE, else from the centroids of HOME_POST
// and PL_POST; empty when neither is known.
std::optional<double> distance_of(const Episode& e, Centroids& centroids) {
  if (e.distance) return e.distance;
  const auto home = centroids.find(e.home_post);
  const auto placed = centroids.find(e.pl_post);
  if (!home || !placed) return std::nullopt;
  return great_circle_miles(*home, *placed);
}

// The episode open at d, taking short breaks too when they are not excluded.
const Episode* placement_at(const ChildCare& c, Date d, bool with_short_breaks) {
  if (const Episode* e = episode_at(c, d)) return e;
  if (with_short_breaks)
    for (const Episode& e : c.short_breaks)
      if (e.open_at(d)) return &e;
  return nullptr;
}

// The child's first RNE S episode starting in [from, to] (rule 5, `entered_in_period`).
const Episode* first_start_in(const ChildCare& c, Date from, Date to, const CodeSet& start_rne,
                              bool with_short_breaks) {
  const Episode* first = nullptr;
  auto consider = [&](const Span<Episode>& episodes) {
    for (const Episode& e : episodes)
      if (from <= e.start && e.start <= to && start_rne.contains(e.rne) &&
          (!first || e.start < first->start))
        first = &e;
  };
  consider(c.episodes);
  if (with_short_breaks) consider(c.short_breaks);
  return first;
}

std::vector<DatasetNeed> distance_needs(bool uasc_optional) {
  return {episodes_need({{"RNE", ColumnType::kCode},
                         {"PLACE", ColumnType::kCode},
                         {"HOME_POST", ColumnType::kString},
                         {"PL_POST", ColumnType::kString},
                         {"PL_DISTANCE", ColumnType::kDecimal, true}}),
          {"uasc", {{"CHILD", ColumnType::kString}, {"DUC", ColumnType::kDate}}, uasc_optional},
          {"postcode_centroids",
           {{"POSTCODE", ColumnType::kString},
            {"LATITUDE", ColumnType::kDecimal},
            {"LONGITUDE", ColumnType::kDecimal}},
           true}};
}

}  // namespace

Metadata PlacedOverMiles::metadata() const {
  Metadata m;
  m.id = "cla.placed_over_20_miles";
  m.code = "CLA over 20 miles";
  m.name = "Children looked after placed more than 20 miles from home";
  m.description =
      "Of the children looked after on the last day of the period, the percentage whose "
      "placement is more than 20 miles from the home they came into care from. Unaccompanied "
      "asylum-seeking children, children placed with their parents and short breaks are left "
      "out, and so are children whose distance is not known (counted in a note).";
  m.definition_source =
      "DfE SSDA903 placement distance (PL_DISTANCE; HOME_POST and PL_POST), children placed more "
      "than 20 miles from home; DATA.md indicator 6 and rule 5";
  m.theme = kThemeLookedAfter;
  m.unit = Unit::kPercent;
  m.polarity = Polarity::kLowerIsBetter;
  m.period_kind = PeriodKind::kSnapshot;
  m.decimals = 1;
  m.parameters = {
      {"miles", ParamType::kDecimal, 20.0, "Placed strictly more than this many miles from home"},
      {"entered_in_period", ParamType::kBoolean, false,
       "Count the children who started to be looked after in the period, at their first "
       "placement, instead of those looked after at the as-at date"},
      {"exclude_uasc", ParamType::kBoolean, true,
       "Leave out unaccompanied asylum-seeking children (needs the uasc dataset)"},
      {"exclude_placed_with_parents", ParamType::kBoolean, true,
       "Leave out children placed with their parents (PLACE P1)"},
      {"exclude_short_breaks", ParamType::kBoolean, true,
       "Leave out short breaks (LS V3/V4); when false a child on a short break is counted"},
  };
  m.needs = distance_needs(/*uasc_optional=*/true);
  return m;
}

std::vector<DatasetNeed> PlacedOverMiles::needs(const Parameters& params) const {
  return distance_needs(/*uasc_optional=*/!params.flag("exclude_uasc"));
}

std::vector<Observation> PlacedOverMiles::calculate(const Context& ctx,
                                                    const std::vector<Period>& periods) const {
  const Parameters& params = ctx.params();
  const double miles = params.number("miles");
  if (!(miles >= 0)) throw std::invalid_argument("parameter 'miles' must be 0 or more");
  const bool entered = params.flag("entered_in_period");
  const bool exclude_uasc = params.flag("exclude_uasc");
  const bool exclude_parents = params.flag("exclude_placed_with_parents");
  const bool with_short_breaks = !params.flag("exclude_short_breaks");
  const Table* uasc_table = exclude_uasc ? &ctx.table("uasc") : nullptr;
  const UascIndex uasc = uasc_table ? UascIndex::build(*uasc_table) : UascIndex();
  const CodeSet with_parents = ctx.codes({"P1"});
  const CodeSet start_rne = ctx.codes({"S"});
  Centroids centroids(ctx.strings(), ctx.find_table("postcode_centroids"));
  // One pass over the children for every period (each period's children still in order).
  const size_t n = periods.size();
  std::vector<Ratio> ratios(n, Ratio(ctx.want_records()));
  std::vector<long> uasc_out(n, 0), parents_out(n, 0), unknown(n, 0);
  for (const ChildCare& c : ctx.care().children) {
    for (size_t k = 0; k < n; ++k) {
      const Period& p = periods[k];
      const Episode* e = entered ? first_start_in(c, p.start, p.end, start_rne, with_short_breaks)
                                 : placement_at(c, p.as_at(), with_short_breaks);
      if (!e) continue;
      if (exclude_uasc && uasc.at(c.child, entered ? e->start : p.as_at())) {
        ++uasc_out[k];
        continue;
      }
      if (exclude_parents && with_parents.contains(e->place)) {
        ++parents_out[k];
        continue;
      }
      const std::optional<double> distance = distance_of(*e, centroids);
      if (!distance) {
        ++unknown[k];
        continue;
      }
      ratios[k].count(ctx.record(c.child), *distance > miles);
    }
  }
  std::vector<Observation> out;
  for (size_t k = 0; k < n; ++k) {
    Observation o = ratios[k].percent();
    if (exclude_uasc) o.notes.push_back(std::to_string(uasc_out[k]) + " UASC left out");
    if (exclude_parents)
      o.notes.push_back(std::to_string(parents_out[k]) + " children placed with parents left out");
    o.notes.push_back(std::to_string(unknown[k]) +
                      " children whose distance is unknown left out (no PL_DISTANCE, and no "
                      "centroid for HOME_POST or PL_POST)");
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace scorecard::plugins::looked_after
