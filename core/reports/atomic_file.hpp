// Internal to core/reports: the pieces of write_atomically that the xlsx writer (which writes
// its file itself) shares, so that every report is replaced the same way.
#pragma once

#include <filesystem>
#include <string>

namespace scorecard::reports::detail {

// A hidden name beside `file`, ".<name>.tmp-<pid>-<n>", that no other writer (thread or
// process) picks at the same time. remove_stale_temporary_files recognises these names.
std::filesystem::path temporary_name(const std::filesystem::path& file);

// fsyncs `dir` so that a rename in it survives a power cut. Best effort: some file systems
// refuse it.
void sync_directory(const std::filesystem::path& dir);

}  // namespace scorecard::reports::detail
