// plugins: finds indicator plugins (*.so), checks each file before the dynamic loader maps it,
// checks its ABI, and keeps it loaded; every call into a plugin goes through the C boundary.
// In: plugin directories (the configured ones plus the built-in one), a loading policy.
// Out: a Registry of indicators with their metadata, and a report on every file found.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scorecard/host.hpp"
#include "scorecard/sdk.hpp"

namespace boost::dll {
class shared_library;
}

namespace scorecard::plugins {

// What may load: the security policy of DESIGN.md "Faults".
struct LoadPolicy {
  bool allow_unsafe = false;  // load files others can write, or not ours/root's
  // File name -> pinned digest (hex). When not empty, only the listed files load.
  std::map<std::string, std::string> sha256;
};

enum class FileStatus {
  kOk,
  kNotAPlugin,   // loads, but has no scorecard entry point
  kLoadFailed,   // not a whole ELF library for this machine, or the dynamic loader refused it
  kAbiMismatch,  // built against another SDK ABI major (or a newer minor)
  kRefused,      // the loading policy refused it (permissions, owner, sha256)
  kError,        // it loaded but its factory or metadata failed
};
const char* to_string(FileStatus s);

// One indicator class exported by a loaded library. Its library stays loaded for as long as
// this object (or any instance it created) lives.
class LoadedIndicator {
 public:
  LoadedIndicator(std::shared_ptr<boost::dll::shared_library> library,
                  const scorecard_indicator_class* cls, std::filesystem::path file,
                  std::string library_version);

  // Creates the instance and reads its metadata; false with `error` set when either fails.
  bool initialise(std::string* error);

  const Metadata& metadata() const { return metadata_; }
  const std::filesystem::path& file() const { return file_; }
  const std::string& library_version() const { return library_version_; }

  // The calls into the plugin; none throws, failures come back in CallStatus.
  CallStatus needs(const Parameters& params, std::vector<DatasetNeed>* out) const;
  CallStatus calculate(const Context& ctx, const std::vector<Period>& periods,
                       std::vector<Observation>* out) const;

 private:
  std::shared_ptr<boost::dll::shared_library> library_;  // outlives caller_ (declared first)
  std::unique_ptr<host::ClassCaller> caller_;            // the instance, destroyed first
  std::filesystem::path file_;
  std::string library_version_;
  Metadata metadata_;
};

// What was found in one file, for `scorecard plugins list` and `plugins check`.
struct PluginFile {
  std::filesystem::path file;
  FileStatus status = FileStatus::kOk;
  std::string message;  // the reason, for anything but kOk
  std::string library_name, library_version, sdk_version;
  uint32_t abi_major = 0, abi_minor = 0;
  std::vector<std::shared_ptr<const LoadedIndicator>> indicators;
};

// Loads one file and reports on it, never throwing for a bad plugin.
PluginFile load_file(const std::filesystem::path& file, const LoadPolicy& policy);

// Every plugin found in the directories, in file-name order per directory.
class Registry {
 public:
  // Scans each directory (not recursively) for *.so. A directory that does not exist is a
  // problem (named in problems()), not an exception.
  static Registry discover(const std::vector<std::filesystem::path>& directories,
                           const LoadPolicy& policy);

  const std::vector<PluginFile>& files() const { return files_; }
  // The indicator with this id, or nullptr.
  std::shared_ptr<const LoadedIndicator> find(const std::string& id) const;
  // Missing directories and ids exported by two files: a run cannot trust this registry.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<PluginFile> files_;
  std::map<std::string, std::shared_ptr<const LoadedIndicator>> by_id_;
  std::vector<std::string> problems_;
};

// The directory of the standard plugins: the build tree's when running from it, else the
// installed one (SCORECARD_PLUGIN_DIR in the environment overrides both).
std::filesystem::path builtin_plugin_directory();

// The check of a plugin's descriptor fields against this core, or an empty string when it
// may be used. Exposed for tests.
std::string abi_problem(uint32_t abi_major, uint32_t abi_minor, const std::string& sdk_version);

}  // namespace scorecard::plugins
