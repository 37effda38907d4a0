// A quick measurement of the load, off by default (it writes ~100 MB to the temp folder):
//   datasets_test --gtest_also_run_disabled_tests --gtest_filter='*Speed*'
// SCORECARD_SPEED_MB sets the size. It prints MB/s and the peak memory against the CSV bytes.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>

#include "tests/datasets/load_helpers.hpp"

namespace scorecard::datasets {
namespace {

// Episodes as a council's extract has them: several per child, children in order, dates in
// the DfE layout, most episodes closed. `first` numbers the children, so two files overlap.
uint64_t write_episodes(const std::filesystem::path& file, size_t bytes, int first_child,
                        uint32_t salt, int* end_child = nullptr) {
  static const char* kPlace[] = {"U1", "U4", "U5", "R1", "K2", "P1", "A4", "T0", "S1", "H5"};
  static const char* kRec[] = {"E11", "E12", "E13", "E2", "E3", "E41", "E45", "E4A", "E8", "X1"};
  static const char* kLs[] = {"C1", "C2", "E1", "J2", "L1", "V2", "D1"};
  std::mt19937 engine;
  auto rng = [&engine] { return static_cast<unsigned>(engine()); };
  std::ofstream out(file, std::ios::binary);
  std::string row;
  uint64_t written = 0;
  out << "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
         "PL_POST,URN\r\n";
  for (int child = first_child; written < bytes; ++child) {
    // The same child has the same episodes in every file, but for one in 50 children the
    // placement differs by file (a later correction: the same episode, replaced).
    engine.seed(static_cast<uint32_t>(child) * 7919u);
    const char* corrected = child % 50 == 0 && salt > 1 ? "Z1" : nullptr;
    const int episodes = 1 + static_cast<int>(rng() % 6);
    int day = 1 + static_cast<int>(rng() % 28), month = 1 + static_cast<int>(rng() % 12);
    int year = 2010 + static_cast<int>(rng() % 9);
    char home[16];
    std::snprintf(home, sizeof home, "AB%u %uCD", rng() % 99, rng() % 9);
    for (int e = 0; e < episodes; ++e) {
      char buf[256];
      const int end_day = 1 + static_cast<int>(rng() % 28);
      const int end_month = month % 12 + 1, end_year = year + (month == 12);
      const bool open = e == episodes - 1 && rng() % 3 == 0;
      const int n = std::snprintf(
          buf, sizeof buf, "%07d,%02d/%02d/%04d,%s,%s,N%u,%s,PR%u,%s,%s,%s,%s,XY%u %uZZ,SC%06u\r\n",
          child, day, month, year, e == 0 ? "S" : "P", kLs[rng() % 7], 1 + rng() % 9,
          corrected ? (rng(), corrected) : kPlace[rng() % 10], rng() % 6,
          open ? ""
               : (std::to_string(end_day / 10) + std::to_string(end_day % 10) + "/" +
                  std::to_string(end_month / 10) + std::to_string(end_month % 10) + "/" +
                  std::to_string(end_year))
                     .c_str(),
          open ? "" : kRec[rng() % 10], rng() % 4 ? "" : "CARPL", home, rng() % 99, rng() % 9,
          rng() % 3000);  // a few thousand placement URNs, as a council has
      out.write(buf, n);
      written += static_cast<uint64_t>(n);
      day = end_day, month = end_month, year = end_year;
    }
    if (end_child) *end_child = child + 1;
  }
  return written;
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(Speed, DISABLED_LoadEpisodes) {
  const char* env = std::getenv("SCORECARD_SPEED_MB");
  const size_t mb = env ? static_cast<size_t>(std::atol(env)) : 100;
  testing::TempDir dir;
  // Two yearly files whose children overlap by 60%: the overlap is duplicates, and replaced
  // episodes for the children whose values differ by file.
  int children = 0;
  const uint64_t a = write_episodes(dir.path() / "episodes.csv", mb << 19, 0, 1, &children);
  const uint64_t b =
      write_episodes(dir.path() / "episodes_2019.csv", mb << 19, children * 2 / 5, 2);
  const double total_mb = static_cast<double>(a + b) / 1e6;
  const long rss_before = peak_rss_kb();
  const auto start = std::chrono::steady_clock::now();
  auto l = testing::load_folder(dir.path(), {testing::all_columns("episodes")});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const DatasetInfo& info = l->info("episodes");
  std::printf(
      "load: %.1f MB in %.2f s = %.0f MB/s; %zu rows read, %zu kept, %zu duplicates, "
      "%zu replaced; peak RSS %.0f MB (before the load %.0f MB) = %.2f x the CSV bytes\n",
      total_mb, s, total_mb / s, info.rows_read, l->table("episodes").rows, info.duplicates,
      info.replaced, peak_rss_kb() / 1024.0, rss_before / 1024.0,
      (peak_rss_kb() - rss_before) * 1024.0 / static_cast<double>(a + b));
  EXPECT_GT(info.duplicates, 0u);
  EXPECT_GT(info.replaced, 0u);
}

}  // namespace
}  // namespace scorecard::datasets
