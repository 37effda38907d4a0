// Reading a measure's YAML into a Definition, every name checked where it is written
// (docs/measures.md is the grammar).
#include "definition.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace scorecard::measures {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const Where& at, const std::string& message) {
  throw std::runtime_error(at.str() + ": " + message);
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// Edit distance, for "did you mean".
size_t distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same = std::toupper(static_cast<unsigned char>(a[i - 1])) ==
                        std::toupper(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string suggestion(const std::string& word, const std::vector<std::string>& known) {
  const std::string* best = nullptr;
  size_t best_distance = 3;
  for (const auto& k : known) {
    const size_t d = distance(word, k);
    if (d < best_distance) best = &k, best_distance = d;
  }
  return best ? "; did you mean '" + *best + "'?" : "";
}

std::string shown_file(const std::string& absolute) {
  std::error_code ec;
  const fs::path relative = fs::path(absolute).lexically_relative(fs::current_path(ec));
  if (ec || relative.empty() || *relative.begin() == "..") return absolute;
  return relative.string();
}

const std::vector<std::string> kConditionKeys = {
    "column",      "in",     "not_in", "blank", "is",    "before", "after", "on_or_before",
    "on_or_after", "within", "min",    "max",   "above", "below",  "age",   "at",
    "rule",        "months", "all",    "any",   "not",   "when"};
const std::vector<std::string> kRules = {"looked_after",     "uasc",
                                         "placements",       "continuously_looked_after",
                                         "placement_lasted", "looked_after_12_months"};
const std::vector<std::string> kDateWords = {"end",        "start",    "date",
                                             "year_start", "year_end", "period_of_care_start"};
const std::vector<std::string> kFigures = {"count", "percent", "rate_per_10000",
                                           "ratio", "mean",    "median"};

class Reader {
 public:
  Reader(std::string file, Definition& d) : file_(std::move(file)), d_(d) {}

  Where at(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return {file_, m.line + 1, m.column + 1};
  }

  void read(const YAML::Node& entry, const Source& source) {
    entry_at_ = at(entry);
    read_parameters(entry["parameters"], source.values);
    const YAML::Node figure = entry["figure"];
    if (!figure)
      fail(entry_at_, "measure '" + d_.id + "': missing 'figure' (" + joined(kFigures) + ")");
    d_.figure = read_figure(figure);
    const YAML::Node cohort = entry["cohort"];
    if (!cohort) fail(entry_at_, "measure '" + d_.id + "': missing 'cohort' (who is counted)");
    d_.count = read_count(cohort, entry["where"], entry["weight"]);
    main_ = d_.count.cohort;
    read_numerator(entry["numerator"]);
    read_days(entry["days"]);
    read_breakdowns(entry["breakdowns"]);
  }

 private:
  // ---- parameters ----
  static ParamValue value_of(const YAML::Node& n) {
    if (!n || n.IsNull()) return std::monostate{};
    if (n.IsSequence()) {
      std::vector<std::string> list;
      for (const auto& item : n) list.push_back(item.Scalar());
      return list;
    }
    const std::string& text = n.Scalar();
    if (text == "true" || text == "false") return text == "true";
    try {
      size_t used = 0;
      const long long whole = std::stoll(text, &used);
      if (used == text.size()) return static_cast<int64_t>(whole);
      const double number = std::stod(text, &used);
      if (used == text.size()) return number;
    } catch (const std::exception&) {
      // not a number: a text
    }
    return text;
  }

  void read_parameters(const YAML::Node& node, const std::string& values) {
    if (node && !node.IsNull()) {
      if (!node.IsMap())
        fail(at(node), "'parameters': expected a mapping of parameter name to default value");
      for (const auto& p : node) {
        const YAML::Node& v = p.second;
        if (v.IsMap() ||
            (v.IsSequence() &&
             std::any_of(v.begin(), v.end(), [](const YAML::Node& i) { return !i.IsScalar(); })))
          fail(at(v), "parameter '" + p.first.Scalar() +
                          "': expected a default value (a number, true/false, a text or a list "
                          "of codes)");
        d_.params[p.first.Scalar()] = value_of(v);
      }
    }
    if (values.empty()) return;
    const YAML::Node given = YAML::Load(values);
    for (const auto& p : given) {
      auto it = d_.params.find(p.first.Scalar());
      if (it == d_.params.end())
        throw std::runtime_error("measure '" + d_.id + "': a value is given for parameter '" +
                                 p.first.Scalar() + "', which the measure does not declare");
      it->second = value_of(p.second);
    }
  }

  std::vector<std::string> parameter_names() const {
    std::vector<std::string> names;
    for (const auto& [name, v] : d_.params) names.push_back(name);
    return names;
  }

  // ---- scalars ----
  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(at(n), "expected " + what);
    return n.Scalar();
  }

  double number(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(at(n), "expected " + what);
    const ParamValue v = value_of(n);
    if (auto i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    if (auto x = std::get_if<double>(&v)) return *x;
    auto p = d_.params.find(n.Scalar());
    if (p != d_.params.end()) {
      if (auto i = std::get_if<int64_t>(&p->second)) return static_cast<double>(*i);
      if (auto x = std::get_if<double>(&p->second)) return *x;
      fail(at(n), "parameter '" + n.Scalar() + "' is not a number, but " + what + " is expected");
    }
    fail(at(n), "expected " + what + ", got '" + n.Scalar() +
                    "' (neither a number nor a parameter; parameters: " +
                    (d_.params.empty() ? "none" : joined(parameter_names())) + ")" +
                    suggestion(n.Scalar(), parameter_names()));
  }

  int whole(const YAML::Node& n, const std::string& what) const {
    const double v = number(n, what);
    if (v != static_cast<int>(v) || v < 0) fail(at(n), "expected " + what + ", got " + n.Scalar());
    return static_cast<int>(v);
  }

  bool flag(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false"))
      return n.Scalar() == "true";
    if (n.IsScalar()) {
      auto p = d_.params.find(n.Scalar());
      if (p != d_.params.end()) {
        if (auto b = std::get_if<bool>(&p->second)) return *b;
        fail(at(n), "parameter '" + n.Scalar() + "' is not true/false");
      }
    }
    fail(at(n), "expected " + what + " (true, false or a true/false parameter)" +
                    (n.IsScalar() ? suggestion(n.Scalar(), parameter_names()) : ""));
  }

  std::vector<std::string> code_list(const YAML::Node& n) const {
    if (n.IsSequence()) {
      std::vector<std::string> codes;
      for (const auto& item : n) codes.push_back(text(item, "a code"));
      return codes;
    }
    if (n.IsScalar()) {
      auto p = d_.params.find(n.Scalar());
      if (p != d_.params.end()) {
        if (auto list = std::get_if<std::vector<std::string>>(&p->second)) return *list;
        if (auto one = std::get_if<std::string>(&p->second)) return {*one};
        fail(at(n), "parameter '" + n.Scalar() + "' is not a list of codes");
      }
      fail(at(n), "unknown code list '" + n.Scalar() +
                      "': expected a list in brackets such as [P1] or a parameter (parameters: " +
                      (d_.params.empty() ? "none" : joined(parameter_names())) + ")" +
                      suggestion(n.Scalar(), parameter_names()));
    }
    fail(at(n), "expected a list of codes such as [E11, E12] or a parameter name");
  }

  // ---- columns ----
  const DatasetSchema& dataset(const std::string& name, const Where& where) const {
    const Schemas& all = schemas();
    auto it = all.find(name);
    if (it == all.end()) {
      std::vector<std::string> names;
      for (const auto& [n, s] : all) names.push_back(n);
      fail(where, "unknown dataset '" + name + "' (expected one of: " + joined(names) + ")" +
                      suggestion(name, names));
    }
    return it->second;
  }

  // The unit's own dataset: episodes for a cohort of children, else the records' dataset.
  std::string own(const Cohort& c) const {
    return c.kind == Cohort::kRecords ? c.dataset : "episodes";
  }

  int column(const std::string& written, const Where& where, const Cohort& c) {
    std::string ds = own(c), col = written;
    bool joined_ = false;
    if (auto dot = written.find('.'); dot != std::string::npos) {
      ds = written.substr(0, dot);
      col = written.substr(dot + 1);
      joined_ = ds != own(c);
    }
    const DatasetSchema& schema = dataset(ds, where);
    const ColumnType* type = schema.type_of(col);
    if (!type) {
      std::vector<std::string> names;
      for (const auto& [n, t] : schema.columns) names.push_back(n);
      std::string hint = suggestion(col, names);
      // A child's own columns are its episode's; the header's are joined by name.
      if (!joined_ && ds == "episodes" && dataset("header", where).type_of(col))
        hint = "; did you mean 'header." + col + "' (the child's header)?";
      fail(where, "unknown column '" + col + "' in dataset '" + ds +
                      "' (its columns: " + joined(names) + ")" + hint);
    }
    if (joined_) {
      if (!schema.type_of("CHILD"))
        fail(where, "dataset '" + ds + "' has no CHILD column to join it by");
      if (!dataset(own(c), where).type_of("CHILD"))
        fail(where, "dataset '" + own(c) + "' has no CHILD column to join '" + ds + "' by");
    }
    for (size_t i = 0; i < d_.columns.size(); ++i)
      if (d_.columns[i].dataset == ds && d_.columns[i].column == col &&
          d_.columns[i].joined == joined_)
        return static_cast<int>(i);
    d_.columns.push_back({ds, col, *type, joined_, where});
    return static_cast<int>(d_.columns.size() - 1);
  }

  int typed_column(const YAML::Node& n, const Cohort& c, std::vector<ColumnType> types,
                   const std::string& what) {
    const int i = column(text(n, "a column name"), at(n), c);
    const ColumnType t = d_.columns[static_cast<size_t>(i)].type;
    if (std::find(types.begin(), types.end(), t) == types.end())
      fail(at(n),
           "column '" + n.Scalar() + "' is " + to_string(t) + ", but " + what + " is expected");
    return i;
  }

  DateRef date_ref(const YAML::Node& n, const Cohort& c) {
    const std::string word = text(n, "a date (" + joined(kDateWords) + " or a date column)");
    DateRef r;
    if (word == "end")
      r.kind = DateRef::kEnd;
    else if (word == "start")
      r.kind = DateRef::kStart;
    else if (word == "date")
      r.kind = DateRef::kDate;
    else if (word == "year_start")
      r.kind = DateRef::kYearStart;
    else if (word == "year_end")
      r.kind = DateRef::kYearEnd;
    else if (word == "period_of_care_start") {
      if (c.kind == Cohort::kRecords)
        fail(at(n), "period_of_care_start is a date of a cohort of children, not of records");
      r.kind = DateRef::kPeriodOfCareStart;
    } else {
      r.kind = DateRef::kColumn;
      const bool looks_like_column = std::any_of(word.begin(), word.end(), [](char ch) {
        return std::isupper(static_cast<unsigned char>(ch)) || ch == '.';
      });
      if (!looks_like_column)
        fail(at(n), "unknown date '" + word + "' (expected " + joined(kDateWords) +
                        " or a date column)" + suggestion(word, kDateWords));
      r.column = typed_column(n, c, {ColumnType::kDate}, "a date column");
    }
    return r;
  }

  // ---- conditions ----
  Condition all_of(const YAML::Node& list, const Cohort& c) {
    Condition all;
    all.kind = Condition::kAll;
    if (!list || list.IsNull()) return all;
    all.at = at(list);
    if (!list.IsSequence()) fail(at(list), "expected a list of conditions, each a mapping");
    for (const auto& item : list) all.parts.push_back(condition(item, c));
    return all;
  }

  Condition condition(const YAML::Node& n, const Cohort& c) {
    if (!n.IsMap())
      fail(at(n), "expected a condition: a mapping such as { column: PLACE, in: [P1] }");
    for (const auto& kv : n) {
      const std::string& key = kv.first.Scalar();
      if (std::find(kConditionKeys.begin(), kConditionKeys.end(), key) == kConditionKeys.end())
        fail(at(kv.first), "unknown key '" + key + "' in a condition (expected one of: " +
                               joined(kConditionKeys) + ")" + suggestion(key, kConditionKeys));
    }
    Condition k;
    k.at = at(n);
    if (const YAML::Node when = n["when"]; when && !flag(when, "'when'")) {
      k.kind = Condition::kAll;  // switched off by its parameter: always holds
      return k;
    }
    if (n["all"] || n["any"]) {
      const YAML::Node list = n["all"] ? n["all"] : n["any"];
      k = all_of(list, c);
      k.kind = n["all"] ? Condition::kAll : Condition::kAny;
      return k;
    }
    if (const YAML::Node inner = n["not"]) {
      k.kind = Condition::kNot;
      k.parts.push_back(condition(inner, c));
      return k;
    }
    if (const YAML::Node rule = n["rule"]) return rule_condition(n, rule, c);
    if (const YAML::Node age = n["age"]) return age_condition(n, age, c);
    const YAML::Node col = n["column"];
    if (!col)
      fail(at(n),
           "a condition names a 'column', an 'age', a 'rule', or combines others with "
           "'all', 'any' or 'not'");
    return column_condition(n, col, c);
  }

  Condition column_condition(const YAML::Node& n, const YAML::Node& col, const Cohort& c) {
    Condition k;
    k.at = at(n);
    auto date_column = [&] { return typed_column(col, c, {ColumnType::kDate}, "a date column"); };
    if (const YAML::Node v = n["in"] ? n["in"] : n["not_in"]) {
      k.kind = n["in"] ? Condition::kIn : Condition::kNotIn;
      k.column = typed_column(col, c, {ColumnType::kCode, ColumnType::kString},
                              "a column of codes or text");
      k.codes = code_list(v);
    } else if (const YAML::Node b = n["blank"]) {
      k.kind = Condition::kBlank;
      k.column = column(text(col, "a column name"), at(col), c);
      k.flag = flag(b, "'blank'");
    } else if (const YAML::Node is = n["is"]) {
      k.kind = Condition::kIs;
      k.column = typed_column(col, c, {ColumnType::kBoolean}, "a boolean (0/1) column");
      k.flag = flag(is, "'is'");
    } else if (n["before"] || n["after"] || n["on_or_before"] || n["on_or_after"]) {
      k.kind = Condition::kCompare;
      k.column = date_column();
      const char* key = n["before"]         ? "before"
                        : n["after"]        ? "after"
                        : n["on_or_before"] ? "on_or_before"
                                            : "on_or_after";
      k.compare = n["before"]         ? Condition::kBefore
                  : n["after"]        ? Condition::kAfter
                  : n["on_or_before"] ? Condition::kOnOrBefore
                                      : Condition::kOnOrAfter;
      k.date = date_ref(n[key], c);
    } else if (const YAML::Node w = n["within"]) {
      k.kind = Condition::kWithin;
      k.column = date_column();
      if (!w.IsMap() || (!w["months"] && !w["days"]) || (!w["before"] && !w["after"]))
        fail(at(w), "'within': expected { months: N, before: DATE } (or days: N, or after: DATE)");
      if (w["months"]) k.months = whole(w["months"], "a whole number of months");
      if (w["days"]) k.days = whole(w["days"], "a whole number of days");
      k.within_after = !w["before"];
      k.date = date_ref(w["before"] ? w["before"] : w["after"], c);
    } else if (n["min"] || n["max"] || n["above"] || n["below"]) {
      k.kind = Condition::kRange;
      k.column =
          typed_column(col, c, {ColumnType::kInteger, ColumnType::kDecimal}, "a number column");
      read_range(n, k);
    } else {
      fail(at(n), "the condition on column '" + col.Scalar() +
                      "' says nothing about it (expected in, not_in, blank, is, before, after, "
                      "on_or_before, on_or_after, within, min, max, above or below)");
    }
    return k;
  }

  void read_range(const YAML::Node& n, Condition& k) {
    if (n["min"]) k.min = number(n["min"], "a number");
    if (n["above"]) k.min = number(n["above"], "a number"), k.min_strict = true;
    if (n["max"]) k.max = number(n["max"], "a number");
    if (n["below"]) k.max = number(n["below"], "a number"), k.max_strict = true;
  }

  int dob_column(const Cohort& c, const Where& where) {
    if (c.kind == Cohort::kRecords && dataset(c.dataset, where).type_of("DOB"))
      return column("DOB", where, c);
    return column("header.DOB", where, c);
  }

  Condition age_condition(const YAML::Node& n, const YAML::Node& age, const Cohort& c) {
    Condition k;
    k.kind = Condition::kAge;
    k.at = at(n);
    if (!age.IsMap() || (!age["min"] && !age["max"]))
      fail(at(age),
           "'age': expected { min: N, max: M } (whole years completed; either may be left out)");
    read_range(age, k);
    k.date = n["at"] ? date_ref(n["at"], c) : DateRef{DateRef::kDate, -1};
    d_.dob = dob_column(c, k.at);
    return k;
  }

  Condition rule_condition(const YAML::Node& n, const YAML::Node& rule, const Cohort& c) {
    Condition k;
    k.kind = Condition::kRule;
    k.at = at(n);
    const std::string name = text(rule, "a rule name");
    auto it = std::find(kRules.begin(), kRules.end(), name);
    if (it == kRules.end())
      fail(at(rule), "unknown rule '" + name + "' (expected one of: " + joined(kRules) + ")" +
                         suggestion(name, kRules));
    k.rule = static_cast<Condition::Rule>(it - kRules.begin());
    if (c.kind == Cohort::kRecords && !dataset(c.dataset, k.at).type_of("CHILD"))
      fail(at(rule), "rule '" + name + "' is about a child's care, but dataset '" + c.dataset +
                         "' has no CHILD column");
    k.date = n["at"] ? date_ref(n["at"], c) : DateRef{DateRef::kDate, -1};
    const bool takes_months = k.rule == Condition::kPlacements ||
                              k.rule == Condition::kContinuouslyLookedAfter ||
                              k.rule == Condition::kPlacementLasted;
    if (n["months"] && !takes_months)
      fail(at(n["months"]), "rule '" + name + "' takes no 'months'");
    if (takes_months) {
      if (!n["months"] && k.rule != Condition::kPlacements)
        fail(k.at, "rule '" + name + "' needs 'months' (how long, in calendar months)");
      k.months = n["months"] ? whole(n["months"], "a whole number of months") : 12;
    }
    if (k.rule == Condition::kPlacements) {
      read_range(n, k);
      if (!k.min && !k.max)
        fail(k.at, "rule 'placements' needs 'min' or 'max' (a number of placements)");
    } else if (n["min"] || n["max"] || n["above"] || n["below"]) {
      fail(k.at, "rule '" + name + "' takes no min or max");
    }
    if (k.rule == Condition::kUasc) d_.uses_uasc = true;
    return k;
  }

  // ---- cohorts and counts ----
  Cohort cohort(const YAML::Node& n) {
    Cohort c;
    c.at = at(n);
    constexpr const char* kExpected =
        "a cohort: { looked_after: end }, { looked_after: start }, { started: period }, "
        "{ started: { months: N } }, { ceased: period }, or { records: DATASET, ... }";
    if (!n.IsMap()) fail(at(n), std::string("expected ") + kExpected);
    auto window = [&](const YAML::Node& w) {
      if (w.IsScalar() && w.Scalar() == "period") return;  // kInPeriod
      if (w.IsMap() && w["months"] && w.size() == 1) {
        c.window = Cohort::kMonths;
        c.months = whole(w["months"], "a whole number of months");
        if (c.months < 1) fail(at(w["months"]), "expected at least 1 month");
        return;
      }
      fail(at(w),
           "expected 'period' (the reporting period) or { months: N } (the N calendar "
           "months to the period's end)");
    };
    auto only = [&](const std::vector<std::string>& keys) {
      for (const auto& kv : n)
        if (std::find(keys.begin(), keys.end(), kv.first.Scalar()) == keys.end())
          fail(at(kv.first), "unknown key '" + kv.first.Scalar() + "' in this cohort (expected " +
                                 joined(keys) + ")" + suggestion(kv.first.Scalar(), keys));
    };
    if (const YAML::Node la = n["looked_after"]) {
      only({"looked_after"});
      c.kind = Cohort::kLookedAfter;
      const std::string w = text(la, "end or start");
      if (w != "end" && w != "start")
        fail(at(la), "'looked_after': expected end or start, got '" + w + "'");
      c.window = w == "end" ? Cohort::kAtEnd : Cohort::kAtStart;
    } else if (n["started"] || n["ceased"]) {
      only({"started", "ceased"});
      if (n["started"] && n["ceased"]) fail(c.at, "a cohort is either 'started' or 'ceased'");
      c.kind = n["started"] ? Cohort::kStarted : Cohort::kCeased;
      c.window = Cohort::kInPeriod;
      window(n["started"] ? n["started"] : n["ceased"]);
    } else if (const YAML::Node r = n["records"]) {
      only({"records", "date", "in", "open", "at", "year", "id"});
      c.kind = Cohort::kRecords;
      c.dataset = text(r, "a dataset name");
      const DatasetSchema& schema = dataset(c.dataset, at(r));
      c.window = Cohort::kAll;
      if (const YAML::Node date = n["date"]) {
        c.date = typed_column(date, c, {ColumnType::kDate}, "a date column");
        c.window = Cohort::kInPeriod;
        if (n["in"]) window(n["in"]);
      } else if (n["in"]) {
        fail(at(n["in"]), "'in' needs 'date' (the record's date column)");
      }
      if (const YAML::Node open = n["open"]) {
        if (n["date"]) fail(at(open), "a cohort of records has either 'date' or 'open'");
        if (!open.IsSequence() || open.size() != 2)
          fail(at(open),
               "'open': expected [FROM, TO], two date columns (open while FROM <= d < TO)");
        c.window = Cohort::kOpenAt;
        c.open_from = typed_column(open[0], c, {ColumnType::kDate}, "a date column");
        c.open_to = typed_column(open[1], c, {ColumnType::kDate}, "a date column");
        if (const YAML::Node a = n["at"]) {
          const std::string w = text(a, "end or start");
          if (w != "end" && w != "start") fail(at(a), "'at': expected end or start");
          c.at_start = w == "start";
        }
      } else if (n["at"]) {
        fail(at(n["at"]), "'at' needs 'open' (the two date columns of a spell)");
      }
      if (const YAML::Node y = n["year"]) {
        if (c.window != Cohort::kAll)
          fail(at(y), "a cohort of records has one of 'date', 'open' or 'year'");
        c.window = Cohort::kYear;
        c.year = typed_column(y, c, {ColumnType::kInteger},
                              "a whole-number column (the collection year)");
      }
      const std::string id = n["id"]                   ? text(n["id"], "a column name")
                             : schema.type_of("CHILD") ? "CHILD"
                                                       : schema.columns.front().first;
      c.id = column(id, n["id"] ? at(n["id"]) : c.at, c);
    } else {
      fail(at(n), std::string("expected ") + kExpected);
    }
    return c;
  }

  Count read_count(const YAML::Node& cohort_node, const YAML::Node& where,
                   const YAML::Node& weight) {
    Count count;
    count.cohort = cohort(cohort_node);
    count.where = all_of(where, count.cohort);
    if (weight && !weight.IsNull())
      count.weight =
          typed_column(weight, count.cohort, {ColumnType::kDecimal, ColumnType::kInteger},
                       "a number column (such as FTE)");
    return count;
  }

  Definition::Figure read_figure(const YAML::Node& n) {
    const std::string f = text(n, "a figure (" + joined(kFigures) + ")");
    auto it = std::find(kFigures.begin(), kFigures.end(), f);
    if (it == kFigures.end())
      fail(at(n), "unknown figure '" + f + "' (expected one of: " + joined(kFigures) + ")" +
                      suggestion(f, kFigures));
    return static_cast<Definition::Figure>(it - kFigures.begin());
  }

  void read_numerator(const YAML::Node& n) {
    const bool two_sided = d_.figure == Definition::kPercent || d_.figure == Definition::kRatio;
    if (!n || n.IsNull()) {
      if (two_sided) fail(entry_at_, "a " + kFigures[d_.figure] + " needs a 'numerator'");
      return;
    }
    if (!two_sided)
      fail(at(n), "'numerator' is for a percent or a ratio, not a " + kFigures[d_.figure]);
    if (n.IsSequence()) {
      d_.numerator = all_of(n, main_);
      return;
    }
    if (!n.IsMap() || !n["cohort"])
      fail(at(n),
           "'numerator': expected a list of conditions (those of the cohort counted) or a "
           "count of its own { cohort: ..., where: [...], weight: COLUMN }");
    for (const auto& kv : n)
      if (kv.first.Scalar() != "cohort" && kv.first.Scalar() != "where" &&
          kv.first.Scalar() != "weight")
        fail(at(kv.first), "unknown key '" + kv.first.Scalar() +
                               "' in the numerator (expected cohort, where, weight)");
    d_.numerator_count = read_count(n["cohort"], n["where"], n["weight"]);
  }

  void read_days(const YAML::Node& n) {
    const bool days = d_.figure == Definition::kMean || d_.figure == Definition::kMedian;
    if (!days) {
      if (n) fail(at(n), "'days' is for a mean or a median");
      return;
    }
    if (!n || !n.IsMap() || !n["from"] || !n["to"])
      fail(n ? at(n) : entry_at_,
           "a " + kFigures[d_.figure] + " needs 'days: { from: DATE, to: DATE }'");
    d_.days_from = date_ref(n["from"], main_);
    d_.days_to = date_ref(n["to"], main_);
  }

  void read_breakdowns(const YAML::Node& n) {
    if (!n || n.IsNull()) return;
    if (!n.IsSequence())
      fail(at(n), "'breakdowns': expected a list of columns (or age_band, ethnicity)");
    for (const auto& item : n) {
      Breakdown b;
      b.dimension = text(item, "a column name, age_band or ethnicity");
      if (b.dimension == "age_band") {
        b.kind = Breakdown::kAgeBand;
        d_.dob = dob_column(main_, at(item));
      } else if (b.dimension == "ethnicity") {
        b.kind = Breakdown::kEthnicity;
        d_.ethnic = column(main_.kind == Cohort::kRecords ? "header.ETHNIC" : "header.ETHNIC",
                           at(item), main_);
      } else {
        b.column = typed_column(
            item, main_,
            {ColumnType::kCode, ColumnType::kString, ColumnType::kInteger, ColumnType::kBoolean},
            "a column of codes, text or whole numbers");
      }
      d_.breakdowns.push_back(b);
    }
  }

  std::string file_;
  Definition& d_;
  Where entry_at_;
  Cohort main_;
};

// The `measure: ID` entry of the file's indicators list.
YAML::Node find_entry(const YAML::Node& root, const std::string& id) {
  const YAML::Node list = root.IsMap() ? root["indicators"] : YAML::Node();
  if (!list || !list.IsSequence()) return YAML::Node();
  for (const auto& item : list)
    if (item.IsMap() && item["measure"] && item["measure"].IsScalar() &&
        item["measure"].Scalar() == id)
      return item;
  return YAML::Node();
}

}  // namespace

Source source_of(const Parameters& params) {
  Source s;
  if (params.has("measure")) s.measure = params.text("measure");
  if (params.has("definition")) s.file = params.text("definition");
  if (params.has("values")) s.values = params.text("values");
  return s;
}

Definition read_definition(const Source& source) {
  if (source.measure.empty() || source.file.empty())
    throw std::runtime_error(
        "a YAML measure names its definition: write it as a 'measure:' entry in the indicators "
        "list of scorecard.yaml (docs/measures.md), not as 'use:' of the built-in indicator");
  const std::string shown = shown_file(source.file);
  YAML::Node root;
  try {
    root = YAML::LoadFile(source.file);
  } catch (const YAML::BadFile&) {
    throw std::runtime_error(shown + ": cannot read the file that defines measure '" +
                             source.measure + "'");
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(shown + ":" + std::to_string(e.mark.line + 1) + ":" +
                             std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  const YAML::Node entry = find_entry(root, source.measure);
  if (!entry)
    throw std::runtime_error(shown + ": no 'measure: " + source.measure +
                             "' entry in its indicators list");
  Definition d;
  d.id = source.measure;
  Reader(shown, d).read(entry, source);
  return d;
}

Unit unit_of(Definition::Figure f) {
  switch (f) {
    case Definition::kCount: return Unit::kCount;
    case Definition::kPercent: return Unit::kPercent;
    case Definition::kRate: return Unit::kRatePer10000;
    case Definition::kRatio: return Unit::kRatio;
    case Definition::kMean:
    case Definition::kMedian: return Unit::kDays;
  }
  return Unit::kNumber;
}

std::vector<DatasetNeed> needs_of(const Definition& d) {
  std::map<std::string, DatasetNeed> by_dataset;
  auto add = [&](const std::string& dataset, const std::string& column) {
    DatasetNeed& need = by_dataset[dataset];
    need.dataset = dataset;
    for (const auto& c : need.columns)
      if (c.name == column) return;
    const auto& all = schemas();
    auto s = all.find(dataset);
    const ColumnType* type = s == all.end() ? nullptr : s->second.type_of(column);
    need.columns.push_back({column, type ? *type : ColumnType::kString, false});
  };
  auto cohort_needs = [&](const Cohort& c) {
    if (c.kind == Cohort::kRecords) return;  // its columns are among d.columns
    for (const char* col : {"CHILD", "DECOM", "DEC", "LS", "RNE"}) add("episodes", col);
    if (c.kind == Cohort::kCeased) add("episodes", "REC");
  };
  cohort_needs(d.count.cohort);
  if (d.numerator_count) cohort_needs(d.numerator_count->cohort);
  bool child_rules = false;
  std::vector<const Condition*> stack;
  auto visit = [&](const Condition& root) {
    stack.push_back(&root);
    while (!stack.empty()) {
      const Condition* k = stack.back();
      stack.pop_back();
      if (k->kind == Condition::kRule) child_rules = true;
      for (const auto& p : k->parts) stack.push_back(&p);
    }
  };
  visit(d.count.where);
  if (d.numerator) visit(*d.numerator);
  if (d.numerator_count) visit(d.numerator_count->where);
  if (child_rules || d.days_from.kind == DateRef::kPeriodOfCareStart ||
      d.days_to.kind == DateRef::kPeriodOfCareStart)
    for (const char* col : {"CHILD", "DECOM", "DEC", "LS", "RNE", "PLACE", "URN"})
      add("episodes", col);
  if (d.uses_uasc) add("uasc", "CHILD"), add("uasc", "DUC");
  for (const ColumnRef& c : d.columns) {
    add(c.dataset, c.column);
    if (c.joined) add(c.dataset, "CHILD");
  }
  // A joined dataset is joined by CHILD, so the records' own dataset needs it too.
  for (const ColumnRef& c : d.columns)
    if (c.joined) {
      for (const Cohort* k :
           {&d.count.cohort, d.numerator_count ? &d.numerator_count->cohort : nullptr})
        if (k && k->kind == Cohort::kRecords) add(k->dataset, "CHILD");
    }
  std::vector<DatasetNeed> out;
  for (auto& [name, need] : by_dataset) out.push_back(std::move(need));
  return out;
}

}  // namespace scorecard::measures
