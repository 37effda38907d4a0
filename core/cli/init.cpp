// `scorecard init --data DIR [--out FILE]`: a starter scorecard.yaml for a folder of extracts
// (authority placeholders, the standard set, the column renames it could guess as comments),
// and which indicators compute on that data. The list comes from a run of the written file
// (as at today, no history, nothing written), so it is what `run` then does.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "core/cli/commands.hpp"
#include "core/cli/shared.hpp"
#include "core/datasets/csv.hpp"
#include "core/reports/reports.hpp"

namespace scorecard::cli {
namespace fs = std::filesystem;
namespace {

// A header name reduced to its letters and digits, upper-cased: "Place Provider" and
// "place_provider" are both PLACEPROVIDER.
std::string squeezed(std::string_view name) {
  std::string out;
  for (unsigned char c : name)
    if (std::isalnum(c)) out += static_cast<char>(std::toupper(c));
  return out;
}

// Local names seen for the columns most extracts rename (squeezed).
const std::map<std::string, std::vector<std::string>> kKnownNames = {
    {"CHILD", {"CHILDID", "CHILDREF", "CHILDREFERENCE", "PERSONID", "CLIENTID"}},
    {"DECOM", {"STARTDATE", "EPISODESTART", "EPISODESTARTDATE", "DATEEPISODECOMMENCED"}},
    {"DEC", {"ENDDATE", "EPISODEEND", "EPISODEENDDATE", "DATEEPISODECEASED"}},
    {"DOB", {"DATEOFBIRTH", "BIRTHDATE"}},
};

// The header of a dataset's first file: its names as written.
std::vector<std::string> header_of(const fs::path& file) {
  std::vector<std::string> names;
  try {
    datasets::csv::Reader reader(file, size_t{1} << 16);
    datasets::csv::Record record;
    if (reader.next(record))
      for (const auto& f : record.fields) names.emplace_back(f.text);
  } catch (const std::exception&) {
    // An unreadable file: the run below says what is wrong with it.
  }
  return names;
}

// DfE name -> the local header it is probably written as, for the columns of `schema` that
// the header lacks.
std::map<std::string, std::string> guessed_renames(const datasets::DatasetSchema& schema,
                                                   const std::vector<std::string>& header) {
  std::set<std::string> present;
  for (const auto& h : header) present.insert(CodeSet::normalise(h));
  std::map<std::string, std::string> out;
  for (const datasets::ColumnSchema& column : schema.columns) {
    if (present.count(column.name)) continue;
    std::vector<std::string> candidates = {squeezed(column.name)};
    if (auto known = kKnownNames.find(column.name); known != kKnownNames.end())
      candidates.insert(candidates.end(), known->second.begin(), known->second.end());
    for (const auto& h : header) {
      const std::string local = CodeSet::normalise(h);
      if (schema.find(local)) continue;  // a column of its own
      if (std::find(candidates.begin(), candidates.end(), squeezed(h)) != candidates.end()) {
        out.emplace(column.name, h);
        break;
      }
    }
  }
  return out;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return Date::from_ymd(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

struct Found {
  std::map<std::string, size_t> files;  // dataset -> files
  std::map<std::string, std::map<std::string, std::string>> renames;
};

Found look_at(const fs::path& data, const datasets::SchemaSet& schemas) {
  std::vector<std::string> names;
  for (const auto& [name, schema] : schemas) names.push_back(name);
  Found found;
  for (const auto& [name, schema] : schemas) {
    const auto files = datasets::dataset_files(data, name, names);
    if (files.empty()) continue;
    found.files[name] = files.size();
    auto renames = guessed_renames(schema, header_of(files.front()));
    if (!renames.empty()) found.renames[name] = std::move(renames);
  }
  return found;
}

std::string config_text(const fs::path& data, const fs::path& out, const Found& found) {
  const fs::path folder = fs::proximate(data, out.parent_path());
  std::string text = fmt::format(
      "# Written by `scorecard init --data {}`. Fill in the authority, check the data section,\n"
      "# then: scorecard validate --config {}  (docs/configuration.md lists every key)\n"
      "authority:\n"
      "  name: Your Council                # the name printed on every report\n"
      "  # code: E06000000                 # the ONS code\n"
      "  # population_0_17: 0              # children aged 0-17, for CLA rate (per 10,000)\n"
      "\n"
      "data:\n"
      "  directory: {}\n"
      "  on_error: fail                    # or report: leave bad rows out and list them\n",
      data.string(), out.filename().string(), quoted(folder.string()));
  if (!found.renames.empty()) {
    text +=
        "  # Renames guessed from the headers (DfE name: your header). Check each, then\n"
        "  # uncomment:\n"
        "  # columns:\n";
    for (const auto& [dataset, renames] : found.renames) {
      std::vector<std::string> pairs;
      for (const auto& [dfe, local] : renames) pairs.push_back(dfe + ": " + quoted(local));
      text += fmt::format("  #   {}: {{ {} }}\n", dataset, fmt::join(pairs, ", "));
    }
  }
  text +=
      "\n"
      "indicators:\n"
      "  - include: standard               # the standard set; override by code below\n"
      "\n"
      "report:\n"
      "  history_quarters: 8\n"
      "  small_numbers: 5\n";
  return text;
}

void print_found(const Found& found, const datasets::SchemaSet& schemas) {
  std::vector<std::string> present, absent;
  for (const auto& [name, schema] : schemas) {
    auto it = found.files.find(name);
    if (it == found.files.end())
      absent.push_back(name);
    else
      present.push_back(
          fmt::format("{} ({} file{})", name, it->second, it->second == 1 ? "" : "s"));
  }
  std::cout << "datasets found: "
            << (present.empty() ? "none" : fmt::format("{}", fmt::join(present, ", "))) << "\n";
  if (!absent.empty())
    std::cout << "datasets not found: " << fmt::format("{}", fmt::join(absent, ", ")) << "\n";
  for (const auto& [dataset, renames] : found.renames)
    for (const auto& [dfe, local] : renames)
      std::cout << fmt::format("guessed rename (commented out in the file): {}.{} is '{}'\n",
                               dataset, dfe, local);
}

}  // namespace

int command_init(const InitArgs& args) {
  return guarded([&] {
    const fs::path data = fs::absolute(args.data).lexically_normal();
    const fs::path out = fs::absolute(args.out).lexically_normal();
    std::error_code ec;
    if (!fs::is_directory(data, ec))
      throw pipeline::UsageError("--data " + args.data + ": no such folder");
    if (fs::exists(out, ec))
      throw pipeline::UsageError(args.out +
                                 " already exists: init does not overwrite a configuration "
                                 "(give another --out)");
    const datasets::SchemaSet schemas = datasets::load_schemas(pipeline::schema_directory());
    const Found found = look_at(data, schemas);
    fs::create_directories(out.parent_path());
    reports::write_atomically(out, config_text(data, out, found));
    std::cout << "wrote " << args.out << "\n";
    print_found(found, schemas);

    // What `run` does with the file as written: the same pipeline, as at today.
    const config::Config cfg = config::load(out);
    const plugins::Registry registry = registry_for(cfg, false);
    pipeline::RunOptions options;
    options.period = periods::as_at(today());
    options.history = 0;
    const model::Scorecard card = pipeline::run(cfg, registry, options);
    std::vector<const model::IndicatorResult*> ok, not_ok;
    for (const auto& ind : card.indicators)
      (ind.status == model::Status::kOk ? ok : not_ok).push_back(&ind);
    std::cout << fmt::format("can compute ({}):\n", ok.size());
    for (const auto* ind : ok) std::cout << fmt::format("  {} ({})\n", ind->code, ind->id);
    std::cout << fmt::format("cannot compute ({}):\n", not_ok.size());
    for (const auto* ind : not_ok)
      std::cout << fmt::format("  {} ({}) {}: {}\n", ind->code, ind->id,
                               model::to_string(ind->status), ind->message);
    return not_ok.empty() ? kExitOk : kExitIncomplete;
  });
}

}  // namespace scorecard::cli
