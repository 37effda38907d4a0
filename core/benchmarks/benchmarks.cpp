#include "core/benchmarks/benchmarks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include "core/config/yaml_reading.hpp"
#include "core/datasets/csv.hpp"

namespace scorecard::benchmarks {
namespace fs = std::filesystem;
using config::ConfigError;
using config::Field;
using config::Location;

namespace {

std::string joined(const Names& names) { return config::joined(names); }

std::string trimmed(std::string_view text) {
  size_t a = 0, b = text.size();
  while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r')) ++a;
  while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r')) --b;
  return std::string(text.substr(a, b - a));
}

// ---- the mapping --------------------------------------------------------------------------

Names names_of(const Field& f) { return config::read_texts(f); }

std::vector<RowFilter> read_filters(const Field& f) {
  std::vector<RowFilter> out;
  if (f.blank()) return out;
  if (!f.value.IsSequence()) config::fail_expected(f, "a list of { column: [...], is: [...] }");
  for (const auto& item : f.value) {
    const config::Mapping m(item, config::location_of(f.value_at.file, item.Mark()),
                            "in a row filter of " + f.key, "a mapping with column and is");
    m.allow_only({"column", "is"});
    out.push_back({names_of(m.require("column")), names_of(m.require("is"))});
  }
  return out;
}

ColumnRef read_column_ref(const Field& f) {
  const config::Mapping m(f, "in " + f.key, "a mapping with column and (optionally) rows");
  m.allow_only({"column", "rows"});
  ColumnRef ref;
  ref.column = names_of(m.require("column"));
  if (const Field* rows = m.find("rows")) {
    ref.rows = read_filters(*rows);
    ref.other_rows = !ref.rows.empty();
  }
  return ref;
}

// A parameter's value as the reports write it ("3", "true", "[F1, P1]", "" for blank) split
// into its items: a list's items, a scalar as one item, blank as none.
std::vector<std::string> items_of_text(const std::string& text, bool* is_list) {
  *is_list = text.size() >= 2 && text.front() == '[' && text.back() == ']';
  if (!*is_list) return text.empty() ? std::vector<std::string>{} : std::vector<std::string>{text};
  std::vector<std::string> out;
  const std::string inner = text.substr(1, text.size() - 2);
  size_t start = 0;
  while (start <= inner.size() && !inner.empty()) {
    const size_t comma = inner.find(',', start);
    const std::string item = trimmed(std::string_view(inner).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

void read_definition(const Field& f, Entry& e) {
  if (f.blank()) return;
  const config::Mapping m(f, "in definition of " + e.id, "a mapping of parameter to value");
  for (const Field& p : m.fields()) {
    std::vector<std::string> items;
    bool list = false;
    if (p.value.IsSequence()) {
      list = true;
      for (const auto& item : p.value) {
        if (!item.IsScalar())
          throw ConfigError(config::location_of(p.value_at.file, item.Mark()),
                            "'" + p.key + "' " + m.context() + ": expected a list of texts");
        items.push_back(item.Scalar());
      }
      std::sort(items.begin(), items.end());
    } else if (p.value.IsScalar()) {
      items.push_back(p.value.Scalar());
    } else if (!p.blank()) {
      config::fail_expected(p, "a value, a list or nothing (blank)");
    }
    e.definition[p.key] = items;
    e.definition_is_list[p.key] = list;
  }
}

Unit read_unit(const Field& f) {
  return config::read_choice(
      f, std::vector<std::pair<std::string, Unit>>{{"percent", Unit::kPercent},
                                                   {"count", Unit::kCount},
                                                   {"rate per 10,000", Unit::kRatePer10000},
                                                   {"number", Unit::kNumber},
                                                   {"ratio", Unit::kRatio},
                                                   {"days", Unit::kDays}});
}

Entry read_entry(const YAML::Node& node, const Location& where) {
  const config::Mapping m(node, where, "in an indicator of the benchmarks mapping",
                          "a mapping with id, file, year_ends, unit, polarity, value...");
  m.allow_only({"id", "code", "title", "definition", "file", "year_ends", "unit", "polarity",
                "rows", "value", "numerator", "denominator"});
  Entry e;
  e.where = where;
  e.id = config::read_text(m.require("id"));
  e.code = e.id;
  if (const Field* c = m.find("code")) e.code = config::read_text(*c);
  if (const Field* t = m.find("title")) e.title = config::read_text(*t);
  if (const Field* d = m.find("definition")) read_definition(*d, e);
  e.file = names_of(m.require("file"));
  e.year_end = config::read_choice(
      m.require("year_ends"),
      std::vector<std::pair<std::string, YearEnd>>{{"31 March", YearEnd::kMarch},
                                                   {"30 September", YearEnd::kSeptember}});
  e.unit = read_unit(m.require("unit"));
  e.polarity = config::read_choice(
      m.require("polarity"),
      std::vector<std::pair<std::string, Polarity>>{{"higher is better", Polarity::kHigherIsBetter},
                                                    {"lower is better", Polarity::kLowerIsBetter},
                                                    {"neutral", Polarity::kNeutral}});
  if (const Field* r = m.find("rows")) e.rows = read_filters(*r);
  e.value = names_of(m.require("value"));
  if (const Field* n = m.find("numerator")) e.numerator = read_column_ref(*n);
  if (const Field* d = m.find("denominator")) e.denominator = read_column_ref(*d);
  return e;
}

}  // namespace

fs::path default_mapping() {
  return config::data_path("SCORECARD_BENCHMARKS_MAPPING", fs::path("benchmarks") / "dfe.yaml");
}
fs::path default_directory() {
  if (const char* dir = std::getenv("SCORECARD_DFE_DIR"); dir && *dir) return dir;  // older name
  return config::published_root() / "dfe";  // as `benchmarks.published: dfe` finds it
}

Mapping load_mapping(const fs::path& file) {
  const config::Document doc =
      config::read_document(file.string(), std::nullopt, "the benchmarks mapping");
  const config::Mapping top(doc, "in the benchmarks mapping",
                            "a mapping with geography, authorities, neighbours, indicators");
  top.allow_only({"geography", "authorities", "neighbours", "indicators"});
  Mapping out;
  out.file = doc.absolute;
  {
    const config::Mapping g(top.require("geography"), "in geography",
                            "a mapping of the geography columns");
    g.allow_only({"year", "level", "region_code", "region_name", "la_number", "la_code", "la_name",
                  "national", "regional", "local", "region_of"});
    for (const char* key :
         {"year", "level", "region_code", "region_name", "la_number", "la_code", "la_name"})
      out.geography[key] = names_of(g.require(key));
    out.national = names_of(g.require("national"));
    out.regional = names_of(g.require("regional"));
    out.local = names_of(g.require("local"));
    if (const Field* r = g.find("region_of"); r && !r->blank()) {
      const config::Mapping regions(*r, "in geography.region_of", "a mapping of code to code");
      for (const Field& f : regions.fields()) out.region_of[f.key] = config::read_text(f);
    }
  }
  out.authorities = names_of(top.require("authorities"));
  {
    const config::Mapping n(top.require("neighbours"), "in neighbours",
                            "a mapping with file, la_number, columns");
    n.allow_only({"file", "la_number", "columns"});
    out.neighbours_file = names_of(n.require("file"));
    out.neighbours_la = names_of(n.require("la_number"));
    const Field& columns = n.require("columns");
    if (!columns.value.IsSequence() || columns.value.size() == 0)
      config::fail_expected(columns, "a list of the neighbour columns (each a list of names)");
    for (const auto& item : columns.value) {
      Field f{"columns", item, columns.value_at,
              config::location_of(columns.value_at.file, item.Mark()), "in neighbours"};
      out.neighbour_columns.push_back(names_of(f));
    }
  }
  const Field& indicators = top.require("indicators");
  if (!indicators.value.IsSequence())
    config::fail_expected(indicators, "a list of indicator mappings");
  for (const auto& item : indicators.value)
    out.entries.push_back(
        read_entry(item, config::location_of(indicators.value_at.file, item.Mark())));
  return out;
}

std::string year_label(int year, YearEnd end) {
  if (end == YearEnd::kSeptember) return fmt::format("{} (census at 30 September {})", year, year);
  return fmt::format("{}-{:02} (year ending 31 March {})", year - 1, year % 100, year);
}

Date year_end_date(int year, YearEnd end) {
  return end == YearEnd::kSeptember ? Date::from_ymd(year, 9, 30) : Date::from_ymd(year, 3, 31);
}

std::optional<int> year_for(const std::vector<int>& years, YearEnd end, Date period_end,
                            bool latest) {
  if (years.empty()) return std::nullopt;
  if (latest) return *std::max_element(years.begin(), years.end());
  std::optional<int> best;
  for (int y : years)
    if (year_end_date(y, end) <= period_end && (!best || y > *best)) best = y;
  return best;
}

// ---- the files ----------------------------------------------------------------------------

struct Published::Table {
  fs::path file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<uint32_t> lines;

  // The first of `names` the header has. Throws BenchmarkError naming the file and its columns.
  size_t column(const Names& names, const std::string& what) const {
    for (const auto& name : names)
      for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    throw BenchmarkError(fmt::format("{}: has no column {} ({}; its columns: {})", file.string(),
                                     joined(names), what, joined(header)));
  }
  std::optional<size_t> find_column(const Names& names) const {
    for (const auto& name : names)
      for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    return std::nullopt;
  }
};

namespace {

struct Cell {
  std::optional<double> value;
  std::string marker;  // the text when not a number ("c", "z"...; "blank" when empty)
  uint32_t line = 0;
};

Cell cell_of(const std::string& text, uint32_t line) {
  Cell c;
  c.line = line;
  const std::string t = trimmed(text);
  if (t.empty()) {
    c.marker = "blank";
    return c;
  }
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() + t.size() && errno == 0 && std::isfinite(v) &&
      t.find_first_of("xXnNiI") == std::string::npos)
    c.value = v;
  else
    c.marker = t;
  return c;
}

// "2025" or "202425" (an academic year written as two years): the year the period ends in.
std::optional<int> parse_year(const std::string& text) {
  const std::string t = trimmed(text);
  if (t.empty() || !std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return std::nullopt;
  if (t.size() == 4) return std::stoi(t);
  if (t.size() == 6) return std::stoi(t.substr(0, 2)) * 100 + std::stoi(t.substr(4, 2));
  return std::nullopt;
}

}  // namespace

struct Published::Index {
  struct Year {
    std::map<std::string, Cell> value, numerator, denominator;  // "N", "R:<code>", "L:<number>"
    std::map<std::string, std::string> la_code, la_name, la_region;
  };
  std::map<int, Year> years;
};

Published::Published(fs::path directory, Mapping mapping)
    : directory_(std::move(directory)), mapping_(std::move(mapping)) {
  std::error_code ec;
  if (!fs::exists(directory_, ec))
    throw BenchmarkError("the published statistics folder " + directory_.string() +
                         " does not exist (benchmarks.published: a folder of DfE CSV files, "
                         "relative to the configuration, or the name of those that come with "
                         "scorecard, such as dfe)");
  if (!fs::is_directory(directory_, ec))
    throw BenchmarkError("the published statistics folder " + directory_.string() +
                         " is not a folder (benchmarks.published: a folder of DfE CSV files)");
}

Published::~Published() = default;

std::string Published::neighbour_model() const {
  for (const auto& name : mapping_.neighbours_file)
    if (fs::exists(directory_ / name)) return name;
  return mapping_.neighbours_file.empty() ? "" : mapping_.neighbours_file.front();
}

const Published::Table& Published::table(const Names& file) const {
  fs::path path;
  for (const auto& name : file) {
    std::error_code ec;
    if (fs::is_regular_file(directory_ / name, ec)) {
      path = directory_ / name;
      break;
    }
  }
  if (path.empty())
    throw BenchmarkError(
        fmt::format("{}: none of the files {} is there (the benchmarks mapping "
                    "{} names them)",
                    directory_.string(), joined(file), mapping_.file.string()));
  auto& slot = tables_[path.string()];
  if (slot) return *slot;
  auto t = std::make_unique<Table>();
  t->file = path;
  datasets::csv::Reader reader(path);
  datasets::csv::Record record;
  try {
    bool first = true;
    while (reader.next(record)) {
      if (record.blank()) continue;
      std::vector<std::string> fields;
      fields.reserve(record.fields.size());
      for (const auto& f : record.fields) fields.emplace_back(f.text);
      if (first) {
        for (auto& name : fields) name = trimmed(name);
        t->header = std::move(fields);
        first = false;
        continue;
      }
      if (fields.size() != t->header.size())
        throw BenchmarkError(fmt::format("{}:{}: expected {} fields as in the header, got {}",
                                         path.string(), record.line, t->header.size(),
                                         fields.size()));
      t->rows.push_back(std::move(fields));
      t->lines.push_back(record.line);
    }
  } catch (const datasets::csv::SyntaxError& e) {
    throw BenchmarkError(
        fmt::format("{}:{}:{}: {}", path.string(), e.line, e.column, std::string(e.what())));
  }
  if (t->header.empty()) throw BenchmarkError(path.string() + ": is empty (expected a header)");
  slot = std::move(t);
  return *slot;
}

namespace {

struct ResolvedFilter {
  size_t column;
  std::set<std::string> values;
};

std::vector<ResolvedFilter> resolve_filters(const Published::Table& t,
                                            const std::vector<RowFilter>& fs,
                                            const std::string& what) {
  std::vector<ResolvedFilter> out;
  for (const auto& f : fs)
    out.push_back({t.column(f.column, "a row filter of " + what),
                   std::set<std::string>(f.values.begin(), f.values.end())});
  return out;
}

bool matches(const std::vector<std::string>& row, const std::vector<ResolvedFilter>& filters) {
  for (const auto& f : filters)
    if (!f.values.count(trimmed(row[f.column]))) return false;
  return true;
}

}  // namespace

const Published::Index& Published::index(const Entry& entry) const {
  auto& slot = indexes_[&entry];
  if (slot) return *slot;
  const Table& t = table(entry.file);
  const auto& g = mapping_.geography;
  const size_t year = t.column(g.at("year"), "the year"), level = t.column(g.at("level"), "level"),
               region = t.column(g.at("region_code"), "the region's code"),
               number = t.column(g.at("la_number"), "the LA's DfE number");
  const auto code = t.find_column(g.at("la_code")), name = t.find_column(g.at("la_name"));
  const std::set<std::string> national(mapping_.national.begin(), mapping_.national.end()),
      regional(mapping_.regional.begin(), mapping_.regional.end()),
      local(mapping_.local.begin(), mapping_.local.end());
  const std::string what = entry.id + " (" + entry.title + ")";
  const auto rows = resolve_filters(t, entry.rows, what);
  const size_t value = t.column(entry.value, "the value of " + what);
  std::optional<size_t> numerator, denominator;
  std::vector<ResolvedFilter> numerator_rows, denominator_rows;
  if (entry.numerator) {
    numerator = t.column(entry.numerator->column, "the numerator of " + what);
    numerator_rows = resolve_filters(t, entry.numerator->rows, what);
  }
  if (entry.denominator) {
    denominator = t.column(entry.denominator->column, "the denominator of " + what);
    denominator_rows = resolve_filters(t, entry.denominator->rows, what);
  }
  auto index = std::make_unique<Index>();
  auto put = [&](std::map<std::string, Cell>& cells, const std::string& key, Cell c, size_t row) {
    auto [it, added] = cells.emplace(key, c);
    if (!added)
      throw BenchmarkError(fmt::format(
          "{}:{}: a second row for the same place and year as line {} matches {} (expected one)",
          t.file.string(), t.lines[row], it->second.line, what));
  };
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::optional<int> y = parse_year(row[year]);
    if (!y)
      throw BenchmarkError(fmt::format("{}:{}: expected a year in {}, got '{}'", t.file.string(),
                                       t.lines[r], t.header[year], row[year]));
    const std::string lv = trimmed(row[level]);
    std::string key;
    if (national.count(lv))
      key = "N";
    else if (regional.count(lv))
      key = "R:" + trimmed(row[region]);
    else if (local.count(lv))
      key = "L:" + trimmed(row[number]);
    else
      continue;  // other levels (local authority district, ...) are not benchmarks
    Index::Year& yd = index->years[*y];
    const bool main = matches(row, rows);
    if (main) {
      put(yd.value, key, cell_of(row[value], t.lines[r]), r);
      if (numerator && !entry.numerator->other_rows)
        put(yd.numerator, key, cell_of(row[*numerator], t.lines[r]), r);
      if (denominator && !entry.denominator->other_rows)
        put(yd.denominator, key, cell_of(row[*denominator], t.lines[r]), r);
      if (key[0] == 'L') {
        if (code) yd.la_code[key] = trimmed(row[*code]);
        if (name) yd.la_name[key] = trimmed(row[*name]);
        yd.la_region[key] = trimmed(row[region]);
      }
    }
    if (numerator && entry.numerator->other_rows && matches(row, numerator_rows))
      put(yd.numerator, key, cell_of(row[*numerator], t.lines[r]), r);
    if (denominator && entry.denominator->other_rows && matches(row, denominator_rows))
      put(yd.denominator, key, cell_of(row[*denominator], t.lines[r]), r);
  }
  // A year with no row for the indicator is no year of it.
  for (auto it = index->years.begin(); it != index->years.end();)
    it = it->second.value.empty() ? index->years.erase(it) : std::next(it);
  slot = std::move(index);
  return *slot;
}

std::vector<int> Published::years(const Entry& entry) const {
  std::vector<int> out;
  for (const auto& [year, data] : index(entry).years) out.push_back(year);
  return out;
}

void Published::read_authorities() const { table(mapping_.authorities); }

AuthorityId Published::resolve(const std::string& code_or_number) const {
  const std::string wanted = trimmed(code_or_number);
  const Table& t = table(mapping_.authorities);
  const auto& g = mapping_.geography;
  const size_t year = t.column(g.at("year"), "the year"), level = t.column(g.at("level"), "level"),
               number = t.column(g.at("la_number"), "the LA's DfE number"),
               code = t.column(g.at("la_code"), "the LA's ONS code"),
               name = t.column(g.at("la_name"), "the LA's name"),
               region = t.column(g.at("region_code"), "the region's code"),
               region_name = t.column(g.at("region_name"), "the region's name");
  const std::set<std::string> local(mapping_.local.begin(), mapping_.local.end());
  const bool by_number =
      wanted.size() == 3 &&
      std::all_of(wanted.begin(), wanted.end(), [](char c) { return c >= '0' && c <= '9'; });
  // The number: given, or every number the code is written with (it must be one).
  std::set<std::string> numbers;
  if (by_number) numbers.insert(wanted);
  for (size_t r = 0; r < t.rows.size() && !by_number; ++r)
    if (local.count(trimmed(t.rows[r][level])) && trimmed(t.rows[r][code]) == wanted)
      numbers.insert(trimmed(t.rows[r][number]));
  if (numbers.size() > 1) {
    throw BenchmarkError(
        fmt::format("{}: the code {} names more than one LA (DfE numbers {}): set "
                    "authority.dfe_number",
                    t.file.string(), wanted, joined(Names(numbers.begin(), numbers.end()))));
  }
  // The latest row of that number names it.
  AuthorityId a;
  int latest = -1;
  if (numbers.size() == 1) {
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      if (!local.count(trimmed(row[level])) || trimmed(row[number]) != *numbers.begin()) continue;
      const int y = parse_year(row[year]).value_or(0);
      if (y < latest) continue;
      latest = y;
      a.dfe_number = trimmed(row[number]);
      a.code = trimmed(row[code]);
      a.name = trimmed(row[name]);
      a.region_code = trimmed(row[region]);
      a.region_name = trimmed(row[region_name]);
    }
  }
  if (a.dfe_number.empty())
    throw BenchmarkError(fmt::format(
        "{}: no local authority has {} {} (expected an ONS code such as E08000016 or a DfE "
        "number such as 370, as the DfE files write them)",
        t.file.string(), by_number ? "the DfE number" : "the code", wanted));
  if (auto it = mapping_.region_of.find(a.region_code); it != mapping_.region_of.end()) {
    // Inner or Outer London: the region is London, named as the regional rows name it.
    a.region_code = it->second;
    for (const auto& row : t.rows)
      if (!local.count(trimmed(row[level])) && trimmed(row[region]) == a.region_code)
        a.region_name = trimmed(row[region_name]);
  }
  return a;
}

std::vector<std::string> Published::neighbours_of(const std::string& dfe_number) const {
  const Table& t = table(mapping_.neighbours_file);
  const size_t number = t.column(mapping_.neighbours_la, "the LA's DfE number");
  std::vector<size_t> columns;
  for (const auto& names : mapping_.neighbour_columns)
    columns.push_back(t.column(names, "a statistical neighbour"));
  for (const auto& row : t.rows) {
    if (trimmed(row[number]) != dfe_number) continue;
    std::vector<std::string> out;
    for (size_t c : columns)
      if (std::string n = trimmed(row[c]); !n.empty()) out.push_back(n);
    return out;
  }
  return {};
}

const Entry* Published::match(const std::string& id,
                              const std::map<std::string, std::string>& params,
                              std::string* why) const {
  std::vector<std::string> reasons;
  for (const Entry& e : mapping_.entries) {
    if (e.id != id) continue;
    std::string differs;
    for (const auto& [name, wanted] : e.definition) {
      auto it = params.find(name);
      bool list = false;
      const std::vector<std::string> have =
          it == params.end() ? std::vector<std::string>{} : items_of_text(it->second, &list);
      if (have == wanted) continue;
      auto shown = [&](const std::vector<std::string>& items, bool as_list) {
        if (items.empty()) return std::string(as_list ? "[]" : "blank");
        return as_list ? "[" + joined(items) + "]" : items.front();
      };
      differs = fmt::format("{} is {} where the DfE's definition has {}", name,
                            it == params.end() ? "not set" : shown(have, list),
                            shown(wanted, e.definition_is_list.at(name)));
      break;
    }
    if (differs.empty()) {
      if (why) why->clear();
      return &e;
    }
    reasons.push_back(differs + " (" + e.title + ")");
  }
  if (why) {
    why->clear();
    if (!reasons.empty()) {
      *why = "No published benchmark: the parameters differ from the published definition: ";
      for (size_t i = 0; i < reasons.size(); ++i) *why += (i ? "; or " : "") + reasons[i];
    }
  }
  return nullptr;
}

model::PublishedBenchmarks Published::lookup(const Entry& entry, const AuthorityId& authority,
                                             int year, bool median, Polarity polarity) const {
  model::PublishedBenchmarks out;
  const Index& idx = index(entry);
  out.year = year;
  out.year_label = year_label(year, entry.year_end);
  out.file = table(entry.file).file.filename().string();
  out.neighbours_method = median ? "median" : "mean";
  auto y = idx.years.find(year);
  if (y == idx.years.end()) {
    out.note = fmt::format("{} has no figures for {}", out.file, out.year_label);
    return out;
  }
  const Index::Year& d = y->second;
  out.available = true;
  auto value_at = [&](const std::map<std::string, Cell>& cells,
                      const std::string& key) -> const Cell* {
    auto it = cells.find(key);
    return it == cells.end() ? nullptr : &it->second;
  };
  if (const Cell* c = value_at(d.value, "N")) out.england = c->value;
  const std::string la = "L:" + authority.dfe_number;
  // The region: the one this file gives the LA (London for Inner and Outer London).
  std::string region = authority.region_code;
  if (auto it = d.la_region.find(la); it != d.la_region.end() && !it->second.empty())
    region = it->second;
  if (auto it = mapping_.region_of.find(region); it != mapping_.region_of.end())
    region = it->second;
  out.region_code = region;
  out.region_name = region == authority.region_code ? authority.region_name : region;
  if (const Cell* c = value_at(d.value, "R:" + region)) out.region = c->value;
  if (const Cell* c = value_at(d.value, la)) {
    out.own = c->value;
    out.own_marker = c->marker;
  } else {
    out.own_marker = "no row";
  }
  if (const Cell* c = value_at(d.numerator, la)) out.own_numerator = c->value;
  if (const Cell* c = value_at(d.denominator, la)) out.own_denominator = c->value;

  // Neighbours, in the model's order; those without a value are listed and left out.
  std::vector<double> values;
  for (const auto& n : neighbours_of(authority.dfe_number)) {
    model::PublishedNeighbour nb;
    nb.dfe_number = n;
    const std::string key = "L:" + n;
    if (auto it = d.la_code.find(key); it != d.la_code.end()) nb.code = it->second;
    if (auto it = d.la_name.find(key); it != d.la_name.end()) nb.name = it->second;
    if (nb.name.empty()) {
      try {
        const AuthorityId other = resolve(n);
        nb.code = other.code;
        nb.name = other.name;
      } catch (const BenchmarkError&) {
        nb.name = "LA " + n;
      }
    }
    if (const Cell* c = value_at(d.value, key)) {
      nb.value = c->value;
      nb.marker = c->marker;
    } else {
      nb.marker = "no row";
    }
    if (nb.value)
      values.push_back(*nb.value);
    else
      ++out.neighbours_missing;
    out.neighbour_list.push_back(std::move(nb));
  }
  if (!values.empty()) {
    if (median) {
      std::sort(values.begin(), values.end());
      const size_t n = values.size();
      out.neighbours = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    } else {
      double sum = 0;
      for (double v : values) sum += v;
      out.neighbours = sum / static_cast<double>(values.size());
    }
  }

  // Rank among every LA with a value: 1 + the LAs strictly better (lower first when neutral).
  if (out.own) {
    int better = 0, ranked = 0;
    for (const auto& [key, c] : d.value) {
      if (key[0] != 'L' || !c.value) continue;
      ++ranked;
      const bool is_better =
          polarity == Polarity::kHigherIsBetter ? *c.value > *out.own : *c.value < *out.own;
      if (is_better) ++better;
    }
    out.ranked = ranked;
    out.rank = better + 1;
    const int band = std::clamp(
        static_cast<int>(std::ceil(4.0 * *out.rank / static_cast<double>(ranked))), 1, 4);
    out.quartile = std::string(1, static_cast<char>('A' + band - 1));
  }
  return out;
}

namespace {

// The run's published files and the authority in them (config `benchmarks:`).
struct Source {
  std::unique_ptr<Published> published;
  AuthorityId authority;
};

Source open_source(const config::Config& config) {
  const config::PublishedBenchmarksConfig& b = *config.benchmarks;
  Mapping mapping = load_mapping(b.mapping.value_or(default_mapping()));
  Source out;
  try {
    out.published = std::make_unique<Published>(b.published, std::move(mapping));
  } catch (const BenchmarkError& e) {
    throw ConfigError(b.where, e.what());
  }
  const std::string& code = config.authority.code;
  const std::string& number = config.dfe_number;
  if (code.empty() && number.empty())
    throw ConfigError(b.where,
                      "benchmarks need the authority: set authority.code (its ONS code, e.g. "
                      "E08000016) or authority.dfe_number (the DfE's number, e.g. 370)");
  try {
    out.authority = out.published->resolve(number.empty() ? code : number);
    if (!number.empty() && !code.empty()) {
      const AuthorityId by_code = out.published->resolve(code);
      if (by_code.dfe_number != out.authority.dfe_number)
        throw ConfigError(
            b.where,
            fmt::format("authority.code {} is DfE number {} ({}) in the published files "
                        "({}), but authority.dfe_number is {} ({}): set one of them, or "
                        "make them name the same LA",
                        code, by_code.dfe_number, by_code.name,
                        joined(out.published->mapping().authorities), number, out.authority.name));
    }
  } catch (const BenchmarkError& e) {
    throw ConfigError(b.where, std::string("benchmarks: ") + e.what());
  }
  return out;
}

}  // namespace

void check(const config::Config& config) {
  if (config.benchmarks) open_source(config);
}

void apply(const config::Config& config, model::Scorecard& card) {
  if (!config.benchmarks) return;
  const config::PublishedBenchmarksConfig& b = *config.benchmarks;
  Source source = open_source(config);
  const std::unique_ptr<Published>& published = source.published;
  const AuthorityId& a = source.authority;
  const bool median = b.neighbours == config::PublishedBenchmarksConfig::Neighbours::kMedian;
  const bool latest = b.year == config::PublishedBenchmarksConfig::Year::kLatest;
  card.published = model::PublishedSource{b.published.string(),
                                          a.dfe_number,
                                          a.code,
                                          a.name,
                                          a.region_code,
                                          a.region_name,
                                          median ? "median" : "mean",
                                          latest ? "latest" : "same",
                                          published->neighbour_model()};
  for (auto& r : card.indicators) {
    std::string why;
    // The matcher reads each parameter as the reports wrote it before schema 1.3.0 (as text).
    std::map<std::string, std::string> as_text;
    for (const auto& [name, value] : r.params) as_text[name] = model::param_text(value);
    const Entry* e = published->match(r.id, as_text, &why);
    if (!e) {
      r.benchmark_note = why;
      continue;
    }
    const std::vector<int> years = published->years(*e);
    for (auto& p : r.periods) {
      const std::optional<int> y = year_for(years, e->year_end, p.end, latest);
      if (!y) {
        model::PublishedBenchmarks none;
        none.note =
            fmt::format("No published year at or before {} ({} has {} to {})", p.label,
                        published->mapping().entries.empty() ? "" : e->file.front(),
                        years.empty() ? 0 : years.front(), years.empty() ? 0 : years.back());
        p.published = none;
        continue;
      }
      p.published = published->lookup(*e, a, *y, median, r.polarity);
      if (latest)
        p.published->basis = "the latest published year";
      else if (year_end_date(*y, e->year_end) == p.end)
        p.published->basis = "the period's own year";
      else
        p.published->basis = "the latest published year not after the period";
    }
  }
}

}  // namespace scorecard::benchmarks
