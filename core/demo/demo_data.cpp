// scorecard demo data (see demo_data.hpp). The simulation, in the order it runs:
//   1. the authority: postcodes, placement settings (children's homes, fostering and adoption
//      agencies), social-work posts and who held them, schools and early-years settings, foster
//      carers;
//   2. each family of children looked after: their periods of care (route into care, legal
//      statuses, court case, outcome), placements and episodes, then everything recorded about
//      them (referrals, plans, visits, health, allocations, returns), written straight away;
//   3. children in need who are never looked after: referrals, child-protection plans, visits.
// Every family (and every other child, post, setting, carer) draws from its own random stream
// made from the seed and its number. Rates are England's published figures for 2016-19 where
// there are some; each table below says what it makes.
#include "core/demo/demo_data.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace scorecard::demo {
namespace {

namespace fs = std::filesystem;

// England: children looked after per 10,000 children aged 0-17 (2016-19: 62-65, rising).
constexpr double kLookedAfterPer10000 = 67.0;
// Children looked after at a date over children starting to be looked after in a year (England
// 2019: 78,150 / 31,680), the mean years a child stays in the count; 2.6 as this simulation
// makes it. demo_population rests on it.
constexpr double kMeanYearsInCare = 2.6;

// ---------------------------------------------------------------------------------------------
// Random numbers: xoshiro256** seeded through splitmix64, drawn only with integer arithmetic
// and exact double comparisons, so a seed gives the same files with any compiler or library.

constexpr uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// What a random stream is for; each thing of a kind has its own stream, by its number.
enum Stream : uint64_t {
  kGeography = 1,
  kSettings,
  kWorkforce,
  kFamily,
  kChildInNeed,
  kSchool,
  kCarer,
  kFutureEntrant,
};

class Random {
 public:
  Random(uint64_t seed, Stream stream, uint64_t index) {
    uint64_t x = splitmix(splitmix(splitmix(seed) ^ stream) ^ index);
    for (uint64_t& s : state_) s = x = splitmix(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  // A whole number in [0, n); 0 when n < 1.
  long below(long n) { return n < 1 ? 0 : static_cast<long>(next() % static_cast<uint64_t>(n)); }
  // A whole number in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(long{hi} - lo + 1)); }
  // True with probability p.
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

template <typename T>
struct Weighted {
  T value;
  int weight;
};

template <typename T, size_t N>
T pick(Random& r, const Weighted<T> (&table)[N]) {
  long total = 0;
  for (const auto& w : table) total += w.weight;
  long x = r.below(total);
  for (const auto& w : table) {
    if (x < w.weight) return w.value;
    x -= w.weight;
  }
  return table[N - 1].value;
}

// A duration: with relative weight `weight`, a whole number of days in [lo, hi].
struct Days {
  int weight, lo, hi;
};

template <size_t N>
int pick_days(Random& r, const Days (&table)[N]) {
  long total = 0;
  for (const auto& d : table) total += d.weight;
  long x = r.below(total);
  for (const auto& d : table) {
    if (x < d.weight) return r.between(d.lo, d.hi);
    x -= d.weight;
  }
  return table[N - 1].hi;
}

using Code = const char*;

Date after(Random& r, Date d, int lo, int hi) { return d.add_days(r.between(lo, hi)); }

// The day someone born on `dob` turns `years` (29 February: 1 March in a non-leap year).
Date birthday(Date dob, int years) {
  const Date::Ymd b = dob.ymd();
  const int y = b.year + years;
  if (b.month == 2 && b.day == 29 && !Date::is_leap(y)) return Date::from_ymd(y, 3, 1);
  return Date::from_ymd(y, b.month, b.day);
}

bool starts_with(std::string_view s, char c) { return !s.empty() && s[0] == c; }

// ---------------------------------------------------------------------------------------------
// CSV output: one buffered file per dataset, written to `<dataset>.csv.tmp` and renamed into
// place by close(); a file not closed (an exception on the way) is removed.

class CsvFile {
 public:
  CsvFile(const fs::path& dir, std::string dataset, std::initializer_list<std::string_view> columns)
      : dataset_(std::move(dataset)),
        final_(dir / (dataset_ + ".csv")),
        temp_(dir / (dataset_ + ".csv.tmp")) {
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) fail("cannot create");
    buffer_.reserve(kBufferSize + 4096);
    for (std::string_view c : columns) text(c);
    end_row();
    rows_ = 0;
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (!file_) return;
    std::fclose(file_);
    std::error_code ignored;
    fs::remove(temp_, ignored);
  }

  // A field, quoted (RFC 4180) only if it holds a comma, a quote or a line end.
  CsvFile& text(std::string_view v) {
    separate();
    if (!needs_quotes(v)) {
      buffer_.append(v);
      return *this;
    }
    buffer_.push_back('"');
    for (char c : v) {
      if (c == '"') buffer_.push_back('"');
      buffer_.push_back(c);
    }
    buffer_.push_back('"');
    return *this;
  }
  CsvFile& blank() { return text({}); }
  CsvFile& number(long v) {
    separate();
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%ld", v);
    buffer_.append(digits, static_cast<size_t>(n));
    return *this;
  }
  CsvFile& flag(bool v) { return text(v ? "1" : "0"); }
  // `prefix` and `number` zero-padded to `width` digits: C0000042.
  CsvFile& id(std::string_view prefix, long number, int width) {
    separate();
    buffer_.append(prefix);
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%0*ld", width, number);
    buffer_.append(digits, static_cast<size_t>(n));
    return *this;
  }
  // dd/mm/yyyy, the DfE layout.
  CsvFile& date(Date d) {
    separate();
    char text[10];
    DateText::get().write(d, text);
    buffer_.append(text, sizeof text);
    return *this;
  }
  CsvFile& date(std::optional<Date> d) { return d ? date(*d) : blank(); }
  // A number held in millionths, written with six decimals: 52.570000.
  CsvFile& millionths(long v) {
    separate();
    char digits[32];
    const long whole = v / 1000000, part = v % 1000000;
    const int n = std::snprintf(digits, sizeof digits, "%s%ld.%06ld", v < 0 ? "-" : "",
                                whole < 0 ? -whole : whole, part < 0 ? -part : part);
    buffer_.append(digits, static_cast<size_t>(n));
    return *this;
  }
  // A number held in tenths, with one decimal: 0.8.
  CsvFile& tenths(int v) {
    separate();
    buffer_.push_back(static_cast<char>('0' + v / 10));
    buffer_.push_back('.');
    buffer_.push_back(static_cast<char>('0' + v % 10));
    return *this;
  }

  void end_row() {
    buffer_.push_back('\n');
    fields_ = 0;
    ++rows_;
    if (buffer_.size() >= kBufferSize) flush();
  }

  // Flushes, closes and renames the file into place; what was written.
  DatasetSummary close() {
    flush();
    std::FILE* f = std::exchange(file_, nullptr);
    if (std::fclose(f) != 0) {
      file_ = nullptr;
      fail("cannot close");
    }
    std::error_code ec;
    fs::rename(temp_, final_, ec);
    if (ec) {
      fs::remove(temp_, ec);
      throw std::runtime_error("demo data: cannot rename " + temp_.string() + " to " +
                               final_.string() + ": " + ec.message());
    }
    return DatasetSummary{dataset_, rows_, bytes_};
  }

 private:
  static constexpr size_t kBufferSize = size_t{1} << 20;

  // Every day from 1900 to 2099 as dd/mm/yyyy, made once (dates are most of what is written).
  class DateText {
   public:
    static const DateText& get() {
      static const DateText table;
      return table;
    }
    void write(Date d, char* out) const {
      const size_t i = static_cast<size_t>(d.days - kFirst.days);
      if (d >= kFirst && i < text_.size() / 10) {
        std::memcpy(out, &text_[i * 10], 10);
      } else {
        format(d, out);
      }
    }

   private:
    static constexpr Date kFirst = Date::from_ymd(1900, 1, 1);
    DateText() {
      const Date last = Date::from_ymd(2100, 1, 1);
      text_.resize(static_cast<size_t>(last - kFirst) * 10);
      for (Date d = kFirst; d < last; d = d.add_days(1)) {
        format(d, &text_[static_cast<size_t>(d - kFirst) * 10]);
      }
    }
    static void format(Date d, char* out) {
      const Date::Ymd v = d.ymd();
      const int digits[] = {v.day / 10,         v.day % 10,        -1,
                            v.month / 10,       v.month % 10,      -1,
                            v.year / 1000 % 10, v.year / 100 % 10, v.year / 10 % 10,
                            v.year % 10};
      for (int i = 0; i < 10; ++i) {
        out[i] = digits[i] < 0 ? '/' : static_cast<char>('0' + digits[i]);
      }
    }
    std::string text_;
  };

  static bool needs_quotes(std::string_view v) {
    for (char c : v) {
      if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
  }

  void separate() {
    if (fields_++ > 0) buffer_.push_back(',');
  }
  void flush() {
    if (buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      fail("cannot write");
    }
    bytes_ += buffer_.size();
    buffer_.clear();
  }
  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string("demo data: ") + what + " " + temp_.string() + ": " +
                             std::strerror(errno));
  }

  std::string dataset_;
  fs::path final_, temp_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  int fields_ = 0;
  long rows_ = 0;
  std::uintmax_t bytes_ = 0;
};

// Every output file, with the columns of DATA.md.
struct Files {
  explicit Files(const fs::path& d)
      : header(d, "header", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"}),
        episodes(d, "episodes",
                 {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                  "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}),
        uasc(d, "uasc", {"CHILD", "SEX", "DOB", "DUC"}),
        oc2(d, "oc2",
            {"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
             "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
             "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED", "YEAR"}),
        oc3(d, "oc3", {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM", "YEAR"}),
        ad1(d, "ad1",
            {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
             "LS_ADOPTR"}),
        placed_for_adoption(
            d, "placed_for_adoption",
            {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"}),
        referrals(
            d, "referrals",
            {"CHILD", "REFERRAL_ID", "REFERRAL_DATE", "REFERRAL_SOURCE", "CLOSURE_DATE", "NFA"}),
        cp_plans(d, "cp_plans", {"CHILD", "CPP_ID", "CPP_START", "CPP_END", "INITIAL_CATEGORY"}),
        visits(d, "visits", {"CHILD", "VISIT_DATE", "VISIT_TYPE", "SEEN"}),
        child_events(d, "child_events", {"CHILD", "EVENT_TYPE", "EVENT_DATE"}),
        proceedings(d, "proceedings", {"CASE_ID", "CHILD", "ISSUE_DATE", "FINAL_ORDER_DATE"}),
        workforce(d, "workforce",
                  {"WORKER_ID", "ROLE", "QUALIFIED", "TEAM", "FTE", "START_DATE", "END_DATE",
                   "LEAVING_REASON"}),
        allocations(d, "allocations", {"CHILD", "WORKER_ID", "START_DATE", "END_DATE"}),
        providers(d, "providers",
                  {"URN", "SETTING_TYPE", "INSPECTION_DATE", "OVERALL_EFFECTIVENESS"}),
        foster_carers(d, "foster_carers",
                      {"CARER_ID", "PROVIDER", "APPROVAL_DATE", "DEREGISTRATION_DATE"}),
        postcode_centroids(d, "postcode_centroids", {"POSTCODE", "LATITUDE", "LONGITUDE"}) {}

  std::vector<DatasetSummary> close() {
    std::vector<DatasetSummary> out;
    for (CsvFile* f : {&header, &episodes, &uasc, &oc2, &oc3, &ad1, &placed_for_adoption,
                       &referrals, &cp_plans, &visits, &child_events, &proceedings, &workforce,
                       &allocations, &providers, &foster_carers, &postcode_centroids}) {
      out.push_back(f->close());
    }
    return out;
  }

  CsvFile header, episodes, uasc, oc2, oc3, ad1, placed_for_adoption, referrals, cp_plans, visits,
      child_events, proceedings, workforce, allocations, providers, foster_carers,
      postcode_centroids;
};

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

constexpr District kDistricts[] = {
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

constexpr long kCentreLatitude = 52570000;  // millionths of a degree
constexpr long kCentreLongitude = -1350000;
constexpr double kMilesPerDegreeLatitude = 69.05;
constexpr double kMilesPerDegreeLongitude = 42.0;  // at 52.6 degrees north

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

template <typename T>
const T& one_of(Random& r, const std::vector<T>& v) {
  return v[static_cast<size_t>(r.below(static_cast<long>(v.size())))];
}

// ---------------------------------------------------------------------------------------------
// Workforce: social-work posts in teams; each post is held by one worker after another (a
// successor starts the day the leaver goes). Turnover about 16% a year, 78% of it voluntary
// (resigned or retired): EA11 about 12.5%. Case-holding posts are sized so that the children
// looked after and on plans are about 16.5 cases per FTE.

constexpr double kCasesPerFte = 16.5;
constexpr double kLeaversPerYear = 0.16;
constexpr int kCaseholdersPerTeam = 7;

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

// ---------------------------------------------------------------------------------------------
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

void set_status(Period& p, Date from, Code ls) {
  if (!p.statuses.empty() && p.statuses.back().from == from) p.statuses.pop_back();
  if (!p.statuses.empty() && std::string_view(p.statuses.back().ls) == ls) return;
  p.statuses.push_back(StatusFrom{from, ls});
}

// --- Entering care -----------------------------------------------------------------------------

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

int age_band(int age) { return age < 1 ? 0 : age < 5 ? 1 : age < 10 ? 2 : age < 16 ? 3 : 4; }

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

// --- Placements --------------------------------------------------------------------------------

// PLACE at a first placement or a move, by age. U4/U1 (long-term foster) come mostly from a
// short-term placement (U6/U3) confirmed as long-term with the same carer.
constexpr Weighted<Code> kPlaceUnder10[] = {
    {"U6", 800}, {"U3", 90}, {"U4", 50}, {"K2", 15}, {"R1", 10}};
constexpr Weighted<Code> kPlace10To15[] = {{"U6", 560}, {"U3", 70}, {"U4", 50},
                                           {"K2", 260}, {"R1", 15}, {"K1", 10}};
constexpr Weighted<Code> kPlace16Plus[] = {{"U6", 330}, {"U3", 40}, {"U4", 30}, {"K2", 200},
                                           {"H5", 340}, {"P2", 50}, {"R1", 10}};
constexpr Weighted<Code> kAsylumPlaceUnder16[] = {{"U6", 650}, {"K2", 250}, {"U4", 100}};
constexpr Weighted<Code> kAsylumPlace16Plus[] = {{"H5", 550}, {"U6", 330}, {"K2", 120}};

// In-house (PR1) is about 55% of foster placements (kinship all in-house, others 46%).
constexpr Weighted<Code> kFosterProvider[] = {{"PR1", 46}, {"PR4", 48}, {"PR5", 3}, {"PR2", 3}};
constexpr Weighted<Code> kHomeProvider[] = {{"PR1", 20}, {"PR4", 72}, {"PR5", 8}};
constexpr Weighted<Code> kAdoptionProvider[] = {{"PR1", 65}, {"PR5", 30}, {"PR2", 5}};
// Where carers live: about 15% of children are placed over 20 miles from home.
constexpr Weighted<Zone> kInHouseZone[] = {{kBorough, 82}, {kNear, 15}, {kFar, 3}};
constexpr Weighted<Zone> kKinshipZone[] = {{kBorough, 68}, {kNear, 22}, {kFar, 10}};
constexpr Weighted<Zone> kAgencyZone[] = {{kBorough, 48}, {kNear, 40}, {kFar, 12}};
constexpr Weighted<Zone> kAdopterZone[] = {{kBorough, 40}, {kNear, 35}, {kFar, 25}};
constexpr Weighted<Zone> kSupportedZone[] = {{kBorough, 62}, {kNear, 28}, {kFar, 10}};
constexpr std::string_view kNoUrn = "XXXXXXX";

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

// ---------------------------------------------------------------------------------------------
// Everything recorded about children, written as each child is made.

// Where referrals come from (CIN census REFERRAL_SOURCE, England shares).
constexpr Weighted<Code> kReferralSource[] = {
    {"1A", 40}, {"1B", 15}, {"1C", 10}, {"1D", 15}, {"2A", 170}, {"2B", 10}, {"3A", 25}, {"3B", 20},
    {"3C", 5},  {"3D", 10}, {"3E", 30}, {"3F", 55}, {"4", 15},   {"5A", 80}, {"5B", 30}, {"5C", 30},
    {"5D", 10}, {"6", 290}, {"7", 15},  {"8", 40},  {"9", 10},   {"10", 20}};
constexpr Weighted<Code> kPlanCategory[] = {
    {"NEG", 480}, {"EMO", 350}, {"PHY", 70}, {"SAB", 40}, {"MUL", 60}};
// Child-protection plans: a fifth end within 3 months, a fifth last over a year.
constexpr Days kPlanLength[] = {
    {20, 30, 91}, {20, 92, 182}, {38, 183, 365}, {19, 366, 730}, {3, 731, 1100}};
// Statutory visits: every ~6 weeks for a child looked after; 10 days on a plan.
constexpr Days kCareVisitGap[] = {{85, 21, 42}, {15, 43, 70}};
constexpr Days kSupervisionGap[] = {{85, 14, 31}, {15, 32, 60}};
constexpr Days kPepGap[] = {{85, 80, 130}, {15, 131, 260}};
constexpr Days kHealthGapUnder5[] = {{90, 150, 200}, {10, 201, 330}};
constexpr Days kHealthGap[] = {{72, 300, 365}, {13, 366, 480}, {15, 600, 730}};
constexpr Days kDentalGap[] = {{70, 150, 365}, {15, 366, 540}, {15, 541, 800}};

class Recorder {
 public:
  Recorder(Files& files, const Span& span, const Geography& geo, Workforce& workforce)
      : files_(files), span_(span), geo_(geo), workforce_(workforce) {}

  // --- Children in need -------------------------------------------------------------------------

  // A referral (none after data_to; its closure blank while open at data_to).
  void referral(Random& r, std::string_view child, Date on, std::optional<Date> closed, bool nfa) {
    if (on > span_.to) return;
    files_.referrals.text(child).id("R", ++referrals_, 8).date(on).text(pick(r, kReferralSource));
    files_.referrals.date(closed && *closed <= span_.to ? closed : std::nullopt).flag(nfa);
    files_.referrals.end_row();
  }

  // The referral that brings a child into care on `entry` (open until `left` care), after a
  // child-protection plan with probability `plan_chance`, and an earlier referral for some;
  // nothing before `since` (the end of an earlier period of care), no plan before birth and no
  // referral more than four months before it.
  void referred_into_care(Random& r, std::string_view child, Date dob, Date since, Date entry,
                          Date left, double plan_chance) {
    Date referred = after(r, entry, -45, 0);
    if (r.chance(plan_chance)) {
      const Date start = after(r, entry, -365, -30);
      if (start >= std::max(dob, since)) {
        referred = after(r, start, -45, -10);
        plan(r, child, start, entry);
      }
    }
    const Date earlier = after(r, referred, -900, -60);
    if (r.chance(0.3) && earlier >= std::max(dob.add_days(-120), since)) {
      const bool nfa = r.chance(0.3);
      referral(r, child, earlier, after(r, earlier, nfa ? 0 : 20, nfa ? 7 : 50), nfa);
    }
    referral(r, child, referred, after(r, left, 0, 60), false);
  }

  // A child-protection plan, its visits and the child's allocation to a CP social worker.
  void plan(Random& r, std::string_view child, Date start, Date end) {
    if (start > span_.to) return;
    files_.cp_plans.text(child).id("CPP", ++plans_, 7).date(start).date(span_.known(end));
    files_.cp_plans.text(pick(r, kPlanCategory)).end_row();
    if (end >= span_.detail_from) plan_visits(r, child, start, end);
    allocate(r, child, workforce_.protection(), start, end);
  }

  // Allocated to a case-holding worker of the service from `start` (or the span's start) to
  // `end`: a new row when the post changes hands, and every year or three anyway.
  void allocate(Random& r, std::string_view child, Service& service, Date start, Date end) {
    if (service.posts.empty()) return;
    Date from = std::max(start, span_.from);
    if (from > span_.to || end <= from) return;
    size_t post = workforce_.pick_post(r, service);
    Date review = after(r, from, 180, 1100);
    while (true) {
      const std::vector<Tenure>& holders = workforce_.posts()[post].holders;
      auto it = std::upper_bound(holders.begin(), holders.end(), from,
                                 [](Date d, const Tenure& t) { return d < t.start; });
      const Tenure& holder = it == holders.begin() ? holders.front() : *std::prev(it);
      Date to = std::min(end, review);
      if (it != holders.end()) to = std::min(to, it->start);
      files_.allocations.text(child).id("W", holder.worker, 5).date(from).date(span_.known(to));
      files_.allocations.end_row();
      if (to >= end || to > span_.to) return;
      if (to == review) {
        post = workforce_.pick_post(r, service);
        review = after(r, review, 180, 1100);
      }
      from = to;
    }
  }

  void visit(std::string_view child, Date on, Code type, bool seen) {
    files_.visits.text(child).date(on).text(type).flag(seen).end_row();
  }

  void event(std::string_view child, Code type, Date on) {
    files_.child_events.text(child).text(type).date(on).end_row();
  }

  Files& files() { return files_; }
  const Span& span() const { return span_; }
  const Geography& geography() const { return geo_; }
  Workforce& workforce() { return workforce_; }
  long next_case() { return ++cases_; }

 private:
  // CP visits every 10 days while the plan is open; 88% made by the due date.
  void plan_visits(Random& r, std::string_view child, Date start, Date end) {
    Date last = start;
    while (true) {
      const Date due = last.add_days(10);
      Date on = r.chance(0.88) ? after(r, due, -4, 0) : after(r, due, 1, 8);
      if (on <= last) on = last.add_days(1);
      if (on >= end || on > span_.to) return;
      visit(child, on, "CP", r.chance(0.96));
      last = on;
    }
  }

  Files& files_;
  const Span& span_;
  const Geography& geo_;
  Workforce& workforce_;
  long referrals_ = 0, plans_ = 0, cases_ = 0;
};

// The next referral of a child, with probability `chance`; 72% of those within a year of the
// last referral (about 22% of all referrals are re-referrals).
std::optional<Date> next_referral(Random& r, Date last, Date closed, double chance) {
  if (!r.chance(chance)) return std::nullopt;
  const Date earliest = std::max(last, closed).add_days(1);
  const Date year_on = last.add_months(12);
  if (r.chance(0.72) && earliest < year_on) return after(r, earliest, 0, year_on - earliest);
  return after(r, std::max(earliest, year_on), 1, 900);
}

// A child in need who is never looked after: referrals, some leading to a CP plan (a child with
// an earlier plan more often: about a quarter of plans are second plans).
constexpr double kFirstPlanChance = 0.3;
constexpr double kRepeatPlanChance = 0.6;
constexpr double kReferralAgainChance = 0.37;
constexpr double kReferralAfterPlanChance = 0.5;

void write_child_in_need(Recorder& rec, uint64_t seed, long number) {
  Random r(seed, kChildInNeed, static_cast<uint64_t>(number));
  const Span& span = rec.span();
  char id[24];
  std::snprintf(id, sizeof id, "N%07ld", number);
  std::optional<Date> on = after(r, span.from, -365, span.to - span.from);
  bool had_plan = false;
  for (int n = 0; on && n < 8 && *on <= span.to; ++n) {
    const bool nfa = r.chance(0.12);
    Date closed = nfa ? after(r, *on, 0, 7) : after(r, *on, 20, 200);
    const bool planned = !nfa && r.chance(had_plan ? kRepeatPlanChance : kFirstPlanChance);
    if (planned) {
      const Date start = after(r, *on, 10, 40);
      const Date end = start.add_days(pick_days(r, kPlanLength));
      rec.plan(r, id, start, end);
      closed = after(r, end, 14, 120);
      had_plan = true;
    }
    rec.referral(r, id, *on, closed, nfa);
    on = next_referral(r, *on, closed, planned ? kReferralAfterPlanChance : kReferralAgainChance);
  }
}

// A child who will start to be looked after within 15 months after data_to: at data_to, a
// child in need, referred and perhaps on a plan (without these, plans and referrals would thin
// out towards data_to).
void write_future_entrant(Recorder& rec, uint64_t seed, long number) {
  Random r(seed, kFutureEntrant, static_cast<uint64_t>(number));
  const Span& span = rec.span();
  char id[24];
  std::snprintf(id, sizeof id, "N%07ld", number);
  const Date entry = after(r, span.to, 1, 456);
  const Date dob = after(r, entry, -17 * 365, 0);
  rec.referred_into_care(r, id, dob, dob, entry, entry, r.chance(0.5) ? 0.5 : 0.2);
}

// ---------------------------------------------------------------------------------------------
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

  void make_placements(Random& r, Child& c) {
    maybe_return_to_care(r, c, span_);
    for (Period& p : c.periods) {
      PlacementPlanner(placements_, r, c, p).plan();
      make_episodes(p);
      add_temporary_moves(r, placements_, p);
    }
  }

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

// ---------------------------------------------------------------------------------------------
// The rest of the authority.

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

// Children on child-protection plans for every child looked after (England 2019: 52,260 to
// 78,150); the children in need who are never looked after, per child ever looked after, are
// as many as make that stock with the plan rates of write_child_in_need.
constexpr double kPlansPerLookedAfter = 0.62;
constexpr double kChildrenInNeedPerChild = 3.5;

}  // namespace

long demo_population(const DemoOptions& options) {
  const double share_looked_after = kMeanYearsInCare / (kMeanYearsInCare + options.years);
  const double population =
      static_cast<double>(options.children) * 10000.0 / kLookedAfterPer10000 * share_looked_after;
  return std::max(1L, std::lround(population));
}

std::vector<DatasetSummary> write_demo_data(const fs::path& out_dir, const DemoOptions& options) {
  if (options.children < 0) throw std::invalid_argument("demo data: children must be 0 or more");
  if (options.years < 1) throw std::invalid_argument("demo data: years must be 1 or more");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    throw std::runtime_error("demo data: cannot create " + out_dir.string() + ": " + ec.message());
  }
  const Span span = make_span(options);
  const long population = options.children > 0 ? demo_population(options) : 0;
  const long looked_after = std::lround(population * kLookedAfterPer10000 / 10000);
  Files files(out_dir);

  const Geography geo(options.seed);
  if (options.children > 0) geo.write(files.postcode_centroids);
  const Settings settings(options.seed, geo);
  Workforce workforce(options.seed, span, looked_after,
                      std::lround(looked_after * kPlansPerLookedAfter));
  workforce.write(files.workforce, span);
  write_schools(files.providers, options.seed, span, population);
  write_foster_carers(files.foster_carers, options.seed, span, looked_after);

  Recorder recorder(files, span, geo, workforce);
  const Placements placements(geo, settings);
  FamilyWriter families(recorder, placements, options.seed);
  for (long n = 1; n <= options.children;) {
    n += families.write_next(n, options.children - n + 1);
  }
  const long in_need = std::lround(options.children * kChildrenInNeedPerChild);
  for (long n = 1; n <= in_need; ++n) write_child_in_need(recorder, options.seed, n);
  const long entrants = std::lround(options.children / (kMeanYearsInCare + options.years) * 1.25);
  for (long n = 1; n <= entrants; ++n) write_future_entrant(recorder, options.seed, in_need + n);

  std::vector<DatasetSummary> written = files.close();
  spdlog::debug("demo data: {} children looked after, population {}, {} datasets in {}",
                options.children, population, written.size(), out_dir.string());
  return written;
}

}  // namespace scorecard::demo
