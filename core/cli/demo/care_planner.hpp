// demo: a child's care: periods of care (route into care, legal statuses, court case,
// outcome), placements with the authority's carers and settings, and SSDA903 episodes.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/cli/demo/authority.hpp"
#include "core/cli/demo/random.hpp"
#include "scorecard/date.hpp"

namespace scorecard::demo {

// A child's care: periods of care, each a run of legal statuses and placements, merged into
// SSDA903 episodes.

struct Placement {
  std::string_view place, provider, urn;
  int postcode = 0;

  bool foster() const { return starts_with(place, 'U'); }
  bool kinship() const { return place == "U1" || place == "U2" || place == "U3"; }
};

struct StatusFrom {
  Date from;
  Code ls;
};

struct PlacementFrom {
  Date from;
  Placement placement;
  bool same_carer;
  Code reason;  // REASON_PLACE_CHANGE
};

struct Episode {
  Date start, end;  // end: the next episode's DECOM, or the period's end
  Code rne, ls;
  Placement placement;
  Code reason;
};

enum class Route { kCourt, kVoluntary, kRemand, kAsylum, kShortBreaks };
enum class Outcome { kHome, kAdoption, kSpecialGuardianship, kChildArrangements, kAdult, kOther };

// Care proceedings: issued on or just before the interim care order (C1).
struct CourtCase {
  Code first_status;  // what the child is looked after under before the interim order
  Date interim_order, issue, final_order;
};

struct Adoption {
  Date decision;                 // DATE_INT, DATE_PLACED
  std::optional<Date> match;     // DATE_MATCH
  std::optional<Date> placed;    // moves in with the adopters (A3-A6)
  std::optional<Date> ceased;    // adopted, or the decision reversed
  Code ceased_reason = nullptr;  // E11/E12 adopted, RD1 reversed
  bool foster_carer = false;     // adopted by the foster carer (A3/A5, AD1 FOSTER_CARE 1)
  bool with_placement_order = true;
};

struct Period {
  Date start, end;  // end may be after data_to: still looked after
  Code rec = "E8";
  Route route = Route::kVoluntary;
  Outcome outcome = Outcome::kHome;
  std::vector<StatusFrom> statuses;
  std::vector<PlacementFrom> placements;
  std::vector<Episode> episodes;
  std::optional<CourtCase> court;
  std::optional<Adoption> adoption;
  std::optional<Date> with_parents;  // placed with parents (P1) from
  std::optional<Date> kinship_from;  // moves to relatives or friends (U3) on
};

struct Child {
  long number = 0;
  int sex = 1;
  Date dob;
  Code ethnic = "WBRI";
  Code cin = "N1";
  bool settled = true;  // placements rarely break down
  bool asylum = false;
  int home_post = 0;
  std::vector<Period> periods;
};

// PLACE at a first placement or a move, by age. U4/U1 (long-term foster) come mostly from a
// short-term placement (U6/U3) confirmed as long-term with the same carer.
inline constexpr Weighted<Code> kPlaceUnder10[] = {
    {"U6", 800}, {"U3", 90}, {"U4", 50}, {"K2", 15}, {"R1", 10}};
inline constexpr Weighted<Code> kPlace10To15[] = {{"U6", 560}, {"U3", 70}, {"U4", 50},
                                                  {"K2", 260}, {"R1", 15}, {"K1", 10}};
inline constexpr Weighted<Code> kPlace16Plus[] = {{"U6", 330}, {"U3", 40}, {"U4", 30}, {"K2", 200},
                                                  {"H5", 340}, {"P2", 50}, {"R1", 10}};
inline constexpr Weighted<Code> kAsylumPlaceUnder16[] = {{"U6", 650}, {"K2", 250}, {"U4", 100}};
inline constexpr Weighted<Code> kAsylumPlace16Plus[] = {{"H5", 550}, {"U6", 330}, {"K2", 120}};

// In-house (PR1) is about 55% of foster placements (kinship all in-house, others 46%).
inline constexpr Weighted<Code> kFosterProvider[] = {
    {"PR1", 46}, {"PR4", 48}, {"PR5", 3}, {"PR2", 3}};
inline constexpr Weighted<Code> kHomeProvider[] = {{"PR1", 20}, {"PR4", 72}, {"PR5", 8}};
inline constexpr Weighted<Code> kAdoptionProvider[] = {{"PR1", 65}, {"PR5", 30}, {"PR2", 5}};
// Where carers live: about 15% of children are placed over 20 miles from home.
inline constexpr Weighted<Zone> kInHouseZone[] = {{kBorough, 82}, {kNear, 15}, {kFar, 3}};
inline constexpr Weighted<Zone> kKinshipZone[] = {{kBorough, 68}, {kNear, 22}, {kFar, 10}};
inline constexpr Weighted<Zone> kAgencyZone[] = {{kBorough, 48}, {kNear, 40}, {kFar, 12}};
inline constexpr Weighted<Zone> kAdopterZone[] = {{kBorough, 40}, {kNear, 35}, {kFar, 25}};
inline constexpr Weighted<Zone> kSupportedZone[] = {{kBorough, 62}, {kNear, 28}, {kFar, 10}};
inline constexpr std::string_view kNoUrn = "XXXXXXX";

// Whom the authority places with, and where.
class Placements {
 public:
  Placements(const Geography& geo, const Settings& settings) : geo_(geo), settings_(settings) {}

  Placement choose(Random& r, const Child& c, Date on) const {
    const int age = age_on(c.dob, on);
    Code place = c.asylum ? (age < 16 ? pick(r, kAsylumPlaceUnder16) : pick(r, kAsylumPlace16Plus))
                 : age < 10 ? pick(r, kPlaceUnder10)
                 : age < 16 ? pick(r, kPlace10To15)
                            : pick(r, kPlace16Plus);
    return make(r, place);
  }

  Placement make(Random& r, std::string_view place) const {
    if (place == "U1" || place == "U2" || place == "U3") {
      return {place, "PR1", settings_.own_fostering, geo_.pick(r, kKinshipZone)};
    }
    if (starts_with(place, 'U')) return foster(r, place);
    if (place == "K2") return home(r, place);
    if (place == "R1") return at(r, place, "PR3", settings_.care_homes);
    if (place == "K1") return at(r, place, r.chance(0.5) ? "PR1" : "PR2", settings_.secure_homes);
    if (place == "H5")
      return {place, r.chance(0.8) ? "PR4" : "PR1", kNoUrn, geo_.pick(r, kSupportedZone)};
    return {place, "PR4", kNoUrn, geo_.pick(r, kSupportedZone)};  // P2 independent living
  }

  // Adopters found through the authority, a voluntary agency or another authority.
  Placement adopters(Random& r, std::string_view place) const {
    const Code provider = pick(r, kAdoptionProvider);
    const std::string_view p = provider;
    const std::string_view urn = p == "PR1"   ? std::string_view(settings_.own_adoption)
                                 : p == "PR5" ? one_of(r, settings_.voluntary_adoption)
                                              : one_of(r, settings_.other_adoption);
    return {place, provider, urn, geo_.pick(r, kAdopterZone)};
  }

  // A few days away (T0-T4): hospital, holiday, respite while the carer is away.
  Placement temporary(Random& r, const Placement& from) const {
    static constexpr Weighted<Code> kTemporary[] = {
        {"T0", 15}, {"T1", 20}, {"T2", 30}, {"T3", 25}, {"T4", 10}};
    const std::string_view place = pick(r, kTemporary);
    const std::string_view provider = place == "T1"   ? std::string_view("PR3")
                                      : place == "T2" ? std::string_view("PR0")
                                                      : from.provider;
    return {place, provider, kNoUrn, from.postcode};
  }

 private:
  Placement foster(Random& r, std::string_view place) const {
    const Code provider = pick(r, kFosterProvider);
    const std::string_view p = provider;
    if (p == "PR1") return {place, provider, settings_.own_fostering, geo_.pick(r, kInHouseZone)};
    if (p == "PR2")
      return {place, provider, one_of(r, settings_.other_fostering), geo_.pick(r, kFar)};
    return {place, provider, one_of(r, settings_.agencies), geo_.pick(r, kAgencyZone)};
  }
  Placement home(Random& r, std::string_view place) const {
    const Code provider = pick(r, kHomeProvider);
    const Home& h = std::string_view(provider) == "PR1" ? one_of(r, settings_.own_homes)
                                                        : one_of(r, settings_.private_homes);
    return {place, provider, h.urn, h.postcode};
  }
  Placement at(Random& r, std::string_view place, Code provider,
               const std::vector<Home>& homes) const {
    const Home& h = one_of(r, homes);
    return {place, provider, h.urn, h.postcode};
  }

  const Geography& geo_;
  const Settings& settings_;
};

// The route into care for a child of `age`: court (interim care order), section 20, remand.
Route choose_route(Random& r, int age);

// Care proceedings starting around `start`.
CourtCase plan_court(Random& r, Date start);

// A period of care from `start` by `route` (with the family's court case, if any): legal
// statuses, outcome and end.
Period plan_period(Random& r, const Child& c, Date start, Route route,
                   const std::optional<CourtCase>& court);

// A disabled child's short breaks from `start`, appended to `out`.
void plan_short_breaks(Random& r, const Child& c, Date start, std::vector<Period>& out);

// The child's periods of care made whole: a return to care for some, then for each period its
// placements, its episodes and a few temporary moves.
void plan_placements(Random& r, const Placements& placements, Child& c, const Span& span);

// Legal statuses and placements merged into SSDA903 episodes.
void make_episodes(Period& p);

}  // namespace scorecard::demo
