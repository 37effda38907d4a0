// Transparent huge pages for malloc (core/cli/huge_pages.hpp): when the program restarts itself
// with GLIBC_TUNABLES, when it leaves the environment alone, and that a restarted run is the
// same run (arguments, folder, figures).
#include "core/cli/huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

using cli::huge_pages_choice;
using cli::HugePages;

const char* kThpFile = "/sys/kernel/mm/transparent_hugepage/enabled";

TEST(HugePages, TheModeIsTheBracketedWord) {
  TempDir tmp;
  write_file(tmp / "madvise", "always [madvise] never\n");
  write_file(tmp / "always", "[always] madvise never\n");
  write_file(tmp / "never", "always madvise [never]\n");
  write_file(tmp / "odd", "always madvise never\n");
  EXPECT_EQ(cli::huge_pages_mode((tmp / "madvise").string()), "madvise");
  EXPECT_EQ(cli::huge_pages_mode((tmp / "always").string()), "always");
  EXPECT_EQ(cli::huge_pages_mode((tmp / "never").string()), "never");
  EXPECT_EQ(cli::huge_pages_mode((tmp / "odd").string()), "");
  EXPECT_EQ(cli::huge_pages_mode((tmp / "missing").string()), "");
}

TEST(HugePages, AskedOnlyWhereTheSystemGivesThemOnRequestAndNobodySaidOtherwise) {
  EXPECT_EQ(huge_pages_choice(nullptr, nullptr, "madvise"), HugePages::kAsk);
  EXPECT_EQ(huge_pages_choice("1", "glibc.malloc.arena_max=2", "madvise"), HugePages::kAsk);
  // The operator's choices: the system's setting, the variable, a tunable already named.
  EXPECT_EQ(huge_pages_choice(nullptr, nullptr, "never"), HugePages::kNotOnRequest);
  EXPECT_EQ(huge_pages_choice(nullptr, nullptr, "always"), HugePages::kNotOnRequest);
  EXPECT_EQ(huge_pages_choice(nullptr, nullptr, ""), HugePages::kNotOnRequest);
  EXPECT_EQ(huge_pages_choice("0", nullptr, "madvise"), HugePages::kOff);
  EXPECT_EQ(huge_pages_choice("off", nullptr, "madvise"), HugePages::kOff);
  EXPECT_EQ(huge_pages_choice(nullptr, "glibc.malloc.hugetlb=0", "madvise"),
            HugePages::kAlreadySet);
  EXPECT_EQ(
      huge_pages_choice(nullptr, "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1", "madvise"),
      HugePages::kAlreadySet);
}

// Only the commands that read data restart; the others start as they are.
TEST(HugePages, OnlyTheCommandsThatReadData) {
  auto reads = [](std::vector<std::string> args) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return cli::reads_data(static_cast<int>(args.size()), argv.data());
  };
  EXPECT_TRUE(reads({"scorecard", "run", "--config", "c.yaml"}));
  EXPECT_TRUE(reads({"scorecard", "--log-level", "debug", "explain", "NI 62"}));
  EXPECT_TRUE(reads({"scorecard", "validate", "--config", "c.yaml"}));
  EXPECT_FALSE(reads({"scorecard", "describe", "NI 62"}));
  EXPECT_FALSE(reads({"scorecard", "plugins", "list"}));
  EXPECT_FALSE(reads({"scorecard"}));
}

// The debug log says what the run's malloc was told; the figures are those of a run on 4 KB
// pages, and the restart kept the relative --out folder and every argument.
TEST(HugePages, ARunRestartsWithTheTunableAndComputesTheSameFigures) {
  if (cli::huge_pages_mode(kThpFile) != "madvise")
    GTEST_SKIP() << "transparent huge pages are not 'madvise' here";
  unsetenv("GLIBC_TUNABLES");
  unsetenv("SCORECARD_HUGE_PAGES");
  TempDir tmp;
  const std::vector<std::string> args{"run",      "--config",   kDemoConfig.string(),
                                      "--period", "2018-19 Q3", "--log-level",
                                      "debug",    "--out"};
  auto with_out = [&](const std::string& out) {
    std::vector<std::string> a = args;
    a.push_back(out);
    return a;
  };
  const Result huge = scorecard(with_out("huge"), tmp.path());
  ASSERT_EQ(huge.exit_code, kOk) << describe(huge);
  EXPECT_TRUE(has_line(huge.err,
                       "debug: GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (malloc's huge pages as it "
                       "says)"))
      << huge.err;

  setenv("SCORECARD_HUGE_PAGES", "0", 1);
  const Result small = scorecard(with_out("small"), tmp.path());
  unsetenv("SCORECARD_HUGE_PAGES");
  ASSERT_EQ(small.exit_code, kOk) << describe(small);
  EXPECT_TRUE(has_line(small.err, "debug: malloc uses 4 KB pages (SCORECARD_HUGE_PAGES=0)"))
      << small.err;
  EXPECT_FALSE(contains(small.err, "GLIBC_TUNABLES")) << small.err;

  const std::string figures = read_file(tmp / "huge" / "scorecard.csv");
  EXPECT_FALSE(figures.empty());
  EXPECT_EQ(figures, read_file(tmp / "small" / "scorecard.csv"));
}

// Tunables the operator set stay, with the huge pages' added after them.
TEST(HugePages, TheOperatorsOtherTunablesAreKept) {
  if (cli::huge_pages_mode(kThpFile) != "madvise")
    GTEST_SKIP() << "transparent huge pages are not 'madvise' here";
  unsetenv("SCORECARD_HUGE_PAGES");
  setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=4", 1);
  TempDir tmp;
  const Result r =
      scorecard({"validate", "--config", kDemoConfig.string(), "--log-level", "debug"}, tmp.path());
  unsetenv("GLIBC_TUNABLES");
  EXPECT_TRUE(has_line(r.err,
                       "debug: GLIBC_TUNABLES=glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1 "
                       "(malloc's huge pages as it says)"))
      << describe(r);
}

}  // namespace
}  // namespace scorecard::cli_test
