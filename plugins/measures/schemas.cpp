// The dataset schemas a measure's column names are checked against: the same files the core
// loads the data with (indicators/datasets/*.yaml, or SCORECARD_SCHEMA_DIR).
#include <dlfcn.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "definition.hpp"

namespace scorecard::measures {
namespace fs = std::filesystem;
namespace {

// Where the schemas are: SCORECARD_SCHEMA_DIR; else beside this installed plugin
// (<prefix>/lib/scorecard/plugins -> <prefix>/share/scorecard/datasets); else the source tree;
// else the install prefix the build was configured with.
fs::path schema_directory() {
  if (const char* env = std::getenv("SCORECARD_SCHEMA_DIR"); env && *env) return env;
  std::error_code ec;
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&schema_directory), &info) && info.dli_fname) {
    fs::path prefix = fs::path(info.dli_fname).parent_path();
    for (const auto& part : fs::path(MEASURES_PLUGIN_RELATIVE_DIR)) {
      (void)part;
      prefix = prefix.parent_path();
    }
    const fs::path beside = prefix / MEASURES_DATA_RELATIVE_DIR / "datasets";
    if (fs::is_directory(beside, ec)) return beside;
  }
  if (fs::is_directory(MEASURES_SOURCE_SCHEMA_DIR, ec)) return MEASURES_SOURCE_SCHEMA_DIR;
  return MEASURES_INSTALL_SCHEMA_DIR;
}

ColumnType type_named(const std::string& name) {
  if (name == "date") return ColumnType::kDate;
  if (name == "code") return ColumnType::kCode;
  if (name == "integer") return ColumnType::kInteger;
  if (name == "decimal") return ColumnType::kDecimal;
  if (name == "boolean") return ColumnType::kBoolean;
  return ColumnType::kString;
}

Schemas read_all(const fs::path& dir) {
  Schemas all;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".yaml") continue;
    const YAML::Node doc = YAML::LoadFile(entry.path().string());
    DatasetSchema s;
    s.name = doc["dataset"] ? doc["dataset"].Scalar() : entry.path().stem().string();
    for (const auto& c : doc["columns"])
      s.columns.emplace_back(c["name"].Scalar(),
                             type_named(c["type"] ? c["type"].Scalar() : "string"));
    all[s.name] = std::move(s);
  }
  if (all.empty())
    throw std::runtime_error("no dataset schemas (*.yaml) in " + dir.string() +
                             " to check the measure's columns against");
  return all;
}

}  // namespace

const Schemas& schemas() {
  static std::mutex mutex;
  static std::map<fs::path, Schemas> cached;  // by folder: a test may point elsewhere
  const fs::path dir = schema_directory();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cached.find(dir);
  if (it == cached.end()) it = cached.emplace(dir, read_all(dir)).first;
  return it->second;
}

}  // namespace scorecard::measures
