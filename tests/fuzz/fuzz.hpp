// tests/fuzz: what the libFuzzer targets and the regression replay share.
// Each target's entry function takes one input and returns when the code under test gave a
// result or a clean error (the exception its interface documents). Anything else is a bug: an
// invariant that does not hold throws Bug, any other exception is let through, and the
// sanitizers report the rest. The fuzzers (fuzz_*.cpp) call the entry functions from
// LLVMFuzzerTestOneInput; regression_test.cpp replays saved inputs through the same functions.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace scorecard::fuzz {

// An invariant of the code under test that an input broke.
class Bug : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

inline void check(bool ok, const std::string& what) {
  if (!ok) throw Bug(what);
}

// The entry functions, one per target (defined in fuzz_<target>.cpp).
void csv_one(const uint8_t* data, size_t size);     // csv::Reader, parse_record, RecordFetcher
void load_one(const uint8_t* data, size_t size);    // datasets::load, both policies
void period_one(const uint8_t* data, size_t size);  // periods::parse and the history
void config_one(const uint8_t* data, size_t size);  // config::load, parameters()

// A folder of this process's own for the files an input is written to, removed at exit. The
// fuzzers end with _Exit (a time limit, a finding), skipping atexit: the folders of processes
// that are gone are removed when the next one starts.
inline const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path tmp = std::filesystem::temp_directory_path();
    const std::string prefix = "scorecard_fuzz_";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(tmp, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string pid = name.substr(prefix.size());
      if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
        continue;
      std::error_code gone;
      if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
        std::filesystem::remove_all(it->path(), gone);
    }
    std::filesystem::path p = tmp / (prefix + std::to_string(::getpid()));
    std::filesystem::remove_all(p);
    std::filesystem::create_directories(p);
    static const std::filesystem::path remove_at_exit = p;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(remove_at_exit, ec);
    });
    return p;
  }();
  return dir;
}

// Writes `bytes` to `name` in work_dir(); returns its path.
inline std::filesystem::path write_file(const std::string& name, std::string_view bytes) {
  const std::filesystem::path file = work_dir() / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  check(out.good(), "cannot write " + file.string());
  return file;
}

// Inputs of the file-based targets may hold two files: the text after the first line "#>" is
// the second file (an included indicator set, a later extract of the same dataset).
constexpr std::string_view kSecondFile = "\n#>\n";

struct TwoFiles {
  std::string_view first, second;
  bool has_second = false;
};

inline TwoFiles split_files(std::string_view input) {
  const size_t at = input.find(kSecondFile);
  if (at == std::string_view::npos) return {input, {}, false};
  return {input.substr(0, at + 1), input.substr(at + kSecondFile.size()), true};
}

}  // namespace scorecard::fuzz

// Each fuzz_<target>.cpp defines its fuzzer entry point with this, unless it is compiled into
// the regression test (SCORECARD_FUZZ_REPLAY).
#ifdef SCORECARD_FUZZ_REPLAY
#define SCORECARD_FUZZ_TARGET(entry)
#else
#define SCORECARD_FUZZ_TARGET(entry)                                        \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    entry(data, size);                                                      \
    return 0;                                                               \
  }
#endif
