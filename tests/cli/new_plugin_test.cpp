// `scorecard new-plugin`: the folder it writes (tests/install builds it against an installed
// SDK and runs its test), and the names and folders it refuses.
#include <gtest/gtest.h>

#include "tests/cli/harness.hpp"

namespace scorecard::cli_test {
namespace {

TEST(CliNewPlugin, WritesTheSourceTheTestTheCMakeAndTheReadme) {
  TempDir tmp;
  const Result r = scorecard({"new-plugin", "foster_share", "--out", "mine"}, tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  for (const char* file : {"foster_share.hpp", "foster_share.cpp", "foster_share_test.cpp",
                           "CMakeLists.txt", "README.md"})
    EXPECT_TRUE(fs::exists(tmp / "mine" / file)) << file;
  const std::string header = read_file(tmp / "mine" / "foster_share.hpp");
  EXPECT_TRUE(contains(header, "class FosterShare final : public Indicator")) << header;
  EXPECT_TRUE(contains(header, "m.id = \"local.foster_share\";")) << header;
  EXPECT_TRUE(contains(read_file(tmp / "mine" / "foster_share.cpp"),
                       "SCORECARD_EXPORT_INDICATORS(local::FosterShare)"));
  const std::string cmake = read_file(tmp / "mine" / "CMakeLists.txt");
  EXPECT_TRUE(contains(cmake, "find_package(ScorecardSDK 2 REQUIRED)")) << cmake;
  EXPECT_TRUE(contains(cmake, "scorecard_add_indicator_test(foster_share_test")) << cmake;
  EXPECT_TRUE(contains(read_file(tmp / "mine" / "foster_share_test.cpp"),
                       "#include <scorecard/testing.hpp>"));
  EXPECT_FALSE(contains(header + cmake, "@")) << "a placeholder was left unfilled";
}

TEST(CliNewPlugin, WritesIntoAFolderNamedAfterThePluginByDefault) {
  TempDir tmp;
  const Result r = scorecard({"new-plugin", "x2"}, tmp.path());
  ASSERT_EQ(r.exit_code, kOk) << describe(r);
  EXPECT_TRUE(fs::exists(tmp / "x2" / "x2.hpp"));
}

TEST(CliNewPlugin, ANameThatIsNotAnIdentifierExits2) {
  TempDir tmp;
  for (const char* name : {"Foster-Share", "2fast", "a b", "../up"}) {
    const Result r = scorecard({"new-plugin", name}, tmp.path());
    EXPECT_EQ(r.exit_code, kUsage) << name << "\n" << describe(r);
    EXPECT_TRUE(contains(r.err, "is not a plugin name")) << r.err;
  }
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(CliNewPlugin, AFolderInUseIsLeftAloneUnlessForced) {
  TempDir tmp;
  fs::create_directory(tmp / "busy");
  write_file(tmp / "busy" / "notes.txt", "mine\n");
  const Result r = scorecard({"new-plugin", "busy_one", "--out", "busy"}, tmp.path());
  EXPECT_EQ(r.exit_code, kUsage) << describe(r);
  EXPECT_TRUE(contains(r.err, "exists and is not an empty folder")) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "busy" / "busy_one.hpp"));
  const Result forced =
      scorecard({"new-plugin", "busy_one", "--out", "busy", "--force"}, tmp.path());
  EXPECT_EQ(forced.exit_code, kOk) << describe(forced);
  EXPECT_TRUE(fs::exists(tmp / "busy" / "busy_one.hpp"));
  EXPECT_EQ(read_file(tmp / "busy" / "notes.txt"), "mine\n");
}

}  // namespace
}  // namespace scorecard::cli_test
