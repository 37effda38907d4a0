// demo: the authority around the children: the time frame of the extract, its geography
// (postcodes), its placement settings, its social-work workforce, schools and foster carers.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cli/demo/csv_files.hpp"
#include "core/cli/demo/demo_data.hpp"
#include "core/cli/demo/random.hpp"
#include "scorecard/date.hpp"

namespace scorecard::demo {

// The time frame of the extract.
struct Span {
  Date from;         // data_to - years: every child is looked after at some time in (from, to]
  Date to;           // data_to: nothing happens after it
  Date detail_from;  // visits and child events are kept from here (the last four years)
  int first_year;    // the first and last OC2/OC3 collection years (YEAR) inside the span
  int last_year;

  std::optional<Date> known(Date d) const {
    return d <= to ? std::optional<Date>(d) : std::nullopt;
  }
};

Span make_span(const DemoOptions& o);

// ---------------------------------------------------------------------------------------------
// Geography: a fictional borough ("DB" postcodes) around a centre in the East Midlands, towns
// near it ("DQ", 8-18 miles) and further away ("DV", 25-90 miles). Each postcode is a centroid
// within about 0.8 miles of its district's centre. Positions in millionths of a degree, from
// miles with fixed scale factors (no trigonometry, so the output is exact everywhere).

enum Zone { kBorough, kNear, kFar };

struct District {
  const char* outward;
  int north_tenths, east_tenths;  // offset from the borough centre, tenths of a mile
  Zone zone;
  int postcodes;
};

inline constexpr District kDistricts[] = {
    {"DB1", 0, 0, kBorough, 160},      {"DB2", 20, 5, kBorough, 160},
    {"DB3", -20, 0, kBorough, 160},    {"DB4", 0, 30, kBorough, 160},
    {"DB5", 5, -30, kBorough, 160},    {"DB6", 22, 30, kBorough, 160},
    {"DB7", -22, 32, kBorough, 160},   {"DB8", 24, -28, kBorough, 160},
    {"DB9", -20, -30, kBorough, 160},  {"DB10", 40, 10, kBorough, 160},
    {"DB11", -40, -10, kBorough, 160}, {"DB12", 10, -50, kBorough, 160},
    {"DQ1", 60, 50, kNear, 60},        {"DQ2", -100, 10, kNear, 60},
    {"DQ3", 60, -100, kNear, 60},      {"DQ4", 0, 140, kNear, 60},
    {"DQ5", -110, -110, kNear, 60},    {"DQ6", 180, 0, kNear, 60},
    {"DV1", 220, 120, kFar, 40},       {"DV2", -270, 160, kFar, 40},
    {"DV3", -70, -390, kFar, 40},      {"DV4", 480, 0, kFar, 40},
    {"DV5", -100, 540, kFar, 40},      {"DV6", -610, -220, kFar, 40},
    {"DV7", 650, -370, kFar, 40},      {"DV8", -450, 780, kFar, 40},
};

inline constexpr long kCentreLatitude = 52570000;  // millionths of a degree
inline constexpr long kCentreLongitude = -1350000;
inline constexpr double kMilesPerDegreeLatitude = 69.05;
inline constexpr double kMilesPerDegreeLongitude = 42.0;  // at 52.6 degrees north

struct Postcode {
  std::string code;
  long latitude, longitude;  // millionths of a degree
};

class Geography {
 public:
  explicit Geography(uint64_t seed) {
    Random r(seed, kGeography, 0);
    for (const District& d : kDistricts) {
      for (int k = 0; k < d.postcodes; ++k) {
        zones_[d.zone].push_back(static_cast<int>(postcodes_.size()));
        postcodes_.push_back(make_postcode(r, d, k));
      }
    }
  }

  int pick(Random& r, Zone z) const {
    const std::vector<int>& in = zones_[z];
    return in[static_cast<size_t>(r.below(static_cast<long>(in.size())))];
  }
  template <size_t N>
  int pick(Random& r, const Weighted<Zone> (&zones)[N]) const {
    return pick(r, demo::pick(r, zones));
  }
  std::string_view code(int postcode) const {
    return postcodes_[static_cast<size_t>(postcode)].code;
  }

  void write(CsvFile& out) const {
    for (const Postcode& p : postcodes_) {
      out.text(p.code).millionths(p.latitude).millionths(p.longitude).end_row();
    }
  }

 private:
  // The k-th unit of a district: sector 1-9 and two letters, unique within the district.
  static Postcode make_postcode(Random& r, const District& d, int k) {
    static constexpr char kLetters[] = "ABDEFGHJLNPQRSTUWXYZ";
    const int pair = (k / 9 * 137 + 11) % 400;
    std::string code = d.outward;
    code += ' ';
    code += static_cast<char>('1' + k % 9);
    code += kLetters[pair / 20];
    code += kLetters[pair % 20];
    const double north = d.north_tenths / 10.0 + r.between(-800, 800) / 1000.0;
    const double east = d.east_tenths / 10.0 + r.between(-800, 800) / 1000.0;
    return Postcode{std::move(code),
                    kCentreLatitude + static_cast<long>(north / kMilesPerDegreeLatitude * 1e6),
                    kCentreLongitude + static_cast<long>(east / kMilesPerDegreeLongitude * 1e6)};
  }

  std::vector<Postcode> postcodes_;
  std::vector<int> zones_[3];
};

// ---------------------------------------------------------------------------------------------
// Placement settings: the Ofsted URNs a placement records, and where children's homes are.

struct Home {
  std::string urn;
  int postcode;
};

class Settings {
 public:
  Settings(uint64_t seed, const Geography& geo) : next_urn_(0) {
    Random r(seed, kSettings, 0);
    next_urn_ = 100000 + r.between(0, 20000);
    own_fostering = urn(r);
    own_adoption = urn(r);
    for (int i = 0; i < 25; ++i) agencies.push_back(urn(r));
    for (int i = 0; i < 6; ++i) other_fostering.push_back(urn(r));
    for (int i = 0; i < 8; ++i) voluntary_adoption.push_back(urn(r));
    for (int i = 0; i < 4; ++i) other_adoption.push_back(urn(r));
    for (int i = 0; i < 5; ++i) own_homes.push_back(Home{urn(r), geo.pick(r, kBorough)});
    for (int i = 0; i < 60; ++i) private_homes.push_back(Home{urn(r), geo.pick(r, kPrivateHome)});
    for (int i = 0; i < 8; ++i) care_homes.push_back(Home{urn(r), geo.pick(r, kFar)});
    for (int i = 0; i < 4; ++i) secure_homes.push_back(Home{urn(r), geo.pick(r, kFar)});
  }

  std::string own_fostering, own_adoption;
  std::vector<std::string> agencies, other_fostering, voluntary_adoption, other_adoption;
  std::vector<Home> own_homes, private_homes, care_homes, secure_homes;

 private:
  static constexpr Weighted<Zone> kPrivateHome[] = {{kBorough, 20}, {kNear, 30}, {kFar, 50}};
  std::string urn(Random& r) {
    next_urn_ += 1 + r.between(0, 4000);
    return "SC" + std::to_string(next_urn_);
  }
  long next_urn_;
};

// ---------------------------------------------------------------------------------------------
// Workforce: social-work posts in teams; each post is held by one worker after another (a
// successor starts the day the leaver goes). Turnover about 16% a year, 78% of it voluntary
// (resigned or retired): EA11 about 12.5%. Case-holding posts are sized so that the children
// looked after and on plans are about 16.5 cases per FTE.

inline constexpr double kCasesPerFte = 16.5;
inline constexpr double kLeaversPerYear = 0.16;
inline constexpr int kCaseholdersPerTeam = 7;

struct Tenure {
  long worker;
  Date start;
  Code leaving_reason;  // of this holder, when the next one starts
};

struct Post {
  std::string team;
  Code role;
  bool qualified;
  int fte_tenths;
  std::vector<Tenure> holders;
};

// The case-holding posts of one service, picked in proportion to their FTE.
struct Service {
  std::vector<size_t> posts;
  std::vector<long> cumulative_fte;
};

class Workforce {
 public:
  Workforce(uint64_t seed, const Span& span, long looked_after, long on_plans) {
    Random r(seed, kWorkforce, 0);
    add_service(r, span, "Children in Care", looked_after, looked_after_);
    add_service(r, span, "Child Protection", on_plans, protection_);
  }

  Service& looked_after() { return looked_after_; }
  Service& protection() { return protection_; }
  const std::vector<Post>& posts() const { return posts_; }

  size_t pick_post(Random& r, const Service& s) const {
    const long x = r.below(s.cumulative_fte.back());
    const auto it = std::upper_bound(s.cumulative_fte.begin(), s.cumulative_fte.end(), x);
    return s.posts[static_cast<size_t>(it - s.cumulative_fte.begin())];
  }

  void write(CsvFile& out, const Span& span) const {
    for (const Post& p : posts_) {
      for (size_t h = 0; h < p.holders.size(); ++h) {
        const Tenure& t = p.holders[h];
        out.id("W", t.worker, 5).text(p.role).flag(p.qualified).text(p.team).tenths(p.fte_tenths);
        out.date(t.start);
        if (h + 1 < p.holders.size()) {
          out.date(span.known(p.holders[h + 1].start)).text(t.leaving_reason);
        } else {
          out.blank().blank();
        }
        out.end_row();
      }
    }
  }

 private:
  static constexpr Weighted<int> kFte[] = {{10, 80}, {8, 10}, {6, 5}, {5, 5}};
  static constexpr Weighted<Code> kLeavingReason[] = {{"RESIGNED", 66},        {"RETIRED", 12},
                                                      {"END_OF_CONTRACT", 10}, {"DISMISSED", 3},
                                                      {"REDUNDANCY", 2},       {"OTHER", 7}};

  void add_service(Random& r, const Span& span, const std::string& name, long cases, Service& s) {
    if (cases <= 0) return;
    const long caseholders = std::max(1L, std::lround(cases / (kCasesPerFte * 0.94)));
    const long teams = (caseholders + kCaseholdersPerTeam - 1) / kCaseholdersPerTeam;
    for (long t = 0; t < teams; ++t) {
      const std::string team = name + " " + std::to_string(t + 1);
      add_post(r, span, team, "TEAM_MANAGER", true, 10);
      const long members =
          std::min<long>(kCaseholdersPerTeam, caseholders - t * kCaseholdersPerTeam);
      for (long m = 0; m < members; ++m) {
        s.posts.push_back(
            add_post(r, span, team, r.chance(0.25) ? "SENIOR_SW" : "SW", true, pick(r, kFte)));
        const long before = s.cumulative_fte.empty() ? 0 : s.cumulative_fte.back();
        s.cumulative_fte.push_back(before + posts_.back().fte_tenths);
      }
      if (t % 2 == 0) add_post(r, span, team, "SW", false, pick(r, kFte));  // an assistant
    }
  }

  // A post and its holders: the first started up to ten years before the span; each month a
  // holder leaves with probability kLeaversPerYear / 12.
  size_t add_post(Random& r, const Span& span, const std::string& team, Code role, bool qualified,
                  int fte) {
    Post p{team, role, qualified, fte, {}};
    p.holders.push_back(Tenure{++workers_, after(r, span.from, -3650, 0), nullptr});
    for (Date m = span.from; m <= span.to; m = m.add_days(30)) {
      if (!r.chance(kLeaversPerYear / 12)) continue;
      const Date leaves = after(r, m, 0, 29);
      if (leaves > span.to || leaves <= p.holders.back().start) continue;
      p.holders.back().leaving_reason = pick(r, kLeavingReason);
      p.holders.push_back(Tenure{++workers_, leaves, nullptr});
    }
    posts_.push_back(std::move(p));
    return posts_.size() - 1;
  }

  std::vector<Post> posts_;
  Service looked_after_, protection_;
  long workers_ = 0;
};

// Schools and early-years settings with their Ofsted inspections (providers.csv), for a
// child population of `population`.
void write_schools(CsvFile& out, uint64_t seed, const Span& span, long population);

// Fostering households, in-house and agency, with their approval and deregistration dates
// (foster_carers.csv), for `looked_after` children looked after.
void write_foster_carers(CsvFile& out, uint64_t seed, const Span& span, long looked_after);

}  // namespace scorecard::demo
