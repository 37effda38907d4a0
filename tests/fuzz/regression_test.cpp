// Replays the fuzzers' inputs through their entry functions (tests/fuzz/fuzz.hpp), built as an
// ordinary test: every saved finding (tests/fuzz/regressions/<target>/) and every seed
// (tests/fuzz/corpus/<target>/) must give a result or a clean error, never an invariant broken
// (fuzz::Bug) nor any other exception. Under the sanitizer build (SCORECARD_SANITIZE) the
// memory errors the fuzzers found are caught here too. docs/fuzzing.md lists the findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz.hpp"

namespace scorecard::fuzz {
namespace {
namespace fs = std::filesystem;

const fs::path kFuzz = fs::path(SCORECARD_SOURCE_DIR) / "tests" / "fuzz";

using Entry = void (*)(const uint8_t*, size_t);

std::vector<fs::path> inputs(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().filename().string()[0] != '.')
      out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs every input of folder/<target>/ through `entry`; returns how many there were.
size_t replay(const char* folder, const char* target, Entry entry) {
  const auto files = inputs(kFuzz / folder / target);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const std::string data = bytes_of(file);
    try {
      entry(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    } catch (const Bug& e) {
      ADD_FAILURE() << "invariant broken: " << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "unexpected exception: " << e.what();
    } catch (...) {
      ADD_FAILURE() << "unexpected exception of unknown type";
    }
  }
  return files.size();
}

struct Target {
  const char* name;
  Entry entry;
};

void PrintTo(const Target& t, std::ostream* os) { *os << t.name; }

class FuzzReplay : public ::testing::TestWithParam<Target> {};

TEST_P(FuzzReplay, SavedFindingsGiveAResultOrACleanError) {
  replay("regressions", GetParam().name, GetParam().entry);
}

TEST_P(FuzzReplay, SeedCorpusGivesAResultOrACleanError) {
  EXPECT_GT(replay("corpus", GetParam().name, GetParam().entry), 0u) << "no seeds";
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay,
                         ::testing::Values(Target{"csv", csv_one}, Target{"load", load_one},
                                           Target{"period", period_one},
                                           Target{"config", config_one}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace scorecard::fuzz
