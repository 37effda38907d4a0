// Files in a plugin folder that are not whole plugins for this machine (an interrupted copy,
// an empty or text file, a build for another architecture): every command that loads plugins
// names them and carries on; none dies with a signal.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A plugin folder of bad files made from a real plugin: heads of it at several lengths, an
// empty file, a text file and a copy patched to say it is for AArch64. Returns their names.
std::vector<std::string> fill_with_bad_plugins(const fs::path& dir) {
  const std::string whole = bytes_of(kFixturePlugins / "cli_fixtures.so");
  std::vector<std::string> names;
  auto put = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    names.push_back(name);
  };
  for (size_t length : {size_t{1}, size_t{16}, size_t{63}, size_t{64}, size_t{4096},
                        whole.size() / 2, whole.size() - 1})
    put("head_" + std::to_string(length) + ".so", whole.substr(0, length));
  put("empty.so", "");
  put("notes.so", "not a library\n");
  std::string arm = whole;
  arm[18] = '\xb7';  // e_machine 183: AArch64
  arm[19] = '\0';
  put("aarch64.so", arm);
  return names;
}

TEST(CliPluginFiles, ListNamesEveryBadFileAndStillListsTheGoodOnes) {
  TempDir tmp;
  fs::create_directory(tmp / "plugins");
  const auto names = fill_with_bad_plugins(tmp / "plugins");
  const Result r = scorecard({"plugins", "list", "--plugin-dir", "plugins"}, tmp.path());
  ASSERT_EQ(r.signal, 0) << describe(r);
  EXPECT_EQ(r.exit_code, kIncomplete) << "some files did not load\n" << describe(r);
  for (const auto& name : names) {
    EXPECT_TRUE(has_line(r.out, (tmp / "plugins" / name).string()) ||
                contains(r.out, "plugins/" + name))
        << name << "\n"
        << r.out;
  }
  EXPECT_TRUE(contains(r.out, "load_failed: cannot load: head_4096.so: ")) << r.out;
  EXPECT_TRUE(contains(r.out, "built for AArch64")) << r.out;
  EXPECT_TRUE(contains(r.out, "  cla.count ")) << "the standard plugins are still listed\n"
                                               << r.out;
}

TEST(CliPluginFiles, CheckRefusesEachBadFileWithExitCode1) {
  TempDir tmp;
  for (const auto& name : fill_with_bad_plugins(tmp.path())) {
    const Result r = scorecard({"plugins", "check", name}, tmp.path());
    ASSERT_EQ(r.signal, 0) << name << "\n" << describe(r);
    EXPECT_EQ(r.exit_code, kIncomplete) << name << "\n" << describe(r);
    EXPECT_TRUE(contains(r.out, "load_failed: cannot load: " + name + ": ")) << r.out;
  }
}

TEST(CliPluginFiles, ARunWithBadFilesInItsPluginFolderStillRuns) {
  TempDir tmp;
  fs::create_directory(tmp / "plugins");
  const auto names = fill_with_bad_plugins(tmp / "plugins");
  write_config(tmp / "scorecard.yaml", kDemo / "data", {"cla.count"}, "fail", {tmp / "plugins"});
  const Result r =
      scorecard({"run", "--config", "scorecard.yaml", "--period", "2018-19 Q3", "--out", "out"},
                tmp.path(), 120);
  ASSERT_EQ(r.signal, 0) << describe(r);
  EXPECT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(fs::exists(tmp / "out" / "scorecard.json")) << describe(r);
  for (const auto& name : names) EXPECT_TRUE(contains(r.err, name)) << name << "\n" << r.err;
}

}  // namespace
}  // namespace scorecard::cli_test
