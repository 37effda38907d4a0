#include "core/plugins/loader.hpp"

#include <dlfcn.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstdlib>

#include "core/plugins/sha256.hpp"

namespace scorecard::plugins {
namespace fs = std::filesystem;

const char* to_string(FileStatus s) {
  switch (s) {
    case FileStatus::kOk: return "ok";
    case FileStatus::kNotAPlugin: return "not_a_plugin";
    case FileStatus::kLoadFailed: return "load_failed";
    case FileStatus::kAbiMismatch: return "abi_mismatch";
    case FileStatus::kRefused: return "refused";
    case FileStatus::kError: return "error";
  }
  return "error";
}

namespace {

// "compiler=gcc 12.2.0;cxx11abi=1;sdk=1.0.0" -> {compiler: gcc 12.2.0, ...}
std::map<std::string, std::string> fields(const std::string& fingerprint) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= fingerprint.size()) {
    size_t end = fingerprint.find(';', start);
    if (end == std::string::npos) end = fingerprint.size();
    const std::string item = fingerprint.substr(start, end - start);
    const size_t eq = item.find('=');
    if (eq != std::string::npos) out[item.substr(0, eq)] = item.substr(eq + 1);
    start = end + 1;
  }
  return out;
}

// "gcc 12.2.0" -> "gcc 12": the C++ ABI is stable within a compiler's major version.
std::string compiler_major(const std::string& compiler) {
  const size_t dot = compiler.find('.');
  return dot == std::string::npos ? compiler : compiler.substr(0, dot);
}

// The dynamic loader's own reason. Boost.DLL clears dlerror(), so ask dlopen once more.
std::string loader_reason(const fs::path& file) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle) {
    dlclose(handle);
    return "the dynamic loader refused it";
  }
  const char* reason = dlerror();
  return reason ? reason : "the dynamic loader refused it";
}

// The loading policy: refuse what others could have changed, and what does not match a pin.
std::string policy_problem(const fs::path& file, const LoadPolicy& policy) {
  if (!policy.allow_unsafe) {
    for (const fs::path& p : {file, file.parent_path()}) {
      struct stat st {};
      if (stat(p.c_str(), &st) != 0) return "cannot stat " + p.string();
      if (st.st_mode & (S_IWGRP | S_IWOTH))
        return p.string() + " can be written by users other than its owner " +
               "(chmod go-w it, or pass --allow-unsafe-plugins)";
      if (st.st_uid != 0 && st.st_uid != geteuid())
        return p.string() + " is owned by neither root nor the user running scorecard " + "(uid " +
               std::to_string(st.st_uid) + "; pass --allow-unsafe-plugins to load it)";
    }
  }
  auto pin = policy.sha256.find(file.filename().string());
  if (pin == policy.sha256.end() && !policy.sha256.empty())
    return "plugins.sha256 is set and does not list " + file.filename().string();
  if (pin != policy.sha256.end()) {
    const std::string actual = sha256_file(file);
    std::string expected = pin->second;
    std::transform(expected.begin(), expected.end(), expected.begin(), ::tolower);
    if (actual != expected)
      return "its SHA-256 is " + actual + " but plugins.sha256 pins " + expected;
  }
  return "";
}

}  // namespace

std::string abi_problem(uint32_t abi_major, uint32_t abi_minor, const std::string& fingerprint,
                        const std::string& sdk_version) {
  const std::string ours = std::to_string(SCORECARD_SDK_ABI_MAJOR) + "." +
                           std::to_string(SCORECARD_SDK_ABI_MINOR) + " (SDK " +
                           SCORECARD_SDK_VERSION + ")";
  const std::string theirs =
      std::to_string(abi_major) + "." + std::to_string(abi_minor) + " (SDK " + sdk_version + ")";
  if (abi_major != SCORECARD_SDK_ABI_MAJOR || abi_minor > SCORECARD_SDK_ABI_MINOR)
    return "it was built against SDK ABI " + theirs + " but this scorecard has ABI " + ours +
           ": rebuild the plugin against the installed ScorecardSDK " +
           std::to_string(SCORECARD_SDK_ABI_MAJOR) + ".x";
  auto mine = fields(SCORECARD_BUILD_FINGERPRINT);
  auto other = fields(fingerprint);
  if (compiler_major(mine["compiler"]) != compiler_major(other["compiler"]) ||
      mine["cxx11abi"] != other["cxx11abi"])
    return "it was built with " + fingerprint + " but this scorecard was built with " +
           SCORECARD_BUILD_FINGERPRINT + ": rebuild the plugin with the same compiler and " +
           "standard-library ABI";
  return "";
}

LoadedIndicator::LoadedIndicator(std::shared_ptr<boost::dll::shared_library> library,
                                 const IndicatorEntry* entry, fs::path file,
                                 std::string library_version)
    : library_(std::move(library)),
      entry_(entry),
      file_(std::move(file)),
      library_version_(std::move(library_version)) {}

bool LoadedIndicator::initialise(std::string* error) {
  CallStatus status;
  Indicator* made = entry_->create(&status);
  if (!status.ok || !made) {
    *error = std::string("creating ") + entry_->class_name + " failed: " + status.message;
    return false;
  }
  auto library = library_;
  auto destroy = entry_->destroy;
  instance_ = std::shared_ptr<Indicator>(made, [library, destroy](Indicator* i) { destroy(i); });
  entry_->metadata(instance_.get(), &metadata_, &status);
  if (!status.ok) {
    *error = std::string(entry_->class_name) + "::metadata() failed: " + status.message;
    return false;
  }
  if (metadata_.id.empty()) {
    *error = std::string(entry_->class_name) + " declares no id";
    return false;
  }
  return true;
}

CallStatus LoadedIndicator::needs(const Parameters& params, std::vector<DatasetNeed>* out) const {
  CallStatus status;
  entry_->needs(instance_.get(), &params, out, &status);
  return status;
}

CallStatus LoadedIndicator::calculate(const Context& ctx, const std::vector<Period>& periods,
                                      std::vector<Observation>* out) const {
  CallStatus status;
  entry_->calculate(instance_.get(), &ctx, &periods, out, &status);
  return status;
}

PluginFile load_file(const fs::path& file, const LoadPolicy& policy) {
  PluginFile pf;
  pf.file = file;
  auto fail = [&](FileStatus s, std::string message) {
    pf.status = s;
    pf.message = std::move(message);
    pf.indicators.clear();
    return pf;
  };
  try {
    if (std::string why = policy_problem(file, policy); !why.empty())
      return fail(FileStatus::kRefused, why);
  } catch (const std::exception& e) {
    return fail(FileStatus::kRefused, e.what());
  }

  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  library->load(file, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (ec) return fail(FileStatus::kLoadFailed, "cannot load: " + loader_reason(file));
  if (!library->has(SCORECARD_ENTRY_POINT_NAME))
    return fail(FileStatus::kNotAPlugin,
                "not a scorecard plugin: it exports no " SCORECARD_ENTRY_POINT_NAME
                " (build it with scorecard_add_indicator and SCORECARD_EXPORT_INDICATORS)");

  const PluginDescriptor* d = library->get<const PluginDescriptor*()>(SCORECARD_ENTRY_POINT_NAME)();
  if (!d) return fail(FileStatus::kNotAPlugin, "its entry point returned no descriptor");
  pf.abi_major = d->abi_major;
  pf.abi_minor = d->abi_minor;
  pf.fingerprint = d->fingerprint ? d->fingerprint : "";
  pf.sdk_version = d->sdk_version ? d->sdk_version : "";
  if (std::string why = abi_problem(d->abi_major, d->abi_minor, pf.fingerprint, pf.sdk_version);
      !why.empty())
    return fail(FileStatus::kAbiMismatch, why);

  pf.library_name = d->library_name ? d->library_name : "";
  pf.library_version = d->library_version ? d->library_version : "";
  for (size_t i = 0; i < d->indicator_count; ++i) {
    auto loaded =
        std::make_shared<LoadedIndicator>(library, &d->indicators[i], file, pf.library_version);
    std::string error;
    if (!loaded->initialise(&error)) return fail(FileStatus::kError, error);
    pf.indicators.push_back(std::move(loaded));
  }
  return pf;
}

Registry Registry::discover(const std::vector<fs::path>& directories, const LoadPolicy& policy) {
  Registry r;
  std::vector<fs::path> seen;
  for (const fs::path& dir : directories) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
    if (!fs::is_directory(dir, ec)) {
      r.problems_.push_back("plugin directory " + dir.string() + " does not exist");
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      PluginFile pf = load_file(file, policy);
      if (pf.status != FileStatus::kOk)
        spdlog::warn("plugin {}: {}: {}", file.string(), to_string(pf.status), pf.message);
      for (const auto& ind : pf.indicators) {
        const std::string& id = ind->metadata().id;
        auto [it, added] = r.by_id_.emplace(id, ind);
        if (!added)
          r.problems_.push_back("indicator id '" + id + "' is exported by both " +
                                it->second->file().string() + " and " + file.string() +
                                ": remove one, or give the local one an id of its own");
      }
      r.files_.push_back(std::move(pf));
    }
  }
  return r;
}

std::shared_ptr<const LoadedIndicator> Registry::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

fs::path builtin_plugin_directory() {
  if (const char* env = std::getenv("SCORECARD_PLUGIN_DIR"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / SCORECARD_PLUGIN_RELATIVE_DIR;
    if (fs::is_directory(installed, ec)) return installed;
  }
  if (fs::is_directory(SCORECARD_BUILTIN_PLUGIN_DIR, ec)) return SCORECARD_BUILTIN_PLUGIN_DIR;
  return SCORECARD_INSTALL_PLUGIN_DIR;
}

}  // namespace scorecard::plugins
