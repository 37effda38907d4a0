#include "core/config/indicator_list.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "core/config/measures.hpp"
#include "core/periods/periods.hpp"

namespace scorecard::config {
namespace fs = std::filesystem;
namespace {

const std::vector<std::string> kEntryKeys = {
    "use",      "include", "code",   "name",      "description", "theme",     "polarity",
    "decimals", "params",  "target", "tolerance", "benchmarks",  "commentary"};
const std::vector<std::string> kSetKeys = {"set", "indicators"};
const std::vector<std::string> kBenchmarks = {"england", "statistical_neighbours", "region"};
const std::vector<std::pair<std::string, Polarity>> kPolarities = {
    {"higher_is_better", Polarity::kHigherIsBetter},
    {"lower_is_better", Polarity::kLowerIsBetter},
    {"neutral", Polarity::kNeutral}};

constexpr const char* kEntryExpected =
    "a mapping with 'use' (an indicator id) or 'include' (an indicator set file)";
constexpr const char* kListExpected = "a list of entries, each with 'use' or 'include'";

bool any_number(double) { return true; }

// A period label as the periods stage writes it ("2018/19 Q3" -> "2018-19 Q3").
std::string period_key(const Field& f, const std::string& inside) {
  try {
    return periods::parse(f.key).period.label;
  } catch (const periods::PeriodError& e) {
    throw ConfigError(f.key_at, "a key " + inside + " must be a period: " + e.what());
  }
}

// Adds `value` under a period key, refusing a period written twice in two spellings.
template <typename T>
void add_period(std::map<std::string, T>& by_period, std::map<std::string, Location>& seen,
                const Field& f, const std::string& inside, T value) {
  const std::string label = period_key(f, inside);
  if (auto it = seen.find(label); it != seen.end())
    throw ConfigError(f.key_at, "period '" + label + "' is written twice " + inside +
                                    " (first at line " + std::to_string(it->second.line) +
                                    ", column " + std::to_string(it->second.column) + ")");
  seen.emplace(label, f.key_at);
  by_period.emplace(label, std::move(value));
}

Target read_target(const Field& f, const std::string& of) {
  constexpr const char* kExpected =
      "a number, or a mapping of period to number such as { \"2018-19 Q3\": 24 }";
  Target target;
  if (f.value.IsScalar()) {
    target.value = read_number(f, kExpected, any_number);
    return target;
  }
  if (!f.value.IsMap() || f.value.size() == 0) fail_expected(f, kExpected);
  const std::string inside = "in the target of " + of;
  const Mapping periods(f, inside, kExpected);
  std::map<std::string, Location> seen;
  for (const Field& p : periods.fields()) {
    const double value = read_number(p, "a number", any_number);
    if (p.key == "default")
      target.value = value;
    else
      add_period(target.by_period, seen, p, inside, value);
  }
  return target;
}

model::Tolerance read_tolerance(const Field& f) {
  constexpr const char* kExpected =
      "a number of points (0 or more) or a percentage of the target such as \"5%\"";
  if (!f.value.IsScalar()) fail_expected(f, kExpected);
  std::string text = f.value.Scalar();
  const bool relative = !text.empty() && text.back() == '%';
  if (relative) {
    text.pop_back();
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  const auto value = parse_number(text);
  if (!value || *value < 0) fail_expected(f, kExpected);
  return {*value, relative};
}

std::map<std::string, RawParam> read_params(const Field& f, const std::string& of, int entry) {
  std::map<std::string, RawParam> params;
  if (f.blank()) return params;
  const Mapping m(f, "in the params of " + of, "a mapping of parameter name to value");
  for (const Field& p : m.fields())
    params.emplace(p.key, RawParam{p.value, p.value_at, p.key_at, entry});
  return params;
}

std::map<std::string, double> read_benchmarks(const Field& f, const std::string& of) {
  std::map<std::string, double> benchmarks;
  if (f.blank()) return benchmarks;
  const Mapping m(f, "in the benchmarks of " + of,
                  "a mapping of benchmark (england, statistical_neighbours, region) to number");
  m.allow_only(kBenchmarks);
  for (const Field& b : m.fields()) benchmarks[b.key] = read_number(b, "a number", any_number);
  return benchmarks;
}

std::map<std::string, std::string> read_commentary(const Field& f, const std::string& of) {
  std::map<std::string, std::string> commentary;
  if (f.blank()) return commentary;
  const std::string inside = "in the commentary of " + of;
  const Mapping m(f, inside, "a mapping of period to text such as { \"2018-19 Q3\": \"...\" }");
  std::map<std::string, Location> seen;
  for (const Field& c : m.fields()) add_period(commentary, seen, c, inside, read_text(c));
  return commentary;
}

// Fills `use` from the fields of one entry (all but `use` and `include`); `entry` numbers the
// entries in reading order.
void read_fields(const Mapping& m, const std::string& of, int entry, IndicatorUse& use) {
  for (const Field& f : m.fields()) {
    if (f.key == "code") use.code = read_text(f);
    if (f.key == "name") use.name = read_text(f);
    if (f.key == "description") use.description = read_text(f);
    if (f.key == "theme") use.theme = read_text(f);
    if (f.key == "polarity") use.polarity = read_choice(f, kPolarities);
    if (f.key == "decimals")
      use.decimals = static_cast<int>(read_whole(f, "a whole number from 0 to 10", 0, 10));
    if (f.key == "params") use.params = read_params(f, of, entry);
    if (f.key == "target") use.target = read_target(f, of);
    if (f.key == "tolerance") use.tolerance = read_tolerance(f);
    if (f.key == "benchmarks") use.benchmarks = read_benchmarks(f, of);
    if (f.key == "commentary") use.commentary = read_commentary(f, of);
  }
}

// `later`'s fields override `earlier`'s; maps are merged key by key.
void merge(IndicatorUse& earlier, IndicatorUse later) {
  if (later.code) earlier.code = std::move(later.code);
  if (later.name) earlier.name = std::move(later.name);
  if (later.description) earlier.description = std::move(later.description);
  if (later.theme) earlier.theme = std::move(later.theme);
  if (later.polarity) earlier.polarity = later.polarity;
  if (later.decimals) earlier.decimals = later.decimals;
  if (later.target) earlier.target = std::move(later.target);
  if (later.tolerance) earlier.tolerance = later.tolerance;
  for (auto& [name, raw] : later.params) earlier.params.insert_or_assign(name, std::move(raw));
  for (auto& [name, v] : later.benchmarks) earlier.benchmarks.insert_or_assign(name, v);
  for (auto& [label, text] : later.commentary)
    earlier.commentary.insert_or_assign(label, std::move(text));
}

// `include: standard`: a name (letters, digits, '-', '_'; no '/' and no '.') names one of the
// sets in sets_directory().
bool is_set_name(const std::string& written) {
  if (written.empty()) return false;
  return std::all_of(written.begin(), written.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

fs::path installed_set(const Field& include, const std::string& name) {
  const fs::path dir = sets_directory();
  const fs::path file = dir / (name + ".yaml");
  std::error_code ec;
  if (fs::is_regular_file(file, ec)) return file;
  const std::vector<std::string> sets = installed_sets();
  std::string message = "'include' " + include.context + ": no indicator set named '" + name +
                        "' in " + dir.string() +
                        " (the sets there: " + (sets.empty() ? "none" : joined(sets)) +
                        "; a set file of your own is included by its path, such as "
                        "sets/" +
                        name + ".yaml)";
  if (auto near = closest(name, sets)) message += "; did you mean '" + *near + "'?";
  throw ConfigError(include.value_at, message);
}

class IndicatorList {
 public:
  explicit IndicatorList(std::vector<std::string>& texts) : texts_(texts) {}

  void open(const Document& doc) {
    open_.push_back(fs::weakly_canonical(doc.absolute));
    open_names_.push_back(doc.name);
  }
  void close() {
    open_.pop_back();
    open_names_.pop_back();
  }

  void read_list(const Field& list, const Document& doc, const std::string& set) {
    if (!list.value.IsSequence()) fail_expected(list, kListExpected);
    for (const auto& item : list.value) {
      const Location where = item.IsNull() ? list.value_at : location_of(doc.name, item.Mark());
      read_entry(item, where, doc, set);
    }
  }

  std::vector<IndicatorUse> take() {
    measures_.resolve(uses_);
    return std::move(uses_);
  }

 private:
  void read_entry(const YAML::Node& node, const Location& where, const Document& doc,
                  const std::string& set) {
    Mapping m(node, where, "in an indicators entry", kEntryExpected);
    const Field* measure = m.find("measure");
    if (measure) {
      std::vector<std::string> keys = kEntryKeys;
      keys.insert(keys.end(), measure_keys().begin(), measure_keys().end());
      m.allow_only(keys);
    } else {
      m.allow_only(kEntryKeys);
    }
    if (const Field* include = m.find("include")) {
      for (const Field& other : m.fields()) {
        if (&other != include)
          throw ConfigError(other.key_at, "'" + other.key +
                                              "' cannot be written beside 'include' (an entry "
                                              "either includes a set or uses an indicator)");
      }
      read_set(*include, doc);
      return;
    }
    const Field* id = measure ? measure : m.find("use");
    const Field* code = m.find("code");
    std::string of = "an indicators entry";
    if (measure && measure->value.IsScalar())
      of = "measure '" + measure->value.Scalar() + "'";
    else if (id && id->value.IsScalar())
      of = "indicator '" + id->value.Scalar() + "'";
    else if (code && code->value.IsScalar())
      of = "indicator '" + code->value.Scalar() + "'";
    m.set_context("in " + of);
    IndicatorUse use;
    use.set = set;
    use.where = m.where();
    if (measure)
      use.id = measures_.define(m, *measure, doc);  // a local measure (core/config/measures)
    else if (id)
      use.id = read_text(*id);
    read_fields(m, of, ++entries_, use);
    if (measure) measures_.remember(use);
    add(std::move(use), id != nullptr, m);
  }

  void add(IndicatorUse use, bool names_id, const Mapping& m) {
    auto same = [&](const IndicatorUse& u) { return u.key() == use.key(); };
    auto earlier = std::find_if(uses_.begin(), uses_.end(), same);
    if (!names_id) {
      const std::string why =
          !use.code ? " (an entry names an indicator id with 'use', includes a set with "
                      "'include', or overrides an earlier entry by its 'code')"
                    : " (no earlier entry has code '" + *use.code + "' for this one to override)";
      if (!use.code || earlier == uses_.end())
        throw ConfigError(m.where(), "missing required key 'use' " + m.context() + why);
    }
    if (names_id && earlier != uses_.end() && earlier->id != use.id)
      throw ConfigError(m.where(), (use.code ? "code '" : "'") + use.key() +
                                       "' already names the entry at " + earlier->where.str() +
                                       ", which uses '" + earlier->id + "', but this entry uses '" +
                                       use.id +
                                       "': give this one its own code, or leave out 'use' to "
                                       "override that entry");
    if (earlier == uses_.end())
      uses_.push_back(std::move(use));
    else
      merge(*earlier, std::move(use));
  }

  void read_set(const Field& include, const Document& from) {
    const std::string written = read_text(include);
    const bool by_name = is_set_name(written);
    const fs::path rel = by_name ? installed_set(include, written) : fs::path(written);
    const fs::path absolute = (rel.is_absolute() ? rel : from.directory() / rel).lexically_normal();
    const std::string name = (rel.is_absolute() ? rel : fs::path(from.name).parent_path() / rel)
                                 .lexically_normal()
                                 .string();
    std::error_code ec;
    if (!fs::is_regular_file(absolute, ec))
      throw ConfigError(include.value_at, "'include' " + include.context +
                                              ": expected an indicator set file, but there is "
                                              "no file '" +
                                              absolute.string() + "'");
    const fs::path canonical = fs::weakly_canonical(absolute);
    if (std::find(open_.begin(), open_.end(), canonical) != open_.end()) {
      std::string chain;
      for (const auto& n : open_names_) chain += n + " -> ";
      throw ConfigError(include.value_at, "include cycle: " + chain + name +
                                              " (an indicator set cannot include itself)");
    }
    const Document doc =
        read_document(name, include.value_at, "a mapping with 'set' and 'indicators'");
    texts_.push_back(doc.text);
    Mapping m(doc, "in an indicator set", "a mapping with 'set' (its name) and 'indicators'");
    const Field* set = m.find("set");
    const std::string set_name = set ? read_text(*set) : absolute.stem().string();
    m.set_context("in the indicator set '" + set_name + "'");
    m.allow_only(kSetKeys);
    open(doc);
    read_list(m.require("indicators"), doc, set_name);
    close();
  }

  std::vector<std::string>& texts_;
  std::vector<IndicatorUse> uses_;
  Measures measures_;
  int entries_ = 0;             // entries read so far
  std::vector<fs::path> open_;  // the files being read, outermost first: an include cycle
  std::vector<std::string> open_names_;
};

}  // namespace

fs::path sets_directory() { return data_path("SCORECARD_SET_DIR", "", "standard.yaml"); }

std::vector<std::string> installed_sets() {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(sets_directory(), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".yaml" && it->is_regular_file(ec))
      names.push_back(it->path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<IndicatorUse> read_indicators(const Field& list, const Document& doc,
                                          std::vector<std::string>& texts) {
  IndicatorList reader(texts);
  reader.open(doc);
  reader.read_list(list, doc, "");
  std::vector<IndicatorUse> uses = reader.take();
  if (uses.empty()) {
    throw ConfigError(list.value_at,
                      "'" + list.key + "' " + list.context +
                          ": expected at least one indicator, got " +
                          (list.value.size() == 0 ? "an empty list" : "only sets with none"));
  }
  return uses;
}

}  // namespace scorecard::config
