#include "core/plugins/loader.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/plugins/elf_check.hpp"
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

// The dynamic loader's own reason. Boost.DLL clears dlerror(), so ask dlopen once more, and
// name the file rather than the descriptor path it was opened by.
std::string loader_reason(const std::string& opened, const fs::path& file) {
  void* handle = dlopen(opened.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle) {
    dlclose(handle);
    return "the dynamic loader refused it";
  }
  const char* reason = dlerror();
  std::string text = reason ? reason : "the dynamic loader refused it";
  for (size_t at = text.find(opened); at != std::string::npos; at = text.find(opened))
    text.replace(at, opened.size(), file.string());
  return text;
}

// One descriptor on the plugin file, closed when it goes.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

// The owner and mode policy on one fstat: refuse what others could have changed.
std::string mode_problem(const std::string& name, const struct stat& st) {
  if (st.st_mode & (S_IWGRP | S_IWOTH))
    return name + " can be written by users other than its owner " +
           "(chmod go-w it, or pass --allow-unsafe-plugins)";
  if (st.st_uid != 0 && st.st_uid != geteuid())
    return name + " is owned by neither root nor the user running scorecard " + "(uid " +
           std::to_string(st.st_uid) + "; pass --allow-unsafe-plugins to load it)";
  return "";
}

// Opens the file once and checks it on that descriptor: a regular file (not a symbolic link
// unless unsafe plugins are allowed), owner and mode (and the folder's), a whole ELF shared
// library for this machine, and the SHA-256 pin. Returns the reason for refusing it, if any;
// `out` holds the open descriptor otherwise.
std::string check_file(const fs::path& file, const LoadPolicy& policy, Descriptor* out,
                       FileStatus* status) {
  *status = FileStatus::kRefused;
  const int flags =
      O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (policy.allow_unsafe ? 0 : O_NOFOLLOW);
  out->fd = ::open(file.c_str(), flags);
  if (out->fd < 0) {
    if (errno == ELOOP)
      return file.string() + " is a symbolic link; plugins are opened without following " +
             "links (put the file itself in the folder, or pass --allow-unsafe-plugins)";
    return "cannot open it: " + std::string(std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(out->fd, &st) != 0) return "cannot stat it: " + std::string(std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  if (!policy.allow_unsafe) {
    if (std::string why = mode_problem(file.string(), st); !why.empty()) return why;
    const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    struct stat dst {};
    if (::stat(dir.c_str(), &dst) != 0) return "cannot stat " + dir.string();
    if (std::string why = mode_problem(dir.string(), dst); !why.empty()) return why;
  }
  *status = FileStatus::kLoadFailed;
  if (std::string why = elf_problem(out->fd, static_cast<uint64_t>(st.st_size)); !why.empty())
    return "cannot load: " + file.filename().string() + ": " + why;
  *status = FileStatus::kRefused;
  auto pin = policy.sha256.find(file.filename().string());
  if (pin == policy.sha256.end() && !policy.sha256.empty())
    return "plugins.sha256 is set and does not list " + file.filename().string();
  if (pin != policy.sha256.end()) {
    const std::string actual = sha256_fd(out->fd, file.string());
    std::string expected = pin->second;
    std::transform(expected.begin(), expected.end(), expected.begin(), ::tolower);
    if (actual != expected)
      return "its SHA-256 is " + actual + " but plugins.sha256 pins " + expected;
  }
  return "";
}

}  // namespace

std::string abi_problem(uint32_t abi_major, uint32_t abi_minor, const std::string& sdk_version) {
  const std::string ours = std::to_string(SCORECARD_ABI_MAJOR) + "." +
                           std::to_string(SCORECARD_ABI_MINOR) + " (SDK " + SCORECARD_SDK_VERSION +
                           ")";
  const std::string theirs =
      std::to_string(abi_major) + "." + std::to_string(abi_minor) + " (SDK " + sdk_version + ")";
  if (abi_major != SCORECARD_ABI_MAJOR || abi_minor > SCORECARD_ABI_MINOR)
    return "it was built against SDK ABI " + theirs + " but this scorecard has ABI " + ours +
           ": rebuild the plugin against the installed ScorecardSDK " +
           std::to_string(SCORECARD_ABI_MAJOR) + ".x";
  return "";
}

LoadedIndicator::LoadedIndicator(std::shared_ptr<boost::dll::shared_library> library,
                                 const scorecard_indicator_class* cls, fs::path file,
                                 std::string library_version)
    : library_(std::move(library)),
      caller_(std::make_unique<host::ClassCaller>(cls)),
      file_(std::move(file)),
      library_version_(std::move(library_version)) {}

bool LoadedIndicator::initialise(std::string* error) {
  const CallStatus status = caller_->initialise(&metadata_);
  if (!status.ok) *error = status.message;
  return status.ok;
}

CallStatus LoadedIndicator::needs(const Parameters& params, std::vector<DatasetNeed>* out) const {
  return caller_->needs(params, out);
}

CallStatus LoadedIndicator::calculate(const Context& ctx, const std::vector<Period>& periods,
                                      std::vector<Observation>* out) const {
  return caller_->calculate(ctx, periods, out);
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
  // The descriptor stays open for as long as the library is loaded: glibc's dlopen finds an
  // already-loaded object by its name, so a later plugin opened as the same /proc/self/fd/N
  // (a number reused once closed) would be handed the earlier plugin instead. Members of the
  // pair are destroyed in reverse order: the library is unloaded, then the descriptor closed.
  auto holder = std::make_shared<std::pair<Descriptor, boost::dll::shared_library>>();
  Descriptor& fd = holder->first;
  try {
    FileStatus status = FileStatus::kRefused;
    if (std::string why = check_file(file, policy, &fd, &status); !why.empty())
      return fail(status, why);
  } catch (const std::exception& e) {
    return fail(FileStatus::kRefused, e.what());
  }

  // The checked descriptor itself is what the dynamic loader maps: no second open by name,
  // so the file checked is the file loaded.
  const std::string opened = "/proc/self/fd/" + std::to_string(fd.fd);
  std::shared_ptr<boost::dll::shared_library> library(holder, &holder->second);
  boost::dll::fs::error_code ec;
  library->load(fs::path(opened), ec,
                boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (ec) return fail(FileStatus::kLoadFailed, "cannot load: " + loader_reason(opened, file));
  if (!library->has(SCORECARD_ENTRY_POINT)) {
    if (library->has(SCORECARD_ABI1_ENTRY_POINT))
      return fail(FileStatus::kAbiMismatch,
                  "it was built against SDK ABI 1 (scorecard 1.x, a C++ boundary that only held "
                  "for the core's own compiler); this scorecard has ABI " +
                      std::to_string(SCORECARD_ABI_MAJOR) + "." +
                      std::to_string(SCORECARD_ABI_MINOR) +
                      ": rebuild the plugin against the installed ScorecardSDK " +
                      std::to_string(SCORECARD_ABI_MAJOR) + ".x (docs/sdk.md)");
    return fail(FileStatus::kNotAPlugin,
                "not a scorecard plugin: it exports no " SCORECARD_ENTRY_POINT
                " (build it with scorecard_add_indicator and SCORECARD_EXPORT_INDICATORS)");
  }

  const scorecard_plugin_info* info =
      library->get<const scorecard_plugin_info*()>(SCORECARD_ENTRY_POINT)();
  if (!info) return fail(FileStatus::kNotAPlugin, "its entry point returned no plugin info");
  if (!SCORECARD_HAS_FIELD(info, scorecard_plugin_info, abi_minor))
    return fail(FileStatus::kAbiMismatch, "its plugin info is too small to be read");
  pf.abi_major = info->abi_major;
  pf.abi_minor = info->abi_minor;
  if (SCORECARD_HAS_FIELD(info, scorecard_plugin_info, sdk_version) && info->sdk_version)
    pf.sdk_version = info->sdk_version;
  if (std::string why = abi_problem(info->abi_major, info->abi_minor, pf.sdk_version); !why.empty())
    return fail(FileStatus::kAbiMismatch, why);
  if (!SCORECARD_HAS_FIELD(info, scorecard_plugin_info, indicator_count))
    return fail(FileStatus::kAbiMismatch, "its plugin info is too small for ABI 2.0");

  pf.library_name = info->library_name ? info->library_name : "";
  pf.library_version = info->library_version ? info->library_version : "";
  for (size_t i = 0; i < info->indicator_count; ++i) {
    const scorecard_indicator_class* cls = info->indicators ? info->indicators[i] : nullptr;
    if (!cls) return fail(FileStatus::kError, "its indicator list has an empty entry");
    auto loaded = std::make_shared<LoadedIndicator>(library, cls, file, pf.library_version);
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
