#include "core/cli/demo/care_planner.hpp"

#include <algorithm>
#include <utility>

namespace scorecard::demo {

namespace {

void set_status(Period& p, Date from, Code ls) {
  if (!p.statuses.empty() && p.statuses.back().from == from) p.statuses.pop_back();
  if (!p.statuses.empty() && std::string_view(p.statuses.back().ls) == ls) return;
  p.statuses.push_back(StatusFrom{from, ls});
}

}  // namespace

namespace {

int age_band(int age) { return age < 1 ? 0 : age < 5 ? 1 : age < 10 ? 2 : age < 16 ? 3 : 4; }

}  // namespace

// The route into care, by age band: court (interim care order), section 20, remand.
Route choose_route(Random& r, int age) {
  static constexpr int kCourt[] = {75, 65, 58, 45, 12};
  static constexpr int kRemand[] = {0, 0, 0, 5, 10};
  const int band = age_band(age);
  const int x = r.between(0, 99);
  if (x < kCourt[band]) return Route::kCourt;
  if (x < kCourt[band] + kRemand[band] && age >= 12) return Route::kRemand;
  return Route::kVoluntary;
}

// Proceedings last about 29 weeks; 60% finish within 26 weeks.
constexpr Days kProceedings[] = {{60, 84, 182}, {28, 183, 300}, {12, 301, 480}};

CourtCase plan_court(Random& r, Date start) {
  static constexpr Weighted<Code> kFirst[] = {
      {"C1", 60}, {"V2", 25}, {"L1", 10}, {"L2", 4}, {"L3", 1}};
  CourtCase c;
  c.first_status = pick(r, kFirst);
  const std::string_view first = c.first_status;
  c.interim_order = first == "C1"   ? start
                    : first == "V2" ? after(r, start, 14, 180)
                                    : after(r, start, 1, 8);
  c.issue = after(r, c.interim_order, -3, 0);
  c.final_order = c.issue.add_days(pick_days(r, kProceedings));
  return c;
}

namespace {

// --- Outcomes ----------------------------------------------------------------------------------

// Why children aged 18 stop being looked after.
constexpr Weighted<Code> kAdultRec[] = {{"E17", 22}, {"E5", 38}, {"E6", 6},  {"E8", 14}, {"E7", 4},
                                        {"E4A", 5},  {"E4B", 4}, {"E13", 5}, {"E3", 2}};
constexpr Weighted<Code> kOtherRec[] = {{"E13", 30}, {"E8", 40}, {"E3", 9}, {"E16", 5}, {"E2", 1}};
constexpr Weighted<Code> kOtherRecTeenager[] = {{"E13", 30}, {"E8", 40}, {"E3", 9},
                                                {"E16", 5},  {"E9", 6},  {"E2", 1}};

// Why a child stops being looked after otherwise (custody only from 12).
Code other_rec(Random& r, const Child& c, Date on) {
  return age_on(c.dob, on) >= 12 ? pick(r, kOtherRecTeenager) : pick(r, kOtherRec);
}
constexpr Weighted<Code> kSpecialGuardianshipRec[] = {
    {"E45", 55}, {"E46", 30}, {"E47", 8}, {"E48", 7}};
// A child going home from section 20: a fifth within two weeks, a quarter after a year.
constexpr Days kVoluntaryStay[] = {{22, 1, 14}, {25, 15, 91}, {28, 92, 365}, {25, 366, 1200}};
// Placement order to match (A2), England 2015-18 about 200 days.
constexpr Days kOrderToMatch[] = {{25, 30, 120}, {50, 121, 280}, {25, 281, 500}};

Outcome court_outcome(Random& r, int age) {
  // adoption, special guardianship, child arrangements, home, looked after to 18, other
  static constexpr int kWeights[5][6] = {{50, 18, 3, 16, 8, 5},
                                         {34, 21, 5, 21, 13, 6},
                                         {4, 17, 6, 30, 35, 8},
                                         {0, 6, 3, 27, 52, 12},
                                         {0, 3, 2, 30, 55, 10}};
  static constexpr Outcome kOutcomes[] = {Outcome::kAdoption,
                                          Outcome::kSpecialGuardianship,
                                          Outcome::kChildArrangements,
                                          Outcome::kHome,
                                          Outcome::kAdult,
                                          Outcome::kOther};
  const int* w = kWeights[age_band(age)];
  int x = r.between(0, 99);
  for (int i = 0; i < 6; ++i) {
    if (x < w[i]) return kOutcomes[i];
    x -= w[i];
  }
  return Outcome::kOther;
}

Outcome voluntary_outcome(Random& r, int age) {
  // home, looked after to 18, other, special guardianship, adoption with consent
  static constexpr int kWeights[5][5] = {{77, 5, 10, 5, 3},
                                         {80, 5, 10, 5, 0},
                                         {75, 12, 10, 3, 0},
                                         {66, 17, 16, 1, 0},
                                         {45, 40, 15, 0, 0}};
  static constexpr Outcome kOutcomes[] = {Outcome::kHome, Outcome::kAdult, Outcome::kOther,
                                          Outcome::kSpecialGuardianship, Outcome::kAdoption};
  const int* w = kWeights[age_band(age)];
  int x = r.between(0, 99);
  for (int i = 0; i < 5; ++i) {
    if (x < w[i]) return kOutcomes[i];
    x -= w[i];
  }
  return Outcome::kHome;
}

void plan_special_guardianship(Random& r, Period& p, Date earliest_end) {
  p.outcome = Outcome::kSpecialGuardianship;
  p.rec = pick(r, kSpecialGuardianshipRec);
  const std::string_view rec = p.rec;
  const int settle = std::max(0, std::min(120, (earliest_end - p.start) / 2));
  if (rec == "E45" || rec == "E47") p.kinship_from = after(r, p.start, 0, settle);
  p.end = r.chance(0.5) ? earliest_end : after(r, earliest_end, 180, 900);
}

// Placement order at the final hearing, then (unless the decision is reversed) a match, a move
// to the adopters and an adoption order: A1 (entering care to moving in) about 15-16 months.
void plan_adoption_by_order(Random& r, Period& p, const Child& c) {
  const Date order = p.court->final_order;
  set_status(p, order, "E1");
  Adoption a;
  a.decision = std::max(p.start.add_days(14), after(r, order, -75, -14));
  if (r.chance(0.08)) {  // the plan changes: placement order revoked, care order instead
    a.ceased = after(r, order, 120, 500);
    a.ceased_reason = "RD1";
    set_status(p, *a.ceased, "C2");
    p.adoption = a;
    if (r.chance(0.4)) {
      plan_special_guardianship(r, p, *a.ceased);
    } else {
      p.outcome = Outcome::kAdult;
      p.end = birthday(c.dob, 18);
    }
    return;
  }
  a.foster_carer = r.chance(0.16);
  const bool matched_first = r.chance(a.foster_carer ? 0.35 : 0.05);
  a.match = matched_first ? std::max(a.decision.add_days(1), after(r, order, -60, -1))
                          : order.add_days(pick_days(r, kOrderToMatch));
  a.placed =
      std::max(*a.match, order).add_days(a.foster_carer ? r.between(0, 21) : r.between(7, 35));
  a.ceased = after(r, *a.placed, 120, 400);
  a.ceased_reason = r.chance(0.65) ? "E11" : "E12";
  p.end = *a.ceased;
  p.rec = a.ceased_reason;
  p.adoption = a;
}

// A baby relinquished: placed for adoption with parental consent under section 20 (A3/A4), no
// placement order.
void plan_adoption_by_consent(Random& r, Period& p) {
  Adoption a;
  a.with_placement_order = false;
  a.decision = after(r, p.start, 30, 120);
  a.foster_carer = r.chance(0.2);
  a.match = after(r, a.decision, 40, 200);
  a.placed = after(r, *a.match, 7, 28);
  a.ceased = after(r, *a.placed, 120, 300);
  a.ceased_reason = "E11";
  p.end = *a.ceased;
  p.rec = "E11";
  p.adoption = a;
}

void plan_court_period(Random& r, const Child& c, Period& p, const CourtCase& court) {
  p.court = court;
  set_status(p, p.start, court.first_status);
  set_status(p, court.interim_order, "C1");
  const Date order = court.final_order;
  p.outcome = court_outcome(r, age_on(c.dob, p.start));
  if (p.outcome == Outcome::kAdoption && age_on(c.dob, order) >= 6) {
    p.outcome = Outcome::kSpecialGuardianship;
  }
  switch (p.outcome) {
    case Outcome::kAdoption: plan_adoption_by_order(r, p, c); return;
    case Outcome::kSpecialGuardianship:
      plan_special_guardianship(r, p, order);
      if (p.end > order) set_status(p, order, "C2");
      return;
    case Outcome::kChildArrangements:
      p.rec = "E41";
      if (r.chance(0.4)) p.kinship_from = after(r, p.start, 0, 120);
      p.end = r.chance(0.6) ? order : after(r, order, 180, 700);
      if (p.end > order) set_status(p, order, "C2");
      return;
    case Outcome::kHome:
      p.rec = "E4A";
      if (r.chance(0.3)) {
        p.end = order;
        return;
      }
      set_status(p, order, "C2");  // placed with parents under the care order, then discharged
      p.with_parents = r.chance(0.35) ? order : after(r, order, 1, 60);
      p.end = after(r, *p.with_parents, 180, 900);
      return;
    case Outcome::kAdult:
      set_status(p, order, "C2");
      if (r.chance(0.06)) p.kinship_from = after(r, p.start, 0, 200);
      p.end = birthday(c.dob, 18);
      return;
    case Outcome::kOther:
      set_status(p, order, "C2");
      p.end = after(r, order, 30, 1500);
      p.rec = other_rec(r, c, p.end);
      return;
  }
}

void plan_voluntary_period(Random& r, const Child& c, Period& p) {
  static constexpr Weighted<Code> kEmergency[] = {{"L1", 70}, {"L2", 25}, {"L3", 5}};
  if (r.chance(0.07)) {  // police protection or an emergency order first, for days
    set_status(p, p.start, pick(r, kEmergency));
    set_status(p, after(r, p.start, 1, 8), "V2");
  } else {
    set_status(p, p.start, "V2");
  }
  p.outcome = voluntary_outcome(r, age_on(c.dob, p.start));
  switch (p.outcome) {
    case Outcome::kHome:
      p.rec = r.chance(0.75) ? "E4A" : "E4B";
      p.end = p.start.add_days(pick_days(r, kVoluntaryStay));
      return;
    case Outcome::kAdult: p.end = birthday(c.dob, 18); return;
    case Outcome::kSpecialGuardianship:
      plan_special_guardianship(r, p, after(r, p.start, 200, 600));
      return;
    case Outcome::kAdoption: plan_adoption_by_consent(r, p); return;
    default:
      p.outcome = Outcome::kOther;
      p.end = after(r, p.start, 7, 900);
      p.rec = other_rec(r, c, p.end);
      return;
  }
}

// Remanded to local-authority accommodation (J1), held under PACE (J2) or on a youth
// rehabilitation order with a residence requirement (J3).
void plan_remand_period(Random& r, Period& p) {
  static constexpr Weighted<Code> kStatus[] = {{"J1", 55}, {"J2", 25}, {"J3", 20}};
  static constexpr Weighted<Code> kRemandRec[] = {{"E14", 45}, {"E9", 25}, {"E4B", 20}, {"E8", 10}};
  static constexpr Weighted<Code> kOrderRec[] = {{"E4B", 50}, {"E8", 25}, {"E9", 15}, {"E14", 10}};
  const Code ls = pick(r, kStatus);
  set_status(p, p.start, ls);
  p.outcome = Outcome::kOther;
  const std::string_view s = ls;
  if (s == "J2") {
    p.end = after(r, p.start, 1, 2);
    p.rec = r.chance(0.7) ? "E4B" : "E14";
  } else if (s == "J1") {
    p.end = after(r, p.start, 7, 120);
    p.rec = pick(r, kRemandRec);
  } else {
    p.end = after(r, p.start, 60, 300);
    p.rec = pick(r, kOrderRec);
  }
}

// Unaccompanied asylum-seeking children: section 20 until 18 for most; some transferred.
void plan_asylum_period(Random& r, const Child& c, Period& p) {
  set_status(p, p.start, "V2");
  const int x = r.between(0, 99);
  if (x < 85) {
    p.outcome = Outcome::kAdult;
    p.end = birthday(c.dob, 18);
  } else {
    p.outcome = Outcome::kOther;
    p.rec = x < 93 ? "E3" : x < 98 ? "E8" : "E16";
    p.end = after(r, p.start, 14, 700);
  }
}

}  // namespace

// Short breaks for a disabled child: a series of stays of a few days (V3, one episode each),
// or an agreed series recorded as one episode a year (V4).
void plan_short_breaks(Random& r, const Child& c, Date start, std::vector<Period>& out) {
  const bool single = r.chance(0.6);
  const Date adult = birthday(c.dob, 18);
  const Date stop = std::min(adult, after(r, start, 180, 1100));
  for (Date d = start; d < stop;) {
    Period p;
    p.route = Route::kShortBreaks;
    p.start = d;
    p.end = std::min(single ? after(r, d, 1, 4) : after(r, d, 300, 365), adult);
    if (p.end <= p.start) break;
    p.rec = "E8";
    set_status(p, d, single ? "V3" : "V4");
    out.push_back(std::move(p));
    d = single ? after(r, out.back().end, 14, 42) : after(r, out.back().end, 5, 30);
  }
}

namespace {

// A child turning 18 stops being looked after that day.
void end_at_adulthood(Random& r, const Child& c, Period& p) {
  const Date adult = birthday(c.dob, 18);
  if (p.end < adult) return;
  if (p.outcome != Outcome::kAdult) p.rec = pick(r, kAdultRec);
  p.end = adult;
  p.outcome = Outcome::kAdult;
  if (p.with_parents && *p.with_parents >= adult) p.with_parents.reset();
  if (p.kinship_from && *p.kinship_from >= adult) p.kinship_from.reset();
  if (p.court && p.court->final_order >= adult) p.court.reset();
  while (!p.statuses.empty() && p.statuses.back().from >= adult) p.statuses.pop_back();
}

}  // namespace

Period plan_period(Random& r, const Child& c, Date start, Route route,
                   const std::optional<CourtCase>& court) {
  Period p;
  p.start = start;
  p.route = route;
  switch (route) {
    case Route::kCourt: plan_court_period(r, c, p, court ? *court : plan_court(r, start)); break;
    case Route::kRemand: plan_remand_period(r, p); break;
    case Route::kAsylum: plan_asylum_period(r, c, p); break;
    default: plan_voluntary_period(r, c, p); break;
  }
  if (p.outcome == Outcome::kAdult) p.rec = pick(r, kAdultRec);
  end_at_adulthood(r, c, p);
  return p;
}

namespace {

// Some children who went home come back (about a third, mostly within two years).
constexpr Days kTimeAtHome[] = {{30, 30, 180}, {50, 181, 730}, {20, 731, 1800}};

void maybe_return_to_care(Random& r, Child& c, const Span& span) {
  const Period& first = c.periods.back();
  const bool went_home = first.outcome == Outcome::kHome || first.outcome == Outcome::kOther;
  const std::string_view rec = first.rec;
  if (!went_home || rec == "E2" || rec == "E3" || first.end >= span.to) return;
  if (age_on(c.dob, first.end) >= 16 || !r.chance(0.32)) return;
  const Date again = first.end.add_days(pick_days(r, kTimeAtHome));
  if (again > span.to || again >= birthday(c.dob, 18).add_days(-60)) return;
  const Route route = c.asylum ? Route::kAsylum : choose_route(r, age_on(c.dob, again));
  c.periods.push_back(plan_period(r, c, again, route, std::nullopt));
}

}  // namespace

namespace {

// Why a placement ends (REASON_PLACE_CHANGE).
constexpr Weighted<Code> kMoveReason[] = {{"CARPL", 35}, {"CREQB", 20}, {"CREQO", 10},
                                          {"CHILD", 8},  {"LAREQ", 5},  {"STAND", 4},
                                          {"ALLEG", 3},  {"CLOSE", 3},  {"OTHER", 12}};

// The chance a placement breaks down in a month: most children are settled; the first months,
// teenagers and residential placements move more, long placements and relatives less. Gives
// about 10% of children with 3+ placements in a year and 70% of long-stayers in a 2-year
// placement.
double monthly_move_chance(const Child& c, const Placement& current, bool over_10,
                           int months_in_care, int months_in_placement) {
  double h = c.settled ? 0.008 : 0.09;
  if (months_in_care < 6) h *= 2.0;
  if (over_10) h *= 1.5;
  if (months_in_placement >= 24) h *= 0.5;
  if (current.kinship()) h *= 0.4;
  if (current.place == "K2" || current.place == "H5") h *= 1.3;
  return h;
}

class PlacementPlanner {
 public:
  PlacementPlanner(const Placements& placements, Random& r, const Child& c, Period& p)
      : placements_(placements), r_(r), c_(c), p_(p), eleven_(birthday(c.dob, 11)) {}

  void plan() {
    const Date stop = moves_stop();
    const bool kin_at_start = p_.kinship_from && *p_.kinship_from <= p_.start.add_days(3);
    begin(kin_at_start ? placements_.make(r_, "U3") : placements_.choose(r_, c_, p_.start));
    // Planned moves: to relatives or friends, or on from an emergency placement.
    std::vector<std::pair<Date, bool>> planned;  // day, to relatives
    if (p_.kinship_from && !kin_at_start) planned.emplace_back(*p_.kinship_from, true);
    if (!kin_at_start && r_.chance(0.28)) planned.emplace_back(emergency_move(), false);
    std::sort(planned.begin(), planned.end());
    auto next_planned = planned.begin();
    int month = 0;
    for (Date m = p_.start; m < stop; m = m.add_days(30), ++month) {
      if (next_planned != planned.end() && next_planned->first < m.add_days(30)) {
        const auto [on, kin] = *next_planned++;
        if (on < stop.add_days(-3)) {
          move(on, kin ? placements_.make(r_, "U3") : placements_.choose(r_, c_, on), false,
               "CARPL");
        }
        continue;
      }
      maybe_move(m, month, stop);
      maybe_confirm_long_term(m, stop);
    }
    place_with_parents();
    place_for_adoption();
  }

 private:
  Date moves_stop() const {
    Date stop = p_.end;
    if (p_.with_parents) stop = std::min(stop, *p_.with_parents);
    if (p_.adoption && p_.adoption->placed) stop = std::min(stop, *p_.adoption->placed);
    return stop;
  }
  const Placement& current() const { return p_.placements.back().placement; }
  // Out of an emergency placement within weeks; often when police protection ends (RNE B).
  Date emergency_move() {
    const bool police = starts_with(p_.statuses.front().ls, 'L') && p_.statuses.size() > 1;
    return police && r_.chance(0.5) ? p_.statuses[1].from : after(r_, p_.start, 3, 45);
  }
  void begin(const Placement& first) { p_.placements.push_back({p_.start, first, false, nullptr}); }
  void move(Date on, const Placement& to, bool same_carer, Code reason) {
    if (on <= p_.placements.back().from) return;
    p_.placements.push_back({on, to, same_carer, reason});
  }

  void maybe_move(Date month, int months_in_care, Date stop) {
    const int in_placement = (month - p_.placements.back().from) / 30;
    const double h =
        monthly_move_chance(c_, current(), month >= eleven_, months_in_care, in_placement);
    if (!r_.chance(h)) return;
    const Date on = after(r_, month, 0, 29);
    if (on >= stop.add_days(-3) || on <= p_.placements.back().from.add_days(2)) return;
    move(on, placements_.choose(r_, c_, on), false, pick(r_, kMoveReason));
  }

  // A short-term foster placement (U6, U3) confirmed as long-term (U4, U1) with the same carer.
  void maybe_confirm_long_term(Date month, Date stop) {
    const std::string_view place = current().place;
    if (place != "U6" && place != "U3") return;
    if (month - p_.placements.back().from < 300 || !r_.chance(0.05)) return;
    const Date on = after(r_, month, 0, 29);
    if (on >= stop.add_days(-3)) return;
    Placement confirmed = current();
    confirmed.place = place == "U6" ? "U4" : "U1";
    move(on, confirmed, true, "PLACE");
  }

  void place_with_parents() {
    if (!p_.with_parents || *p_.with_parents >= p_.end) return;
    move(*p_.with_parents, Placement{"P1", "PR0", kNoUrn, c_.home_post}, false, "CARPL");
  }

  // A3/A5 with the foster carer who adopts (same carer), A4/A6 with new adopters.
  void place_for_adoption() {
    if (!p_.adoption || !p_.adoption->placed || *p_.adoption->placed >= p_.end) return;
    Adoption& a = *p_.adoption;
    a.foster_carer = a.foster_carer && current().foster();
    const bool consent = !a.with_placement_order;
    if (a.foster_carer) {
      Placement same = current();
      same.place = consent ? "A3" : "A5";
      move(*a.placed, same, true, "CARPL");
    } else {
      move(*a.placed, placements_.adopters(r_, consent ? "A4" : "A6"), false, "CARPL");
    }
    a.placed = p_.placements.back().from;
  }

  const Placements& placements_;
  Random& r_;
  const Child& c_;
  Period& p_;
  const Date eleven_;  // the child's 11th birthday
};

}  // namespace

// --- Episodes ----------------------------------------------------------------------------------

// Legal statuses and placements merged: a new episode wherever either changes (RNE L for the
// legal status alone; P/T for a placement with a new/the same carer; B/U for both).
void make_episodes(Period& p) {
  p.episodes.clear();
  size_t s = 0, k = 0;
  Code rne = "S";
  for (Date at = p.start; at < p.end;) {
    const Date next_status = s + 1 < p.statuses.size() ? p.statuses[s + 1].from : p.end;
    const Date next_place = k + 1 < p.placements.size() ? p.placements[k + 1].from : p.end;
    const Date to = std::min({next_status, next_place, p.end});
    const PlacementFrom& pl = p.placements[k];
    const bool placement_change = std::string_view(rne) != "S" && std::string_view(rne) != "L";
    p.episodes.push_back(Episode{at, to, rne, p.statuses[s].ls, pl.placement,
                                 placement_change ? pl.reason : nullptr});
    const bool status_changes = next_status == to && to < p.end;
    const bool place_changes = next_place == to && to < p.end;
    if (status_changes) ++s;
    if (place_changes) ++k;
    const bool same = place_changes && p.placements[k].same_carer;
    rne = !place_changes ? "L" : status_changes ? (same ? "U" : "B") : (same ? "T" : "P");
    at = to;
  }
}

namespace {

// A few days in hospital, on holiday or in respite (T0-T4), then back to the same placement:
// about one every 15 years in care.
void add_temporary_moves(Random& r, const Placements& placements, Period& p) {
  std::vector<Episode> out;
  out.reserve(p.episodes.size() + 2);
  for (const Episode& e : p.episodes) {
    const int days = e.end - e.start;
    const std::string_view place = e.placement.place;
    const bool eligible = starts_with(place, 'U') || place == "K2" || place == "R1";
    if (!eligible || days < 30 || !r.chance(days / 365.0 * 0.07)) {
      out.push_back(e);
      continue;
    }
    const Date away = after(r, e.start, 7, days - 14);
    const Date back = after(r, away, 1, 7);
    Episode before = e, temporary = e, again = e;
    before.end = away;
    temporary.start = away;
    temporary.end = back;
    temporary.rne = "P";
    temporary.placement = placements.temporary(r, e.placement);
    temporary.reason = "OTHER";
    again.start = back;
    again.rne = "P";
    again.reason = "OTHER";
    out.insert(out.end(), {before, temporary, again});
  }
  p.episodes = std::move(out);
}

}  // namespace

void plan_placements(Random& r, const Placements& placements, Child& c, const Span& span) {
  maybe_return_to_care(r, c, span);
  for (Period& p : c.periods) {
    PlacementPlanner(placements, r, c, p).plan();
    make_episodes(p);
    add_temporary_moves(r, placements, p);
  }
}

}  // namespace scorecard::demo
