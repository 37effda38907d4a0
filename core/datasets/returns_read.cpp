// The three return readers: which element of which return fills which column of which
// dataset (docs/datasets.md, "Statutory returns"). Values are passed on as written (trimmed);
// their types and codes are checked by the loader, as a CSV cell's are.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "core/datasets/returns.hpp"
#include "core/datasets/returns_xml.hpp"

namespace scorecard::datasets::returns {

const char* to_string(Kind kind) {
  switch (kind) {
    case Kind::kSsda903: return "SSDA903 return";
    case Kind::kCinCensus: return "CIN census";
    case Kind::kWorkforceCensus: return "workforce census";
  }
  return "return";
}

namespace {

// An element of a block and the column it fills.
struct Field {
  std::string_view element;  // views of literals: compared for every element, no strlen
  std::string_view column;
};

// Writes the rows of one Part, a row at a time.
class Rows {
 public:
  // `block` is the path of the element a row comes from ("EXPSSDA903/CHILD/EPISODE"); the
  // columns read from its children have paths block/element.
  Rows(Part& part, const std::vector<std::string>& columns) : part_(part) {
    part_.columns = columns;
    part_.paths.assign(columns.size(), "");
    cells_.resize(columns.size());
  }
  void path(std::string_view column, std::string p) { part_.paths[index(column)] = std::move(p); }
  void begin(uint32_t line, uint32_t column) {
    for (Cell& c : cells_) {
      c.text.clear();  // keeps its buffer for the next row
      c.line = line;
      c.column = column;
    }
  }
  // `column` by name: no string is made for the look-up (this is done for every cell).
  void set(std::string_view column, std::string_view text, uint32_t line, uint32_t col) {
    Cell& c = cells_[index(column)];
    c.text.assign(text.data(), text.size());
    c.line = line;
    c.column = col;
  }
  void end() {
    for (const Cell& c : cells_) {
      part_.text += c.text;
      if (part_.text.size() > UINT32_MAX)
        throw std::runtime_error(part_.file.string() + ": more than 4 GB of " + part_.dataset);
      part_.ends.push_back(static_cast<uint32_t>(part_.text.size()));
      part_.lines.push_back(c.line);
      part_.cols.push_back(c.column);
    }
  }
  size_t index(std::string_view column) const {
    for (size_t i = 0; i < part_.columns.size(); ++i)
      if (part_.columns[i] == column) return i;
    throw std::logic_error("no column " + std::string(column));
  }

 private:
  struct Cell {
    std::string text;
    uint32_t line = 0, column = 0;
  };
  Part& part_;
  std::vector<Cell> cells_;
};

// One reading: the parts by dataset, the warnings once per element name.
class Reader {
 public:
  Reader(const ReturnFile& file, Reading& out) : file_(file), out_(out) {}

  Rows& rows(std::string_view dataset, const std::vector<std::string>& columns) {
    auto it = rows_.find(dataset);  // no string made: done for every row
    if (it != rows_.end()) return *it->second;
    out_.parts.emplace_back();  // reserved by the caller: no reallocation
    Part& p = out_.parts.back();
    p.dataset = std::string(dataset);
    p.file = file_.path;
    p.year = file_.year;
    auto r = std::make_unique<Rows>(p, columns);
    return *rows_.emplace(std::string(dataset), std::move(r)).first->second;
  }

  void unknown(const std::string& path, uint32_t line, uint32_t column) {
    if (!unknown_.insert(path).second) return;
    out_.warnings.push_back(fmt(line, column) + "unknown element " + path +
                            " ignored (said once for every element of that name)");
  }

  void strays(const XmlTree& tree, const std::string& root_path) {
    for (const auto& s : tree.strays())
      if (stray_count_++ < 20)
        out_.warnings.push_back(fmt(s.line, s.column) + "text '" + s.text +
                                "' beside the elements of " +
                                element_path(tree, s.element, root_path) + " ignored");
  }

  void warn(uint32_t line, uint32_t column, const std::string& text) {
    out_.warnings.push_back(fmt(line, column) + text);
  }

  std::string fmt(uint32_t line, uint32_t column) const {
    return file_.path.string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  }

  // `root_path` is the path of the record element (tree element 0).
  static std::string element_path(const XmlTree& tree, int32_t e, const std::string& root_path) {
    std::vector<std::string_view> names;
    for (int32_t i = e; i > 0; i = tree.at(i).parent) names.push_back(tree.name(i));
    std::string p = root_path;
    for (auto it = names.rbegin(); it != names.rend(); ++it) p += "/" + std::string(*it);
    return p;
  }

  const ReturnFile& file() const { return file_; }

 private:
  const ReturnFile& file_;
  Reading& out_;
  std::map<std::string, std::unique_ptr<Rows>, std::less<>> rows_;
  std::set<std::string> unknown_;
  size_t stray_count_ = 0;
};

const Field* find_field(const std::vector<Field>& fields, std::string_view element) {
  for (const Field& f : fields)
    if (element == f.element) return &f;
  return nullptr;
}

std::vector<std::string> columns_of(std::vector<std::string> first, const std::vector<Field>& f) {
  for (const Field& x : f) first.emplace_back(x.column);
  return first;
}

// Fills a row's columns from the leaf children of `block` that `fields` names; any other
// child is unknown unless `known` says so.
template <class Known>
void fill(Reader& reader, Rows& rows, const XmlTree& tree, int32_t block,
          const std::vector<Field>& fields, const std::string& block_path, Known known) {
  for (int32_t c = tree.at(block).first_child; c >= 0; c = tree.at(c).next_sibling) {
    const std::string_view name = tree.name(c);
    if (const Field* f = find_field(fields, name); f && tree.leaf(c)) {
      rows.set(f->column, tree.text(c), tree.at(c).line, tree.at(c).column);
    } else if (!known(name)) {
      reader.unknown(block_path + "/" + std::string(name), tree.at(c).line, tree.at(c).column);
    }
  }
}

void set_paths(Rows& rows, const std::vector<Field>& fields, const std::string& block_path) {
  for (const Field& f : fields) rows.path(f.column, block_path + "/" + std::string(f.element));
}

// ---- SSDA903 ------------------------------------------------------------------------------

const std::vector<Field> kHeader = {{"CHILDID", "CHILD"}, {"SEX", "SEX"}, {"DOB", "DOB"},
                                    {"ETHNIC", "ETHNIC"}, {"UPN", "UPN"}, {"MOTHER", "MOTHER"},
                                    {"MC_DOB", "MC_DOB"}};
const std::vector<Field> kUasc = {{"UASC", "UASC"}, {"DUC", "DUC"}};
const std::vector<Field> kAd1 = {{"DATE_INT", "DATE_INT"},       {"DATE_MATCH", "DATE_MATCH"},
                                 {"FOSTER_CARE", "FOSTER_CARE"}, {"NB_ADOPTR", "NB_ADOPTR"},
                                 {"SEX_ADOPTR", "SEX_ADOPTR"},   {"LS_ADOPTR", "LS_ADOPTR"}};
const std::vector<Field> kOc3 = {{"IN_TOUCH", "IN_TOUCH"}, {"ACTIV", "ACTIV"}, {"ACCOM", "ACCOM"}};
const std::vector<Field> kEpisode = {{"DECOM", "DECOM"},
                                     {"RNE", "RNE"},
                                     {"LS", "LS"},
                                     {"CIN", "CIN"},
                                     {"PL", "PLACE"},
                                     {"PLACE_PROVIDER", "PLACE_PROVIDER"},
                                     {"DEC", "DEC"},
                                     {"REC", "REC"},
                                     {"REASON_PLACE_CHANGE", "REASON_PLACE_CHANGE"},
                                     {"HOME_POST", "HOME_POST"},
                                     {"PL_POST", "PL_POST"},
                                     {"URN", "URN"}};
const std::vector<Field> kMissing = {
    {"MISSING", "MISSING"}, {"MIS_START", "MIS_START"}, {"MIS_END", "MIS_END"}};
const std::vector<Field> kReview = {{"REVIEW", "REVIEW"}, {"REVIEW_CODE", "REVIEW_CODE"}};
const std::vector<Field> kPermanence = {
    {"PREV_PERM", "PREV_PERM"}, {"LA_PERM", "LA_PERM"}, {"DATE_PERM", "DATE_PERM"}};
const std::vector<Field> kOc2 = {{"SDQ_SCORE", "SDQ_SCORE"},
                                 {"SDQ_REASON", "SDQ_REASON"},
                                 {"CONVICTED", "CONVICTED"},
                                 {"HEALTH_CHECK", "HEALTH_CHECK"},
                                 {"IMMUNISATIONS", "IMMUNISATIONS"},
                                 {"TEETH_CHECK", "TEETH_CHECK"},
                                 {"HEALTH_ASSESSMENT", "HEALTH_ASSESSMENT"},
                                 {"SUBSTANCE_MISUSE", "SUBSTANCE_MISUSE"},
                                 {"INTERVENTION_RECEIVED", "INTERVENTION_RECEIVED"},
                                 {"INTERVENTION_OFFERED", "INTERVENTION_OFFERED"}};
const std::vector<Field> kAdPlaced = {{"DATE_PLACED", "DATE_PLACED"},
                                      {"DATE_PLACED_CEASED", "DATE_PLACED_CEASED"},
                                      {"REASON_PLACED_CEASED", "REASON_PLACED_CEASED"}};

// A block of HEADER repeated per child (AREVIEW, AMISSING, ...): its dataset and fields.
struct HeaderBlock {
  std::string_view element;
  std::string_view dataset;
  const std::vector<Field>* fields;
  bool year;  // the dataset has YEAR (OC2)
};
const std::vector<HeaderBlock> kHeaderBlocks = {
    {"AMISSING", "missing", &kMissing, false},
    {"AREVIEW", "reviews", &kReview, false},
    {"PERMANENCE", "previous_permanence", &kPermanence, false},
    {"OC2", "oc2", &kOc2, true},
    {"AD_PLACED", "placed_for_adoption", &kAdPlaced, false}};

bool any_text(const XmlTree& tree, int32_t block, const std::vector<Field>& fields) {
  for (int32_t c = tree.at(block).first_child; c >= 0; c = tree.at(c).next_sibling)
    if (find_field(fields, tree.name(c)) && !tree.text(c).empty()) return true;
  return false;
}

// Leaf children of HEADER named in `fields` fill `rows` (the other leaves are other datasets').
void fill_only(Rows& rows, const XmlTree& tree, int32_t block, const std::vector<Field>& fields) {
  for (int32_t c = tree.at(block).first_child; c >= 0; c = tree.at(c).next_sibling)
    if (const Field* f = find_field(fields, tree.name(c)); f && tree.leaf(c))
      rows.set(f->column, tree.text(c), tree.at(c).line, tree.at(c).column);
}

class Ssda903 {
 public:
  explicit Ssda903(Reader& r) : r_(r), year_(std::to_string(r.file().year)) {
    const std::string child = "EXPSSDA903/CHILD", header = child + "/HEADER";
    auto& h = r_.rows("header", columns_of({}, kHeader));
    set_paths(h, kHeader, header);
    auto& u = r_.rows("uasc", {"CHILD", "SEX", "DOB", "DUC"});
    u.path("CHILD", header + "/CHILDID");
    u.path("SEX", header + "/SEX");
    u.path("DOB", header + "/DOB");
    u.path("DUC", header + "/DUC");
    auto& a = r_.rows("ad1", columns_of({"CHILD", "DOB"}, kAd1));
    set_paths(a, kAd1, header);
    std::vector<std::string> oc3_columns = columns_of({"CHILD", "DOB"}, kOc3);
    oc3_columns.push_back("YEAR");
    auto& o3 = r_.rows("oc3", oc3_columns);
    set_paths(o3, kOc3, header);
    auto& e = r_.rows("episodes", columns_of({"CHILD"}, kEpisode));
    set_paths(e, kEpisode, child + "/EPISODE");
    e.path("CHILD", header + "/CHILDID");
    for (const HeaderBlock& b : kHeaderBlocks) {
      std::vector<std::string> cols = columns_of({"CHILD", "DOB"}, *b.fields);
      if (b.year) cols.push_back("YEAR");
      auto& rows = r_.rows(b.dataset, cols);
      set_paths(rows, *b.fields, header + "/" + std::string(b.element));
    }
  }

  void child(const XmlTree& t) {
    const int32_t header = t.child(0, "HEADER");
    if (header < 0) {
      r_.warn(t.at(0).line, t.at(0).column,
              "EXPSSDA903/CHILD has no HEADER: its episodes have no CHILDID");
    }
    std::string id, dob, sex;
    uint32_t id_line = t.at(0).line, id_col = t.at(0).column, dob_line = id_line, dob_col = id_col,
             sex_line = id_line, sex_col = id_col;
    if (header >= 0) {
      if (int32_t c = t.child(header, "CHILDID"); c >= 0)
        id = t.text(c), id_line = t.at(c).line, id_col = t.at(c).column;
      if (int32_t c = t.child(header, "DOB"); c >= 0)
        dob = t.text(c), dob_line = t.at(c).line, dob_col = t.at(c).column;
      if (int32_t c = t.child(header, "SEX"); c >= 0)
        sex = t.text(c), sex_line = t.at(c).line, sex_col = t.at(c).column;
    }
    auto start = [&](Rows& rows, uint32_t line, uint32_t column, bool with_dob) {
      rows.begin(line, column);
      rows.set("CHILD", id, id_line, id_col);
      if (with_dob) rows.set("DOB", dob, dob_line, dob_col);
    };
    const uint32_t line = header >= 0 ? t.at(header).line : t.at(0).line;
    const uint32_t col = header >= 0 ? t.at(header).column : t.at(0).column;
    if (header >= 0) {
      auto& h = r_.rows("header", {});
      h.begin(line, col);
      fill(r_, h, t, header, kHeader, "EXPSSDA903/CHILD/HEADER", [&](std::string_view n) {
        return find_field(kUasc, n) || find_field(kAd1, n) || find_field(kOc3, n) ||
               std::any_of(kHeaderBlocks.begin(), kHeaderBlocks.end(),
                           [&](const HeaderBlock& b) { return n == b.element; });
      });
      h.end();
      const int32_t uasc = t.child(header, "UASC");
      const int32_t duc = t.child(header, "DUC");
      const std::string_view flag = uasc >= 0 ? t.text(uasc) : std::string_view();
      if ((!flag.empty() && flag != "0" && flag != "false") || (duc >= 0 && !t.text(duc).empty())) {
        auto& u = r_.rows("uasc", {});
        start(u, line, col, true);
        u.set("SEX", sex, sex_line, sex_col);
        if (duc >= 0) u.set("DUC", t.text(duc), t.at(duc).line, t.at(duc).column);
        u.end();
      }
      leaf_row("ad1", kAd1, t, header, start, line, col, false);
      leaf_row("oc3", kOc3, t, header, start, line, col, true);
      for (int32_t c = t.at(header).first_child; c >= 0; c = t.at(c).next_sibling)
        for (const HeaderBlock& b : kHeaderBlocks) {
          if (t.name(c) != b.element) continue;
          auto& rows = r_.rows(b.dataset, {});
          start(rows, t.at(c).line, t.at(c).column, true);
          if (b.year) rows.set("YEAR", year_, t.at(c).line, t.at(c).column);
          fill(r_, rows, t, c, *b.fields, "EXPSSDA903/CHILD/HEADER/" + std::string(b.element),
               [](std::string_view) { return false; });
          rows.end();
        }
    }
    for (int32_t c = t.at(0).first_child; c >= 0; c = t.at(c).next_sibling) {
      const std::string_view name = t.name(c);
      if (name == "HEADER") continue;
      if (name != "EPISODE") {
        r_.unknown("EXPSSDA903/CHILD/" + std::string(name), t.at(c).line, t.at(c).column);
        continue;
      }
      auto& e = r_.rows("episodes", {});
      start(e, t.at(c).line, t.at(c).column, false);
      fill(r_, e, t, c, kEpisode, "EXPSSDA903/CHILD/EPISODE",
           [](std::string_view) { return false; });
      e.end();
    }
    r_.strays(t, "EXPSSDA903/CHILD");
  }

 private:
  template <class Start>
  void leaf_row(const char* dataset, const std::vector<Field>& fields, const XmlTree& t,
                int32_t header, Start& start, uint32_t line, uint32_t col, bool year) {
    if (!any_text(t, header, fields)) return;
    auto& rows = r_.rows(dataset, {});
    start(rows, line, col, true);
    if (year) rows.set("YEAR", year_, line, col);
    fill_only(rows, t, header, fields);
    rows.end();
  }

  Reader& r_;
  std::string year_;
};

// ---- CIN census ---------------------------------------------------------------------------

const std::string kCinChild = "Message/Children/Child";
const std::vector<Field> kCinIdentifiers = {{"LAchildID", "CHILD"},
                                            {"UPN", "UPN"},
                                            {"FormerUPN", "FORMER_UPN"},
                                            {"UPNunknown", "UPN_UNKNOWN"},
                                            {"PersonBirthDate", "DOB"},
                                            {"ExpectedPersonBirthDate", "EXPECTED_DOB"},
                                            {"Sex", "SEX"},
                                            {"PersonDeathDate", "DEATH_DATE"}};
const std::vector<Field> kCinReferral = {{"CINreferralDate", "REFERRAL_DATE"},
                                         {"ReferralSource", "REFERRAL_SOURCE"},
                                         {"PrimaryNeedCode", "PRIMARY_NEED"},
                                         {"CINclosureDate", "CLOSURE_DATE"},
                                         {"ReasonForClosure", "CLOSURE_REASON"},
                                         {"DateOfInitialCPC", "INITIAL_CPC_DATE"},
                                         {"ReferralNFA", "NFA"}};
const std::vector<Field> kAssessment = {{"AssessmentActualStartDate", "ASSESSMENT_START"},
                                        {"AssessmentInternalReviewDate", "ASSESSMENT_REVIEW"},
                                        {"AssessmentAuthorisationDate", "ASSESSMENT_AUTHORISED"}};
const std::vector<Field> kCinPlan = {{"CINPlanStartDate", "CIN_PLAN_START"},
                                     {"CINPlanEndDate", "CIN_PLAN_END"}};
const std::vector<Field> kSection47 = {{"S47ActualStartDate", "S47_START"},
                                       {"InitialCPCtarget", "ICPC_TARGET"},
                                       {"DateOfInitialCPC", "ICPC_DATE"},
                                       {"ICPCnotRequired", "ICPC_NOT_REQUIRED"}};
const std::vector<Field> kCpp = {{"CPPstartDate", "CPP_START"},
                                 {"CPPendDate", "CPP_END"},
                                 {"InitialCategoryOfAbuse", "INITIAL_CATEGORY"},
                                 {"LatestCategoryOfAbuse", "LATEST_CATEGORY"},
                                 {"NumberOfPreviousCPP", "PREVIOUS_CPPS"}};

// GenderCurrent (to 2023-24): 1 male, 2 female, 0 not known, 9 not specified.
std::string_view sex_from_gender(std::string_view g) {
  if (g == "1") return "M";
  if (g == "2") return "F";
  if (g == "0" || g == "9") return "U";
  return g;  // the loader reports it against SEX's codes
}

// The text of the leaves named `name` under `parent`, joined by spaces (Disability, ...).
std::string joined(const XmlTree& t, int32_t parent, std::string_view name) {
  std::string out;
  for (int32_t c = t.at(parent).first_child; c >= 0; c = t.at(c).next_sibling) {
    if (t.name(c) != name || t.text(c).empty()) continue;
    if (!out.empty()) out += ' ';
    out += t.text(c);
  }
  return out;
}

class CinCensus {
 public:
  explicit CinCensus(Reader& r) : r_(r) {
    const std::string ids = kCinChild + "/ChildIdentifiers", d = kCinChild + "/CINdetails";
    std::vector<std::string> child_columns = columns_of({}, kCinIdentifiers);
    child_columns.push_back("ETHNICITY");
    child_columns.push_back("DISABILITIES");
    auto& c = r_.rows("cin_children", child_columns);
    c.path("ETHNICITY", kCinChild + "/ChildCharacteristics/Ethnicity");
    c.path("DISABILITIES", kCinChild + "/ChildCharacteristics/Disabilities/Disability");
    set_paths(c, kCinIdentifiers, ids);
    keyed("cin_children", {"CHILD"});
    auto with = [&](const std::string& dataset, std::vector<std::string> first,
                    const std::vector<Field>& fields, const std::string& block,
                    std::vector<std::string> key, const char* extra = nullptr) {
      std::vector<std::string> columns = columns_of(std::move(first), fields);
      if (extra) columns.push_back(extra);
      auto& rows = r_.rows(dataset, columns);
      set_paths(rows, fields, block);
      rows.path("CHILD", ids + "/LAchildID");
      keyed(dataset, std::move(key));
      return &rows;
    };
    with("referrals", {"CHILD", "REFERRAL_ID"}, kCinReferral, d, {"REFERRAL_ID"});
    with("assessments", {"CHILD", "REFERRAL_ID"}, kAssessment, d + "/Assessments",
         {"REFERRAL_ID", "ASSESSMENT_START"}, "FACTORS");
    with("cin_plans", {"CHILD", "REFERRAL_ID"}, kCinPlan, d + "/CINPlanDates",
         {"REFERRAL_ID", "CIN_PLAN_START"});
    with("section47", {"CHILD", "REFERRAL_ID"}, kSection47, d + "/Section47",
         {"REFERRAL_ID", "S47_START"});
    with("cp_plans", {"CHILD", "CPP_ID", "REFERRAL_ID"}, kCpp, d + "/ChildProtectionPlans",
         {"CPP_ID"});
    auto& rv = r_.rows("cp_reviews", {"CHILD", "CPP_ID", "REVIEW_DATE"});
    rv.path("CHILD", ids + "/LAchildID");
    rv.path("REVIEW_DATE", d + "/ChildProtectionPlans/Reviews/CPPreviewDate");
    keyed("cp_reviews", {"CPP_ID", "REVIEW_DATE"});
    auto& a = r_.rows("assessments", {});
    a.path("FACTORS", d + "/Assessments/FactorsIdentifiedAtAssessment/AssessmentFactors");
  }

  void child(const XmlTree& t) {
    const int32_t ids = t.child(0, "ChildIdentifiers");
    const int32_t chars = t.child(0, "ChildCharacteristics");
    std::string id;
    uint32_t id_line = t.at(0).line, id_col = t.at(0).column;
    if (ids >= 0)
      if (int32_t c = t.child(ids, "LAchildID"); c >= 0)
        id = t.text(c), id_line = t.at(c).line, id_col = t.at(c).column;
    auto start = [&](Rows& rows, int32_t e) {
      rows.begin(t.at(e).line, t.at(e).column);
      rows.set("CHILD", id, id_line, id_col);
    };
    auto& c = r_.rows("cin_children", {});
    start(c, ids >= 0 ? ids : 0);
    if (ids >= 0) {
      fill(r_, c, t, ids, kCinIdentifiers, kCinChild + "/ChildIdentifiers",
           [](std::string_view n) { return n == "GenderCurrent"; });
      const int32_t g = t.child(ids, "GenderCurrent");
      if (g >= 0 && t.child(ids, "Sex") < 0)
        c.set("SEX", sex_from_gender(t.text(g)), t.at(g).line, t.at(g).column);
    } else {
      r_.warn(t.at(0).line, t.at(0).column, kCinChild + " has no ChildIdentifiers");
    }
    if (chars >= 0) {
      for (int32_t k = t.at(chars).first_child; k >= 0; k = t.at(k).next_sibling) {
        const std::string_view n = t.name(k);
        if (n == "Ethnicity") {
          c.set("ETHNICITY", t.text(k), t.at(k).line, t.at(k).column);
        } else if (n == "Disabilities") {
          c.set("DISABILITIES", joined(t, k, "Disability"), t.at(k).line, t.at(k).column);
        } else {
          r_.unknown(kCinChild + "/ChildCharacteristics/" + std::string(n), t.at(k).line,
                     t.at(k).column);
        }
      }
    }
    c.end();
    for (int32_t k = t.at(0).first_child; k >= 0; k = t.at(k).next_sibling) {
      const std::string_view n = t.name(k);
      if (n == "CINdetails") {
        details(t, k, id, start);
      } else if (n != "ChildIdentifiers" && n != "ChildCharacteristics") {
        r_.unknown(kCinChild + "/" + std::string(n), t.at(k).line, t.at(k).column);
      }
    }
    r_.strays(t, kCinChild);
  }

 private:
  void keyed(const std::string& dataset, std::vector<std::string> key) { keys_[dataset] = key; }

  template <class Start>
  void details(const XmlTree& t, int32_t d, const std::string& child, Start& start) {
    const std::string path = kCinChild + "/CINdetails";
    const int32_t date = t.child(d, "CINreferralDate");
    const std::string referral = child + "/" + std::string(date >= 0 ? t.text(date) : "");
    auto& r = r_.rows("referrals", {});
    start(r, d);
    r.set("REFERRAL_ID", referral, t.at(d).line, t.at(d).column);
    const char* blocks[] = {"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"};
    fill(r_, r, t, d, kCinReferral, path, [&](std::string_view n) {
      return std::any_of(std::begin(blocks), std::end(blocks),
                         [&](const char* b) { return n == b; });
    });
    r.end();
    for (int32_t k = t.at(d).first_child; k >= 0; k = t.at(k).next_sibling) {
      const std::string_view n = t.name(k);
      if (n == "Assessments") {
        auto& a = r_.rows("assessments", {});
        start(a, k);
        a.set("REFERRAL_ID", referral, t.at(k).line, t.at(k).column);
        fill(r_, a, t, k, kAssessment, path + "/Assessments",
             [&](std::string_view x) { return x == "FactorsIdentifiedAtAssessment"; });
        if (int32_t f = t.child(k, "FactorsIdentifiedAtAssessment"); f >= 0)
          a.set("FACTORS", joined(t, f, "AssessmentFactors"), t.at(f).line, t.at(f).column);
        a.end();
      } else if (n == "CINPlanDates") {
        block("cin_plans", kCinPlan, t, k, referral, start, path + "/CINPlanDates");
      } else if (n == "Section47") {
        block("section47", kSection47, t, k, referral, start, path + "/Section47");
      } else if (n == "ChildProtectionPlans") {
        plan(t, k, child, referral, start, path + "/ChildProtectionPlans");
      }
    }
  }

  template <class Start>
  void block(const char* dataset, const std::vector<Field>& fields, const XmlTree& t, int32_t k,
             const std::string& referral, Start& start, const std::string& path) {
    auto& rows = r_.rows(dataset, {});
    start(rows, k);
    rows.set("REFERRAL_ID", referral, t.at(k).line, t.at(k).column);
    fill(r_, rows, t, k, fields, path, [](std::string_view) { return false; });
    rows.end();
  }

  template <class Start>
  void plan(const XmlTree& t, int32_t k, const std::string& child, const std::string& referral,
            Start& start, const std::string& path) {
    const int32_t date = t.child(k, "CPPstartDate");
    const std::string id = child + "/" + std::string(date >= 0 ? t.text(date) : "");
    auto& p = r_.rows("cp_plans", {});
    start(p, k);
    p.set("CPP_ID", id, t.at(k).line, t.at(k).column);
    p.set("REFERRAL_ID", referral, t.at(k).line, t.at(k).column);
    fill(r_, p, t, k, kCpp, path, [](std::string_view n) { return n == "Reviews"; });
    p.end();
    for (int32_t v = t.at(k).first_child; v >= 0; v = t.at(v).next_sibling) {
      if (t.name(v) != "Reviews") continue;
      for (int32_t d = t.at(v).first_child; d >= 0; d = t.at(d).next_sibling) {
        if (t.name(d) != "CPPreviewDate") {
          r_.unknown(path + "/Reviews/" + std::string(t.name(d)), t.at(d).line, t.at(d).column);
          continue;
        }
        auto& rv = r_.rows("cp_reviews", {});
        start(rv, d);
        rv.set("CPP_ID", id, t.at(k).line, t.at(k).column);
        rv.set("REVIEW_DATE", t.text(d), t.at(d).line, t.at(d).column);
        rv.end();
      }
    }
  }

 public:
  std::map<std::string, std::vector<std::string>> keys_;

 private:
  Reader& r_;
};

// ---- workforce census ---------------------------------------------------------------------

const std::string kWorker = "Message/CSWWWorker";
const std::vector<Field> kWorkerFields = {
    {"SWENo", "WORKER_ID"},      {"AgencyWorker", "AGENCY"},
    {"OrgRole", "ROLE"},         {"FTE", "FTE"},
    {"FTE30", "FTE30"},          {"RoleStartDate", "START_DATE"},
    {"RoleEndDate", "END_DATE"}, {"ReasonLeave", "REASON_LEAVE"}};
// Elements of the census that no dataset reads (docs/datasets.md says so): not unknown.
const std::set<std::string_view> kWorkerLeft = {
    "PersonBirthDate", "GenderCurrent", "Sex",           "Ethnicity",         "QualInst",
    "QualLevel",       "StepUpGrad",    "StartOrigin",   "LeaverDestination", "Cases30",
    "WorkingDaysLost", "ContractWeeks", "FrontlineGrad", "Absat30Sept",       "ReasonAbsence",
    "CFKSSstatus",     "BaseSalary",    "RRPayments",    "OtherPayments"};

class WorkforceCensus {
 public:
  WorkforceCensus(Reader& r, const ReasonMap& reasons) : r_(r), reasons_(reasons) {
    auto& w = r_.rows("workforce", columns_of({"QUALIFIED", "LEAVING_REASON"}, kWorkerFields));
    set_paths(w, kWorkerFields, kWorker);
    w.path("LEAVING_REASON", kWorker + "/ReasonLeave");
  }
  void worker(const XmlTree& t) {
    auto& w = r_.rows("workforce", {});
    w.begin(t.at(0).line, t.at(0).column);
    w.set("QUALIFIED", "1", t.at(0).line, t.at(0).column);  // the census holds social workers
    fill(r_, w, t, 0, kWorkerFields, kWorker,
         [](std::string_view n) { return kWorkerLeft.count(n) != 0; });
    if (int32_t c = t.child(0, "ReasonLeave"); c >= 0 && !t.text(c).empty()) {
      const auto it = reasons_.find(std::string(t.text(c)));
      if (it != reasons_.end()) w.set("LEAVING_REASON", it->second, t.at(c).line, t.at(c).column);
    }
    w.end();
    r_.strays(t, kWorker);
  }

 private:
  Reader& r_;
  const ReasonMap& reasons_;
};

// Paths outside records that a return may hold and no dataset reads.
bool known_outside(Kind kind, const std::string& path) {
  static const std::set<std::string> common = {"Message",
                                               "Message/Header",
                                               "Message/Header/CollectionDetails",
                                               "Message/Header/CollectionDetails/Collection",
                                               "Message/Header/CollectionDetails/Year",
                                               "Message/Header/CollectionDetails/ReferenceDate",
                                               "Message/Header/Source",
                                               "Message/Header/Source/SourceLevel",
                                               "Message/Header/Source/LEA",
                                               "Message/Header/Source/SoftwareCode",
                                               "Message/Header/Source/Release",
                                               "Message/Header/Source/SerialNo",
                                               "Message/Header/Source/DateTime"};
  switch (kind) {
    case Kind::kSsda903: return path == "EXPSSDA903";
    case Kind::kCinCensus: return common.count(path) || path == "Message/Children";
    case Kind::kWorkforceCensus:
      return common.count(path) || path.rfind("Message/LALevelVacancies", 0) == 0 ||
             path.rfind("Message/LALevel", 0) == 0;
  }
  return false;
}

}  // namespace

Reading read_return(const ReturnFile& file, const ReasonMap& reasons) {
  Reading out;
  out.parts.reserve(16);  // Rows hold references into it
  Reader reader(file, out);
  std::string record_path;
  std::function<void(const XmlTree&)> on_record;
  std::unique_ptr<Ssda903> ssda;
  std::unique_ptr<CinCensus> cin;
  std::unique_ptr<WorkforceCensus> csww;
  switch (file.kind) {
    case Kind::kSsda903:
      ssda = std::make_unique<Ssda903>(reader);
      record_path = "EXPSSDA903/CHILD";
      on_record = [&](const XmlTree& t) { ssda->child(t); };
      break;
    case Kind::kCinCensus:
      cin = std::make_unique<CinCensus>(reader);
      record_path = kCinChild;
      on_record = [&](const XmlTree& t) { cin->child(t); };
      break;
    case Kind::kWorkforceCensus:
      csww = std::make_unique<WorkforceCensus>(reader, reasons);
      record_path = kWorker;
      on_record = [&](const XmlTree& t) { csww->worker(t); };
      break;
  }
  XmlEvents events;
  events.is_record = [&](const std::string& path) { return path == record_path; };
  events.record = [&](const std::string&, const XmlTree& t) { on_record(t); };
  events.other = [&](const std::string& path, std::string_view, uint32_t line, uint32_t column) {
    if (!known_outside(file.kind, path)) reader.unknown(path, line, column);
  };
  out.bytes = stream_xml(file.path, events);
  if (cin)
    for (Part& p : out.parts)
      if (auto it = cin->keys_.find(p.dataset); it != cin->keys_.end()) p.key = it->second;
  for (Part& p : out.parts) {
    if (p.dataset == "workforce") p.key = {"WORKER_ID", "START_DATE"};
    p.dropped.assign(p.rows(), 0);
  }
  return out;
}

std::optional<int> year_in_name(const std::string& name) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::optional<int> found;
  for (size_t i = 0; i < name.size();) {
    if (!digit(name[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < name.size() && digit(name[j])) ++j;
    if (j - i == 4) {
      int year = std::stoi(name.substr(i, 4));
      // 2018-19 or 2018_19: the year ending in 2019.
      if (j + 3 <= name.size() && (name[j] == '-' || name[j] == '_') && digit(name[j + 1]) &&
          digit(name[j + 2]) && (j + 3 == name.size() || !digit(name[j + 3])) &&
          std::stoi(name.substr(j + 1, 2)) == (year + 1) % 100) {
        year += 1;
        j += 3;
      }
      if (year >= 1990 && year <= 2099) {
        if (found && *found != year) return std::nullopt;
        found = year;
      }
    }
    i = j;
  }
  return found;
}

void supersede(std::vector<Part*>& parts) {
  std::stable_sort(parts.begin(), parts.end(),
                   [](const Part* a, const Part* b) { return a->year < b->year; });
  if (parts.size() < 2) return;  // one census: nothing to supersede
  // key text -> (part, row) of the newest holder, walking from the newest part back.
  std::unordered_map<std::string, std::pair<const Part*, size_t>> newest;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    Part& p = **it;
    if (p.key.empty()) continue;
    std::vector<size_t> key;
    for (const auto& k : p.key)
      key.push_back(static_cast<size_t>(std::find(p.columns.begin(), p.columns.end(), k) -
                                        p.columns.begin()));
    std::unordered_map<std::string, std::pair<const Part*, size_t>> here;
    for (size_t r = 0; r < p.rows(); ++r) {
      std::string k;
      for (size_t c : key) (k += p.cell(r, c)) += '\x1f';
      auto n = newest.find(k);
      if (n == newest.end() || n->second.first == &p) {
        here.emplace(k, std::make_pair(&p, r));
        continue;
      }
      const Part& q = *n->second.first;
      bool same = q.columns == p.columns;
      for (size_t c = 0; same && c < p.columns.size(); ++c)
        same = p.cell(r, c) == q.cell(n->second.second, c);
      p.dropped[r] = 1;
      ++(same ? p.superseded_same : p.superseded_changed);
    }
    for (auto& h : here) newest.insert(h);
  }
}

ReasonMap load_reason_map(const std::filesystem::path& file) {
  ReasonMap out;
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                             std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  const YAML::Node map = root["reason_leave"];
  if (!map || !map.IsMap())
    throw std::runtime_error(file.string() +
                             ":1:1: expected a mapping 'reason_leave' of census code to "
                             "LEAVING_REASON");
  for (const auto& kv : map) {
    if (!kv.second.IsScalar())
      throw std::runtime_error(file.string() + ":" + std::to_string(kv.second.Mark().line + 1) +
                               ":" + std::to_string(kv.second.Mark().column + 1) +
                               ": expected a LEAVING_REASON code");
    out[kv.first.as<std::string>()] = kv.second.as<std::string>();
  }
  return out;
}

}  // namespace scorecard::datasets::returns
