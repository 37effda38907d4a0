// Internal to core/reports: the pieces of write_atomically that the xlsx writer (which writes
// its file itself) shares, so that every report is replaced the same way.
#pragma once

#include <filesystem>
#include <string>

namespace scorecard::reports::detail {

// Creates a new, empty temporary file beside `file`, ".<name>.tmp-<pid>-<n>" (a name no other
// writer, thread or process, picks at the same time), sets `temp` to its path and returns its
// descriptor, open for writing; -1 with errno set on failure. A name that exists already is
// skipped, never opened: a process killed earlier with this process's id (ids repeat,
// in a container especially) may have left it. remove_stale_temporary_files recognises these
// names.
int create_temporary_file(const std::filesystem::path& file, std::filesystem::path& temp);

// fsyncs `dir` so that a rename in it survives a power cut. Best effort: some file systems
// refuse it.
void sync_directory(const std::filesystem::path& dir);

}  // namespace scorecard::reports::detail
