#include "core/config/config.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/config/indicator_list.hpp"
#include "core/config/yaml_reading.hpp"
#include "core/periods/periods.hpp"

namespace scorecard::config {
namespace fs = std::filesystem;

std::string Location::str() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

namespace {

// `text` with control characters shown as \xNN: a message quotes keys, values and paths as
// written, and YAML can write any byte ("\0", "\e"); a NUL would end what() there and an escape
// sequence would reach the analyst's terminal.
std::string printable(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F) {
      out += ch;
      continue;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02X", c);
    out += hex;
  }
  return out;
}

}  // namespace

ConfigError::ConfigError(const Location& where, const std::string& message)
    : std::runtime_error(printable(where.str()) + ": " + printable(message)),
      where(where),
      message(printable(message)) {}

const char* to_string(OnError e) { return e == OnError::kReport ? "report" : "fail"; }
const char* to_string(Isolation i) { return i == Isolation::kProcess ? "process" : "none"; }

std::optional<double> Target::for_period(const std::string& label) const {
  if (auto it = by_period.find(label); it != by_period.end()) return it->second;
  if (!by_period.empty()) {
    try {
      const std::string canonical = periods::parse(label).period.label;
      if (auto it = by_period.find(canonical); it != by_period.end()) return it->second;
    } catch (const periods::PeriodError&) {
      // Not a period label: only the single value can apply.
    }
  }
  return value;
}

namespace {

constexpr const char* kTopExpected = "a mapping with authority, data and indicators";

// The DfE's LA number: three digits (YAML may read 370 as a number; the text is the same).
std::string read_dfe_number(const Field& f) {
  const std::string text = f.value.IsScalar() ? f.value.Scalar() : "";
  const bool digits = text.size() == 3 && std::all_of(text.begin(), text.end(), [](char ch) {
                        return std::isdigit(static_cast<unsigned char>(ch));
                      });
  if (!digits) fail_expected(f, "the DfE's 3-digit local-authority number, e.g. 370");
  return text;
}

void read_authority(const Field& f, const fs::path& base, Config& c) {
  const Mapping m(f, "in authority",
                  "a mapping with name, code, dfe_number, population_0_17, postcode_centroids");
  m.allow_only({"name", "code", "dfe_number", "population_0_17", "postcode_centroids"});
  c.authority.name = read_text(m.require("name"));
  if (const Field* code = m.find("code")) c.authority.code = read_text(*code);
  if (const Field* n = m.find("dfe_number")) c.dfe_number = read_dfe_number(*n);
  if (const Field* p = m.find("population_0_17"))
    c.authority.population_0_17 =
        read_number(*p, "a number of children (0 or more)", [](double v) { return v >= 0; });
  if (const Field* p = m.find("postcode_centroids")) c.postcode_centroids = read_path(*p, base);
}

bool is_sha256(const std::string& text) {
  if (text.size() != 64) return false;
  for (char ch : text)
    if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
  return true;
}

void read_sha256(const Field& f, Config& c) {
  if (f.blank()) return;
  const Mapping m(f, "in plugins.sha256", "a mapping of plugin file name to SHA-256 digest");
  for (const Field& entry : m.fields()) {
    std::string digest = entry.value.IsScalar() ? entry.value.Scalar() : "";
    if (!is_sha256(digest)) fail_expected(entry, "a SHA-256 digest (64 hexadecimal digits)");
    for (char& ch : digest) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c.sha256[entry.key] = digest;
  }
}

void read_plugins(const Field& f, const fs::path& base, Config& c) {
  if (f.blank()) return;
  const Mapping m(f, "in plugins",
                  "a mapping with directories, isolation, timeout_s, memory_mb, sha256");
  m.allow_only({"directories", "isolation", "timeout_s", "memory_mb", "sha256"});
  if (const Field* d = m.find("directories")) {
    for (const auto& text : read_texts(*d)) {
      const fs::path p(text);
      c.plugin_directories.push_back((p.is_absolute() ? p : base / p).lexically_normal());
    }
  }
  if (const Field* i = m.find("isolation"))
    c.isolation =
        read_choice(*i, std::vector<std::pair<std::string, Isolation>>{
                            {"none", Isolation::kNone}, {"process", Isolation::kProcess}});
  if (const Field* t = m.find("timeout_s"))
    c.timeout_s = read_number(*t, "a number of seconds above 0", [](double v) { return v > 0; });
  if (const Field* mb = m.find("memory_mb"))
    c.memory_mb = static_cast<long>(read_whole(*mb, "a whole number of megabytes above 0", 1,
                                               std::numeric_limits<int32_t>::max()));
  if (const Field* s = m.find("sha256")) read_sha256(*s, c);
}

void read_columns(const Field& f, Config& c) {
  if (f.blank()) return;
  const Mapping datasets(f, "in data.columns",
                         "a mapping of dataset to { DfE column name: local column name }");
  for (const Field& dataset : datasets.fields()) {
    auto& renames = c.renames[dataset.key];
    if (dataset.blank()) continue;
    const Mapping columns(dataset, "in data.columns." + dataset.key,
                          "a mapping of DfE column name to local column name");
    for (const Field& column : columns.fields()) renames[column.key] = read_text(column);
  }
}

// data.returns: {year: 2019, years: {fake_903.xml: 2019}}, the collection years (the year
// ending 31 March) of returns whose file names do not say.
void read_returns(const Field& f, Config& c) {
  if (f.blank()) return;
  const Mapping m(f, "in data.returns", "a mapping with year, years");
  m.allow_only({"year", "years"});
  if (const Field* y = m.find("year"))
    c.return_year = static_cast<int>(read_whole(*y, "a year from 1990 to 2099", 1990, 2099));
  if (const Field* ys = m.find("years"); ys && !ys->blank()) {
    const Mapping files(*ys, "in data.returns.years", "a mapping of file name to year");
    for (const Field& file : files.fields())
      c.return_years[file.key] =
          static_cast<int>(read_whole(file, "a year from 1990 to 2099", 1990, 2099));
  }
}

void read_data(const Field& f, const fs::path& base, Config& c) {
  const Mapping m(f, "in data", "a mapping with directory, columns, on_error, returns");
  m.allow_only({"directory", "columns", "on_error", "returns"});
  if (const Field* r = m.find("returns")) read_returns(*r, c);
  c.data_directory = read_path(m.require("directory"), base);
  if (const Field* columns = m.find("columns")) read_columns(*columns, c);
  if (const Field* e = m.find("on_error"))
    c.on_error = read_choice(*e, std::vector<std::pair<std::string, OnError>>{
                                     {"fail", OnError::kFail}, {"report", OnError::kReport}});
}

void read_report(const Field& f, const fs::path& base, Config& c) {
  if (f.blank()) return;
  const Mapping m(f, "in report",
                  "a mapping with history_quarters, small_numbers, suppress, history_db");
  m.allow_only({"history_quarters", "small_numbers", "suppress", "history_db"});
  if (const Field* h = m.find("history_quarters"))
    c.history_quarters = static_cast<int>(read_whole(*h, "a whole number from 0 to 40", 0, 40));
  if (const Field* s = m.find("small_numbers"))
    c.small_numbers = static_cast<int>(
        read_whole(*s, "a whole number (0 or more)", 0, std::numeric_limits<int32_t>::max()));
  if (const Field* s = m.find("suppress")) c.suppress = read_flag(*s);
  if (const Field* db = m.find("history_db")) c.history_db = read_path(*db, base);
}

fs::path read_published(const Field& f, const fs::path& base) {
  const std::string written = f.value.IsScalar() ? f.value.Scalar() : "";
  if (!is_published_name(written)) return read_path(f, base);
  const fs::path root = published_root();
  const fs::path named = (root / written).lexically_normal();
  const fs::path beside = (base / written).lexically_normal();
  std::error_code ec;
  const bool have_named = fs::is_directory(named, ec);
  const bool have_beside = fs::is_directory(beside, ec);
  const std::string what = "'" + f.key + "' " + f.context + ": ";
  if (have_named && have_beside)
    throw ConfigError(f.value_at, what + "'" + written +
                                      "' names the published statistics that come with "
                                      "scorecard (" +
                                      named.string() + "), and there is also a folder " +
                                      beside.string() + " beside this configuration: write ./" +
                                      written + " for that folder, or the full path of the other");
  if (have_named) return named;
  std::vector<std::string> names;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  std::string message = what + "no published statistics named '" + written + "' in " +
                        root.string() +
                        " (those there: " + (names.empty() ? "none" : joined(names)) +
                        "; a folder of your own is given by its path, such as ./" + written + ")";
  if (have_beside)
    message += "; there is a folder " + beside.string() + ": write ./" + written + " for it";
  else if (auto near = closest(written, names))
    message += "; did you mean '" + *near + "'?";
  throw ConfigError(f.value_at, message);
}

void read_benchmarks(const Field& f, const fs::path& base, Config& c) {
  if (f.blank()) return;
  const Mapping m(f, "in benchmarks", "a mapping with published, neighbours, year, mapping");
  m.allow_only({"published", "neighbours", "year", "mapping"});
  PublishedBenchmarksConfig b;
  b.where = f.key_at;
  b.published = read_published(m.require("published"), base);
  using N = PublishedBenchmarksConfig::Neighbours;
  using Y = PublishedBenchmarksConfig::Year;
  if (const Field* n = m.find("neighbours"))
    b.neighbours = read_choice(
        *n, std::vector<std::pair<std::string, N>>{{"mean", N::kMean}, {"median", N::kMedian}});
  if (const Field* y = m.find("year"))
    b.year = read_choice(
        *y, std::vector<std::pair<std::string, Y>>{{"same", Y::kSame}, {"latest", Y::kLatest}});
  if (const Field* map = m.find("mapping")) b.mapping = read_path(*map, base);
  c.benchmarks = b;
}

// FNV-1a 64 over each text, each preceded by its length so that moving text from one file to
// the next changes the digest.
std::string digest(const std::vector<std::string>& texts) {
  uint64_t h = 14695981039346656037ull;
  auto add = [&h](unsigned char byte) {
    h ^= byte;
    h *= 1099511628211ull;
  };
  for (const auto& text : texts) {
    for (int shift = 0; shift < 64; shift += 8)
      add(static_cast<unsigned char>(text.size() >> shift));
    for (char ch : text) add(static_cast<unsigned char>(ch));
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace

// `published: dfe` names a folder of published_root(), as `include: standard` names an installed
// set; a folder of one's own is given by its path (./dfe).
fs::path data_path(const char* env, const fs::path& relative, const fs::path& marker) {
  if (const char* value = std::getenv(env); value && *value) return value;
  std::error_code ec;
  auto under = [&](const fs::path& base) { return relative.empty() ? base : base / relative; };
  auto found = [&](const fs::path& candidate) {
    return fs::exists(marker.empty() ? candidate : candidate / marker, ec);
  };
  const fs::path exe = boost::dll::program_location(ec);
  if (!ec) {
    const fs::path installed = under(exe.parent_path().parent_path() / SCORECARD_DATA_RELATIVE_DIR);
    if (found(installed)) return installed;
  }
  const fs::path source = under(fs::path(SCORECARD_SOURCE_DIR) / "indicators");
  if (found(source)) return source;
  return under(SCORECARD_INSTALL_DATA_DIR);
}

bool is_published_name(const std::string& written) {
  return !written.empty() && std::all_of(written.begin(), written.end(), [](unsigned char ch) {
    return std::isalnum(ch) || ch == '-' || ch == '_';
  });
}

fs::path published_root() { return data_path("SCORECARD_BENCHMARKS_DIR", "benchmarks"); }

Config load(const fs::path& file) {
  const Document doc = read_document(file.string(), std::nullopt, kTopExpected);
  Config c;
  c.path = doc.absolute;
  const fs::path base = doc.directory();
  std::vector<std::string> texts{doc.text};
  const Mapping top(doc, "at the top level", kTopExpected);
  top.allow_only({"authority", "plugins", "data", "indicators", "report", "benchmarks"});
  read_authority(top.require("authority"), base, c);
  if (const Field* p = top.find("plugins")) read_plugins(*p, base, c);
  read_data(top.require("data"), base, c);
  c.indicators = read_indicators(top.require("indicators"), doc, texts);
  if (const Field* r = top.find("report")) read_report(*r, base, c);
  if (const Field* b = top.find("benchmarks")) read_benchmarks(*b, base, c);
  c.hash = digest(texts);
  return c;
}

}  // namespace scorecard::config
