// The demo authority as yearly statutory returns (demo_returns.hpp): the demo's SSDA903 and CIN
// CSV files are read back, regrouped by child and year, and written as XML returns.
#include "core/cli/demo/demo_returns.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/datasets/csv.hpp"
#include "scorecard/date.hpp"

namespace scorecard::demo {
namespace {

namespace fs = std::filesystem;
using Row = std::vector<std::string>;

// One CSV file of the demo, read whole.
struct Table {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  size_t col(std::string_view name) const {
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) throw std::logic_error("demo returns: no column " + std::string(name));
    return static_cast<size_t>(it - columns.begin());
  }
};

Table read_table(const fs::path& file) {
  Table t;
  datasets::csv::Reader reader(file);
  datasets::csv::Record record;
  bool first = true;
  while (reader.next(record)) {
    Row row;
    for (const auto& f : record.fields) row.emplace_back(f.text);
    if (first) {
      t.columns = std::move(row);
      first = false;
    } else {
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

// dd/mm/yyyy as the demo writes it.
std::optional<Date> parse(const std::string& s) {
  int d = 0, m = 0, y = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%2d/%2d/%4d", &d, &m, &y) != 3) return std::nullopt;
  return Date::from_ymd(y, m, d);
}

// The collection year a date falls in: 1 April Y-1 to 31 March Y is year Y.
int year_of(const std::string& s) {
  const auto d = parse(s);
  if (!d) throw std::logic_error("demo returns: not a date: " + s);
  return collection_year(*d);
}

std::string iso(const std::string& dmy) {
  if (dmy.size() != 10) return dmy;
  return dmy.substr(6, 4) + "-" + dmy.substr(3, 2) + "-" + dmy.substr(0, 2);
}

// "2018-19" for year 2019.
std::string year_label(int year) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year - 1, year % 100);
  return text;
}

// An XML file written to `<name>.tmp` and renamed into place by close().
class XmlFile {
 public:
  XmlFile(const fs::path& dir, std::string name)
      : name_(std::move(name)), final_(dir / name_), temp_(dir / (name_ + ".tmp")) {
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) fail("cannot create");
    text_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  }
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;
  ~XmlFile() {
    if (!file_) return;
    std::fclose(file_);
    std::error_code ignored;
    fs::remove(temp_, ignored);
  }

  XmlFile& raw(std::string_view s) {
    text_.append(s);
    if (text_.size() >= (size_t{1} << 20)) flush();
    return *this;
  }
  // <name>value</name>, or <name/> for a blank.
  XmlFile& leaf(std::string_view name, std::string_view value) {
    text_.push_back('<');
    text_.append(name);
    if (value.empty()) {
      text_.append("/>");
      return *this;
    }
    text_.push_back('>');
    for (char c : value) {
      switch (c) {
        case '&': text_.append("&amp;"); break;
        case '<': text_.append("&lt;"); break;
        case '>': text_.append("&gt;"); break;
        default: text_.push_back(c);
      }
    }
    text_.append("</");
    text_.append(name);
    text_.push_back('>');
    return *this;
  }
  // A leaf only when the value is not blank (an optional element of the CIN census).
  XmlFile& optional(std::string_view name, std::string_view value) {
    return value.empty() ? *this : leaf(name, value);
  }
  void record() { ++records_; }

  ReturnSummary close() {
    flush();
    std::FILE* f = std::exchange(file_, nullptr);
    if (std::fclose(f) != 0) fail("cannot close");
    std::error_code ec;
    fs::rename(temp_, final_, ec);
    if (ec) {
      fs::remove(temp_, ec);
      throw std::runtime_error("demo data: cannot rename " + temp_.string() + " to " +
                               final_.string() + ": " + ec.message());
    }
    return ReturnSummary{name_, records_, bytes_};
  }

 private:
  void flush() {
    if (!text_.empty() && std::fwrite(text_.data(), 1, text_.size(), file_) != text_.size())
      fail("cannot write");
    bytes_ += text_.size();
    text_.clear();
  }
  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error("demo data: " + std::string(what) + " " + temp_.string());
  }

  std::string name_;
  fs::path final_, temp_;
  std::FILE* file_ = nullptr;
  std::string text_;
  long records_ = 0;
  std::uintmax_t bytes_ = 0;
};

// ---- SSDA903 ------------------------------------------------------------------------------

// A child's rows of the SSDA903 tables.
struct LookedAfter {
  const Row* header = nullptr;
  const Row* uasc = nullptr;
  std::vector<const Row*> episodes, oc2, oc3, ad1, placed;
  std::set<int> years;
};

struct Ssda903Tables {
  Table header, episodes, uasc, oc2, oc3, ad1, placed;
};

const char* const kHeaderColumns[] = {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"};
const char* const kHeaderElements[] = {"CHILDID", "SEX",    "DOB",   "ETHNIC",
                                       "UPN",     "MOTHER", "MC_DOB"};
const char* const kEpisodeColumns[] = {"DECOM",     "RNE",     "LS",
                                       "CIN",       "PLACE",   "PLACE_PROVIDER",
                                       "DEC",       "REC",     "REASON_PLACE_CHANGE",
                                       "HOME_POST", "PL_POST", "URN"};
const char* const kAd1Columns[] = {"DATE_INT",  "DATE_MATCH", "FOSTER_CARE",
                                   "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"};
const char* const kOc3Columns[] = {"IN_TOUCH", "ACTIV", "ACCOM"};
const char* const kOc2Columns[] = {
    "SDQ_SCORE",           "SDQ_REASON",       "CONVICTED",
    "HEALTH_CHECK",        "IMMUNISATIONS",    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",   "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED"};
const char* const kPlacedColumns[] = {"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"};

template <size_t N>
void leaves(XmlFile& out, const Table& t, const Row& row, const char* const (&columns)[N]) {
  for (const char* c : columns) out.leaf(c, row[t.col(c)]);
}

void write_ssda903(const fs::path& dir, const Ssda903Tables& t, int last_year,
                   std::vector<ReturnSummary>& written, int& first_year) {
  std::map<std::string, LookedAfter> by_child;
  std::vector<LookedAfter*> order;
  const size_t child = t.header.col("CHILD");
  for (const Row& r : t.header.rows) {
    LookedAfter& c = by_child[r[child]];
    c.header = &r;
    order.push_back(&c);
  }
  auto of = [&](const Table& table, const Row& r) -> LookedAfter& {
    const auto it = by_child.find(r[table.col("CHILD")]);
    if (it == by_child.end())
      throw std::logic_error("demo returns: a row for a child not in header: " + r[0]);
    return it->second;
  };
  const size_t decom = t.episodes.col("DECOM"), dec = t.episodes.col("DEC");
  for (const Row& r : t.episodes.rows) {
    LookedAfter& c = of(t.episodes, r);
    c.episodes.push_back(&r);
    const int to = r[dec].empty() ? last_year : year_of(r[dec]);
    for (int y = year_of(r[decom]); y <= to; ++y) c.years.insert(y);
  }
  for (const Row& r : t.uasc.rows) of(t.uasc, r).uasc = &r;
  for (const Row& r : t.oc2.rows) {
    of(t.oc2, r).oc2.push_back(&r);
    of(t.oc2, r).years.insert(std::stoi(r[t.oc2.col("YEAR")]));
  }
  for (const Row& r : t.oc3.rows) {
    of(t.oc3, r).oc3.push_back(&r);
    of(t.oc3, r).years.insert(std::stoi(r[t.oc3.col("YEAR")]));
  }
  for (const Row& r : t.ad1.rows) of(t.ad1, r).ad1.push_back(&r);
  for (const Row& r : t.placed.rows) of(t.placed, r).placed.push_back(&r);
  for (const LookedAfter* c : order)
    if (!c->years.empty()) first_year = std::min(first_year, *c->years.begin());

  for (int year = first_year; year <= last_year; ++year) {
    XmlFile out(dir, "SSDA903_" + year_label(year) + ".xml");
    out.raw("<EXPSSDA903>\n");
    for (const LookedAfter* c : order) {
      if (!c->years.count(year)) continue;
      const bool last = year == *c->years.rbegin();
      out.record();
      out.raw("<CHILD>\n<HEADER>");
      for (size_t i = 0; i < std::size(kHeaderColumns); ++i)
        out.leaf(kHeaderElements[i], (*c->header)[t.header.col(kHeaderColumns[i])]);
      if (c->uasc) {
        out.leaf("UASC", "1").leaf("DUC", (*c->uasc)[t.uasc.col("DUC")]);
      } else {
        out.leaf("UASC", "");
      }
      if (last)
        for (const Row* r : c->ad1) leaves(out, t.ad1, *r, kAd1Columns);
      for (const Row* r : c->oc3)
        if (std::stoi((*r)[t.oc3.col("YEAR")]) == year) leaves(out, t.oc3, *r, kOc3Columns);
      for (const Row* r : c->oc2) {
        if (std::stoi((*r)[t.oc2.col("YEAR")]) != year) continue;
        out.raw("\n<OC2>");
        leaves(out, t.oc2, *r, kOc2Columns);
        out.raw("</OC2>");
      }
      if (last)
        for (const Row* r : c->placed) {
          out.raw("\n<AD_PLACED>");
          leaves(out, t.placed, *r, kPlacedColumns);
          out.raw("</AD_PLACED>");
        }
      out.raw("</HEADER>\n");
      for (const Row* r : c->episodes) {
        const int from = year_of((*r)[decom]);
        const int to = (*r)[dec].empty() ? last_year : year_of((*r)[dec]);
        if (year < from || year > to) continue;
        out.raw("<EPISODE>");
        for (const char* col : kEpisodeColumns) {
          const std::string_view name = std::string_view(col) == "PLACE" ? "PL" : col;
          const bool later = year < to && (name == "DEC" || name == "REC");  // not known yet
          out.leaf(name, later ? std::string() : (*r)[t.episodes.col(col)]);
        }
        out.raw("</EPISODE>\n");
      }
      out.raw("</CHILD>\n");
    }
    out.raw("</EXPSSDA903>\n");
    written.push_back(out.close());
  }
}

// ---- CIN census ---------------------------------------------------------------------------

struct Referral {
  const Row* row;
  std::vector<const Row*> plans;
  std::set<int> years;
};

struct InNeed {
  std::vector<Referral> referrals;
  std::set<int> years;
};

void write_cin(const fs::path& dir, const Table& referrals, const Table& plans, const Table& header,
               int first_year, int last_year, std::vector<ReturnSummary>& written) {
  std::map<std::string, InNeed> by_child;
  std::vector<std::pair<const std::string*, InNeed*>> order;
  const size_t child = referrals.col("CHILD"), on = referrals.col("REFERRAL_DATE"),
               closed = referrals.col("CLOSURE_DATE");
  for (const Row& r : referrals.rows) {
    auto [it, fresh] = by_child.try_emplace(r[child]);
    if (fresh) order.emplace_back(&it->first, &it->second);
    Referral ref{&r, {}, {}};
    const int to = r[closed].empty() ? last_year : year_of(r[closed]);
    for (int y = year_of(r[on]); y <= to; ++y) ref.years.insert(y);
    it->second.referrals.push_back(std::move(ref));
  }
  const size_t plan_child = plans.col("CHILD"), start = plans.col("CPP_START"),
               end = plans.col("CPP_END");
  for (const Row& p : plans.rows) {
    const auto it = by_child.find(p[plan_child]);
    const auto started = parse(p[start]);
    Referral* within = nullptr;  // the latest referral on or before the plan's start
    if (it != by_child.end())
      for (Referral& r : it->second.referrals)
        if (*parse((*r.row)[on]) <= *started &&
            (!within || *parse((*r.row)[on]) >= *parse((*within->row)[on])))
          within = &r;
    if (!within)
      throw std::logic_error("demo returns: a CP plan with no referral before it: " + p[0]);
    within->plans.push_back(&p);
    const int to = p[end].empty() ? last_year : year_of(p[end]);
    for (int y = year_of(p[start]); y <= to; ++y) within->years.insert(y);
  }
  for (auto& [id, c] : order)
    for (const Referral& r : c->referrals) c->years.insert(r.years.begin(), r.years.end());
  std::map<std::string, const Row*> headers;
  for (const Row& h : header.rows) headers[h[header.col("CHILD")]] = &h;

  // A date known at the census date (31 March of `year`), else blank.
  auto known = [](const std::string& d, int year) {
    return d.empty() || year_of(d) > year ? std::string() : iso(d);
  };
  for (int year = first_year; year <= last_year; ++year) {
    XmlFile out(dir, "CIN_Census_" + year_label(year) + ".xml");
    out.raw("<Message>\n<Header><CollectionDetails>");
    out.leaf("Collection", "CIN").leaf("Year", std::to_string(year));
    out.leaf("ReferenceDate", std::to_string(year) + "-03-31");
    out.raw("</CollectionDetails><Source>");
    out.leaf("SourceLevel", "L").leaf("LEA", "999").leaf("SoftwareCode", "scorecard demo-data");
    out.raw("</Source></Header>\n<Children>\n");
    for (const auto& [id, c] : order) {
      if (!c->years.count(year)) continue;
      out.record();
      out.raw("<Child>\n<ChildIdentifiers>");
      out.leaf("LAchildID", *id);
      const auto h = headers.find(*id);
      if (h != headers.end()) {
        out.leaf("PersonBirthDate", iso((*h->second)[header.col("DOB")]));
        out.leaf("GenderCurrent", (*h->second)[header.col("SEX")]);  // 1 male, 2 female
      }
      out.raw("</ChildIdentifiers>");
      if (h != headers.end())
        out.raw("<ChildCharacteristics>")
            .leaf("Ethnicity", (*h->second)[header.col("ETHNIC")])
            .raw("</ChildCharacteristics>");
      out.raw("\n");
      for (const Referral& r : c->referrals) {
        if (!r.years.count(year)) continue;
        const Row& row = *r.row;
        out.raw("<CINdetails>");
        out.leaf("CINreferralDate", iso(row[on]));
        out.optional("ReferralSource", row[referrals.col("REFERRAL_SOURCE")]);
        out.optional("CINclosureDate", known(row[closed], year));
        out.leaf("ReferralNFA", row[referrals.col("NFA")]);
        for (const Row* p : r.plans) {
          const int from = year_of((*p)[start]);
          const int to = (*p)[end].empty() ? last_year : year_of((*p)[end]);
          if (year < from || year > to) continue;
          out.raw("\n<ChildProtectionPlans>");
          out.leaf("CPPstartDate", iso((*p)[start]));
          out.optional("CPPendDate", known((*p)[end], year));
          out.optional("InitialCategoryOfAbuse", (*p)[plans.col("INITIAL_CATEGORY")]);
          out.raw("</ChildProtectionPlans>");
        }
        out.raw("</CINdetails>\n");
      }
      out.raw("</Child>\n");
    }
    out.raw("</Children>\n</Message>\n");
    written.push_back(out.close());
  }
}

}  // namespace

DemoReturns write_demo_returns(const fs::path& out_dir, const DemoOptions& options) {
  DemoReturns out;
  std::vector<DatasetSummary> all = write_demo_data(out_dir, options);
  const std::set<std::string> as_returns = {
      "header",    "episodes", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption",
      "referrals", "cp_plans"};
  auto path = [&](const char* dataset) { return out_dir / (std::string(dataset) + ".csv"); };
  Ssda903Tables t{read_table(path("header")),
                  read_table(path("episodes")),
                  read_table(path("uasc")),
                  read_table(path("oc2")),
                  read_table(path("oc3")),
                  read_table(path("ad1")),
                  read_table(path("placed_for_adoption"))};
  const Table referrals = read_table(path("referrals"));
  const Table plans = read_table(path("cp_plans"));
  const int last_year = collection_year(options.data_to);
  int first_year = last_year;
  for (const Row& r : referrals.rows)
    first_year = std::min(first_year, year_of(r[referrals.col("REFERRAL_DATE")]));
  write_ssda903(out_dir, t, last_year, out.returns, first_year);
  // The SSDA903 returns were written from first_year (the earlier of both) on: so is the CIN.
  write_cin(out_dir, referrals, plans, t.header, first_year, last_year, out.returns);
  for (const DatasetSummary& s : all) {
    if (!as_returns.count(s.dataset)) {
      out.csv.push_back(s);
      continue;
    }
    std::error_code ec;
    fs::remove(path(s.dataset.c_str()), ec);
    if (ec)
      throw std::runtime_error("demo data: cannot remove " + path(s.dataset.c_str()).string() +
                               ": " + ec.message());
  }
  return out;
}

}  // namespace scorecard::demo
