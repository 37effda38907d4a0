#include "core/cli/demo/families.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace scorecard::demo {

namespace {

// Age at starting to be looked after (England 2017-19: under 1 19%, 1-4 18%, 5-9 17%,
// 10-15 32%, 16-17 13%, besides unaccompanied asylum seekers).
constexpr Weighted<int> kStartAge[] = {{0, 230}, {1, 55},  {2, 45},  {3, 40},  {4, 38},  {5, 36},
                                       {6, 34},  {7, 34},  {8, 33},  {9, 33},  {10, 36}, {11, 40},
                                       {12, 50}, {13, 60}, {14, 72}, {15, 75}, {16, 85}, {17, 50}};
constexpr Weighted<int> kAsylumStartAge[] = {{14, 100}, {15, 220}, {16, 400}, {17, 280}};
constexpr Weighted<int> kFamilySize[] = {{1, 640}, {2, 230}, {3, 95}, {4, 35}};

// SSDA903 ETHNIC, as England's children looked after.
constexpr Weighted<Code> kEthnic[] = {
    {"WBRI", 655}, {"WIRI", 4},  {"WOTH", 55}, {"MWBC", 38}, {"MWBA", 14}, {"MWAS", 15},
    {"MOTH", 33},  {"AIND", 7},  {"APKN", 13}, {"ABAN", 6},  {"AOTH", 17}, {"BCRB", 15},
    {"BAFR", 35},  {"BOTH", 21}, {"CHNE", 2},  {"OOTH", 33}, {"REFU", 10}, {"NOBT", 12}};
constexpr Weighted<Code> kAsylumEthnic[] = {{"AOTH", 300}, {"BAFR", 330}, {"OOTH", 150},
                                            {"WOTH", 120}, {"BOTH", 50},  {"MOTH", 20},
                                            {"NOBT", 30}};
// Category of need (N1 abuse or neglect ... N8 absent parenting).
constexpr Weighted<Code> kNeed[] = {{"N1", 630}, {"N2", 30}, {"N3", 35}, {"N4", 80},
                                    {"N5", 150}, {"N6", 15}, {"N7", 2},  {"N8", 58}};

// Statutory visits: every ~6 weeks for a child looked after; 10 days on a plan.
constexpr Days kCareVisitGap[] = {{85, 21, 42}, {15, 43, 70}};
constexpr Days kSupervisionGap[] = {{85, 14, 31}, {15, 32, 60}};
constexpr Days kPepGap[] = {{85, 80, 130}, {15, 131, 260}};
constexpr Days kHealthGapUnder5[] = {{90, 150, 200}, {10, 201, 330}};
constexpr Days kHealthGap[] = {{72, 300, 365}, {13, 366, 480}, {15, 600, 730}};
constexpr Days kDentalGap[] = {{70, 150, 365}, {15, 366, 540}, {15, 541, 800}};

// A family of children looked after: made, checked against the span, written.

class FamilyWriter {
 public:
  FamilyWriter(Recorder& rec, const Placements& placements, uint64_t seed)
      : rec_(rec), files_(rec.files()), span_(rec.span()), placements_(placements), seed_(seed) {}

  // Makes the next family (of at most `room` children) and writes it; returns its size.
  long write_next(long first_number, long room) {
    Random r(seed_, kFamily, static_cast<uint64_t>(++families_));
    std::vector<Child> family;
    while (family.empty()) family = make_family(r, first_number, room);
    family_case_ = 0;
    for (Child& c : family) write_child(r, c);
    return static_cast<long>(family.size());
  }

 private:
  enum class Kind { kFamily, kAsylum, kShortBreaks };

  // Children entering care together, on a day drawn uniformly from 18 years before the span to
  // its end (so the children looked after at the span's start are there too); those whose care
  // ended before the span are left out, and a family with none left is drawn again.
  std::vector<Child> make_family(Random& r, long first_number, long room) {
    const Date start = after(r, span_.from, -18 * 365, span_.to - span_.from);
    const int x = r.between(0, 999);
    const Kind kind = x < 40 ? Kind::kShortBreaks : x < 122 ? Kind::kAsylum : Kind::kFamily;
    std::vector<Child> family;
    if (kind == Kind::kShortBreaks) {
      family.push_back(make_short_breaks_child(r, start));
    } else if (kind == Kind::kAsylum) {
      family.push_back(make_asylum_child(r, start));
    } else {
      family = make_siblings(r, start, std::min<long>(room, pick(r, kFamilySize)));
    }
    family.erase(std::remove_if(family.begin(), family.end(),
                                [&](const Child& c) {
                                  return c.periods.empty() || c.periods.back().end < span_.from;
                                }),
                 family.end());
    for (size_t i = 0; i < family.size(); ++i) {
      family[i].number = first_number + static_cast<long>(i);
    }
    return family;
  }

  Child new_child(Random& r, Date start, int age, bool newborn) {
    Child c;
    c.sex = r.chance(0.55) ? 1 : 2;
    const int days = age == 0 && newborn ? r.between(0, 14) : age * 365 + r.between(0, 364);
    c.dob = start.add_days(-days);
    c.ethnic = pick(r, kEthnic);
    c.cin = pick(r, kNeed);
    c.settled = r.chance(0.8);
    c.home_post = rec_.geography().pick(r, r.chance(0.9) ? kBorough : kNear);
    return c;
  }

  // Brothers and sisters from the youngest up, sharing a home, a start and a court case.
  std::vector<Child> make_siblings(Random& r, Date start, long size) {
    std::vector<Child> out;
    const int youngest = pick(r, kStartAge);
    const Route route = choose_route(r, youngest);
    const std::optional<CourtCase> court =
        route == Route::kCourt ? std::optional<CourtCase>(plan_court(r, start)) : std::nullopt;
    int age = youngest;
    for (long i = 0; i < size && age <= 17; ++i, age += r.between(1, 4)) {
      Child c = new_child(r, start, age, r.chance(0.4));
      if (!out.empty()) {
        c.home_post = out.front().home_post;
        c.ethnic = out.front().ethnic;
        c.cin = out.front().cin;
      }
      const Route own = route == Route::kRemand && age < 12 ? Route::kVoluntary : route;
      c.periods.push_back(plan_period(r, c, start, own, court));
      go_home_together(out, c);
      make_placements(r, c);
      out.push_back(std::move(c));
    }
    return out;
  }

  // Brothers and sisters going home mostly go home together.
  static void go_home_together(const std::vector<Child>& older, Child& c) {
    if (older.empty()) return;
    const Period& first = older.front().periods.front();
    Period& p = c.periods.front();
    if (first.outcome != Outcome::kHome || p.outcome == Outcome::kAdult) return;
    if (first.end >= birthday(c.dob, 18)) return;
    p.outcome = Outcome::kHome;
    p.rec = first.rec;
    p.end = first.end;
    p.statuses = first.statuses;
    p.court = first.court;
    p.adoption.reset();
    p.with_parents = first.with_parents;
    p.kinship_from.reset();
  }

  Child make_asylum_child(Random& r, Date start) {
    Child c = new_child(r, start, pick(r, kAsylumStartAge), false);
    c.asylum = true;
    c.sex = r.chance(0.92) ? 1 : 2;
    c.ethnic = pick(r, kAsylumEthnic);
    c.cin = "N8";
    c.periods.push_back(plan_period(r, c, start, Route::kAsylum, std::nullopt));
    make_placements(r, c);
    return c;
  }

  Child make_short_breaks_child(Random& r, Date start) {
    Child c = new_child(r, start, r.between(5, 16), false);
    c.cin = "N2";
    plan_short_breaks(r, c, start, c.periods);
    for (Period& p : c.periods) {
      const Placement at = r.chance(0.6) ? placements_.make(r, "U6") : placements_.make(r, "K2");
      p.placements.push_back({p.start, at, false, nullptr});
      make_episodes(p);
    }
    return c;
  }

  void make_placements(Random& r, Child& c) { plan_placements(r, placements_, c, span_); }

  // --- Writing ---------------------------------------------------------------------------------

  void write_child(Random& r, const Child& c) {
    std::snprintf(id_, sizeof id_, "C%07ld", c.number);
    write_header(r, c);
    if (c.asylum) write_asylum(c);
    for (const Period& p : c.periods) {
      write_episodes(c, p);
      if (p.route == Route::kShortBreaks) continue;
      write_before_care(r, c, p);
      write_proceedings(p, &p == &c.periods.front());
      write_adoption(r, c, p);
      write_care_records(r, c, p);
      rec_.allocate(r, id_, rec_.workforce().looked_after(), p.start, p.end);
    }
    write_care_leaver(r, c);
  }

  // UPN for children of school age; MOTHER (and her child's DOB) for girls.
  void write_header(Random& r, const Child& c) {
    const Date last = std::min(span_.to, c.periods.back().end);
    CsvFile& out = files_.header;
    out.text(id_).number(c.sex).date(c.dob).text(c.ethnic);
    if (age_on(c.dob, last) >= 5 && !(c.asylum && r.chance(0.5))) {
      out.text(upn(r, c));
    } else {
      out.blank();
    }
    if (c.sex == 2 && age_on(c.dob, last) >= 15 && r.chance(0.05)) {
      out.text("1").date(std::max(birthday(c.dob, 14), after(r, last, -700, 0)));
    } else if (c.sex == 2) {
      out.text("0").blank();
    } else {
      out.blank().blank();
    }
    out.end_row();
  }

  // A unique pupil number: check letter, LA 999, school, year, serial (DfE algorithm).
  std::string upn(Random& r, const Child& c) const {
    static constexpr char kCheck[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
    char digits[32];  // room for any int, so -O3 sees no truncation
    std::snprintf(digits, sizeof digits, "999%04d%02d%03d", r.between(1000, 9999),
                  (c.dob.year() + 5) % 100, r.between(0, 999));
    long sum = 0;
    for (int i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i + 2);
    return std::string(1, kCheck[sum % 23]) + digits;
  }

  void write_asylum(const Child& c) {
    files_.uasc.text(id_).number(c.sex).date(c.dob).date(span_.known(birthday(c.dob, 18)));
    files_.uasc.end_row();
  }

  void write_episodes(const Child& c, const Period& p) {
    CsvFile& out = files_.episodes;
    const std::string_view home = rec_.geography().code(c.home_post);
    for (const Episode& e : p.episodes) {
      if (e.start > span_.to) break;
      const bool open = e.end > span_.to;
      const bool last = &e == &p.episodes.back();
      out.text(id_).date(e.start).text(e.rne).text(e.ls).text(c.cin).text(e.placement.place);
      out.text(e.placement.provider).date(open ? std::nullopt : std::optional<Date>(e.end));
      out.text(open ? "" : last ? p.rec : "X1").text(e.reason ? e.reason : "");
      out.text(home).text(rec_.geography().code(e.placement.postcode)).text(e.placement.urn);
      out.end_row();
    }
  }

  // The referral that brought the child in (after a CP plan for some), an earlier one for some.
  void write_before_care(Random& r, const Child& c, const Period& p) {
    const Date since = &p == &c.periods.front() ? c.dob.add_days(-120) : (&p - 1)->end.add_days(1);
    const double plan_chance = p.route == Route::kAsylum  ? 0.0
                               : p.route == Route::kCourt ? 0.5
                                                          : 0.2;
    rec_.referred_into_care(r, id_, c.dob, since, p.start, p.end, plan_chance);
  }

  // Brothers and sisters share their first court case (one CASE_ID).
  void write_proceedings(const Period& p, bool family_case) {
    if (!p.court || p.court->issue > span_.to || p.court->interim_order >= p.end) return;
    long id = rec_.next_case();
    if (family_case) {
      if (family_case_ == 0) family_case_ = id;
      id = family_case_;
    }
    files_.proceedings.id("P", id, 6).text(id_).date(p.court->issue);
    files_.proceedings.date(span_.known(p.court->final_order)).end_row();
  }

  void write_adoption(Random& r, const Child& c, const Period& p) {
    if (!p.adoption || p.adoption->decision > span_.to) return;
    const Adoption& a = *p.adoption;
    const bool ceased = a.ceased && *a.ceased <= span_.to;
    CsvFile& placed = files_.placed_for_adoption;
    placed.text(id_).date(c.dob).date(a.decision).date(ceased ? a.ceased : std::nullopt);
    placed.text(ceased ? a.ceased_reason : "").end_row();
    if (!ceased || !a.placed) return;
    static constexpr Weighted<Code> kAdopters[] = {
        {"MF", 75}, {"FF", 8}, {"MM", 6}, {"F1", 10}, {"M1", 1}};
    const std::string_view adopters = pick(r, kAdopters);
    const bool single = adopters == "F1" || adopters == "M1";
    Code status = single ? "L3" : r.chance(0.65) ? "L11" : r.chance(0.3) ? "L12" : "L2";
    files_.ad1.text(id_).date(c.dob).date(a.decision).date(a.match).flag(a.foster_carer);
    files_.ad1.number(single ? 1 : 2).text(adopters).text(status).end_row();
  }

  // Visits, PEPs, health and dental checks, supervision, and the OC2 return of each year.
  void write_care_records(Random& r, const Child& c, const Period& p) {
    if (p.end < span_.from) return;
    const Date until = std::min(p.end, span_.to.add_days(1));
    for (size_t k = 0; k < p.placements.size(); ++k) {
      const Date to = k + 1 < p.placements.size() ? p.placements[k + 1].from : until;
      Date on = after(r, p.placements[k].from, 1, 7);
      for (; on < std::min(to, until); on = on.add_days(pick_days(r, kCareVisitGap))) {
        if (on >= span_.detail_from) rec_.visit(id_, on, "CLA", r.chance(0.95));
      }
    }
    repeat_event(r, p, "SUPERVISION", after(r, p.start, 7, 30), kSupervisionGap, nullptr);
    repeat_event(r, p, "PEP", std::max(after(r, p.start, 10, 28), birthday(c.dob, 4)), kPepGap,
                 nullptr);
    health_.clear();
    dental_.clear();
    const Date first_assessment = after(r, p.start, 14, 40);
    if (age_on(c.dob, p.start) < 5) {
      repeat_event(r, p, "HEALTH_ASSESSMENT", first_assessment, kHealthGapUnder5, &health_);
    } else {
      repeat_event(r, p, "HEALTH_ASSESSMENT", first_assessment, kHealthGap, &health_);
    }
    repeat_event(r, p, "DENTAL_CHECK", after(r, p.start, 30, 120), kDentalGap, &dental_);
    write_outcomes(r, c, p);
  }

  template <size_t N>
  void repeat_event(Random& r, const Period& p, Code type, Date first, const Days (&gap)[N],
                    std::vector<Date>* kept) {
    for (Date on = first; on < p.end && on <= span_.to; on = on.add_days(pick_days(r, gap))) {
      if (kept) kept->push_back(on);
      if (on >= span_.detail_from) rec_.event(id_, type, on);
    }
  }

  // OC2: each year the child was looked after on 1 April and 31 March in this period of care.
  void write_outcomes(Random& r, const Child& c, const Period& p) {
    for (int year = span_.first_year; year <= span_.last_year; ++year) {
      const Date first = Date::from_ymd(year - 1, 4, 1), last = Date::from_ymd(year, 3, 31);
      if (p.start > first || p.end <= last) continue;
      const int age = age_on(c.dob, last);
      CsvFile& out = files_.oc2;
      out.text(id_).date(c.dob);
      if (age >= 4 && age <= 16 && r.chance(0.8)) {
        out.number(r.between(0, 8) + r.between(0, 8) + r.between(0, 8) + r.between(0, 6)).blank();
      } else if (age >= 4 && age <= 16) {
        out.blank().text(r.chance(0.5) ? "SDQ4" : r.chance(0.5) ? "SDQ5" : "SDQ2");
      } else {
        out.blank().blank();
      }
      const bool misuse = age >= 10 && r.chance(0.04);
      out.flag(age >= 10 && r.chance(0.03)).flag(r.chance(0.9)).flag(r.chance(0.87));
      out.flag(any_within(dental_, first, last)).flag(any_within(health_, first, last));
      out.flag(misuse);
      if (misuse) {
        out.flag(r.chance(0.6)).flag(r.chance(0.9));
      } else {
        out.blank().blank();
      }
      out.number(year).end_row();
    }
  }

  static bool any_within(const std::vector<Date>& dates, Date from, Date to) {
    return std::any_of(dates.begin(), dates.end(), [&](Date d) { return from <= d && d <= to; });
  }

  // OC3: a young person who left care at 16 or over after 13 weeks looked after since 14, on
  // each birthday from 17 to 21 after leaving.
  void write_care_leaver(Random& r, const Child& c) {
    const Period& p = c.periods.back();
    if (p.route == Route::kShortBreaks || p.end > span_.to || age_on(c.dob, p.end) < 16) return;
    if (p.end - std::max(p.start, birthday(c.dob, 14)) < 91) return;
    bool eet = r.chance(0.6);
    for (int age = 17; age <= 21; ++age) {
      const Date day = birthday(c.dob, age);
      const int year = collection_year(day);
      if (day < p.end || year < span_.first_year) continue;
      if (year > span_.last_year) return;
      eet = r.chance(eet ? 0.78 : 0.3);
      if (!write_leaver_year(r, c, p, age, year, eet)) return;
    }
  }

  // One OC3 row; false once the young person has died.
  bool write_leaver_year(Random& r, const Child& c, const Period& p, int age, int year, bool eet) {
    static constexpr Weighted<Code> kInTouch[] = {{"YES", 885}, {"NO", 55},   {"REFU", 20},
                                                  {"NREQ", 20}, {"RHOM", 18}, {"DIED", 2}};
    static constexpr Weighted<Code> kEet[] = {{"F1", 12}, {"P1", 2}, {"F2", 30}, {"P2", 5},
                                              {"F3", 8},  {"P3", 2}, {"F4", 10}, {"P4", 3},
                                              {"F5", 18}, {"P5", 10}};
    static constexpr Weighted<Code> kNeet[] = {{"G1", 3},  {"G2", 5},  {"G3", 4},
                                               {"G4", 25}, {"G5", 45}, {"G6", 18}};
    static constexpr Weighted<Code> kAccommodation[] = {
        {"B", 14}, {"C", 2}, {"D", 18}, {"E", 10}, {"K", 5}, {"R", 1}, {"S", 1}, {"T", 3},
        {"U", 30}, {"V", 1}, {"W", 1},  {"X", 3},  {"Y", 3}, {"Z", 8}, {"G", 1}};
    const Code in_touch = age <= 18 && r.chance(0.5) ? "YES" : pick(r, kInTouch);
    const std::string_view t = in_touch;
    CsvFile& out = files_.oc3;
    out.text(id_).date(c.dob).text(in_touch);
    if (t == "YES" || t == "NREQ" || t == "RHOM") {
      const bool staying_put = std::string_view(p.rec) == "E17" && age <= 20 && r.chance(0.6);
      std::string accommodation = staying_put ? "Z" : pick(r, kAccommodation);
      accommodation += r.chance(0.88) ? '1' : '2';
      out.text(eet ? pick(r, kEet) : pick(r, kNeet)).text(accommodation);
    } else {
      out.blank().blank();
    }
    out.number(year).end_row();
    return t != "DIED";
  }

  Recorder& rec_;
  Files& files_;
  const Span& span_;
  const Placements& placements_;
  uint64_t seed_;
  long families_ = 0;
  long family_case_ = 0;
  char id_[24] = {};
  std::vector<Date> health_, dental_;
};

}  // namespace

void write_families(Recorder& rec, const Placements& placements, uint64_t seed, long children) {
  FamilyWriter families(rec, placements, seed);
  for (long n = 1; n <= children;) n += families.write_next(n, children - n + 1);
}

}  // namespace scorecard::demo
