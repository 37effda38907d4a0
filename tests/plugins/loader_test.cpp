// The plugin boundary: what loads, what is refused and why, and that failures stay contained.
#include "core/plugins/loader.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/engine/run_context.hpp"
#include "core/plugins/sha256.hpp"

namespace scorecard::plugins {
namespace {
namespace fs = std::filesystem;

fs::path scenario(const std::string& name) { return fs::path(TEST_PLUGIN_DIR) / name; }
fs::path plugin(const std::string& scenario_name, const std::string& name) {
  return scenario(scenario_name) / (name + "_plugin.so");
}

TEST(Loader, LoadsAPluginWithTwoIndicators) {
  PluginFile f = load_file(plugin("good", "good"), {});
  ASSERT_EQ(f.status, FileStatus::kOk) << f.message;
  EXPECT_EQ(f.library_name, "good");
  EXPECT_EQ(f.abi_major, SCORECARD_SDK_ABI_MAJOR);
  ASSERT_EQ(f.indicators.size(), 2u);
  EXPECT_EQ(f.indicators[0]->metadata().id, "test.rows");
  EXPECT_EQ(f.indicators[1]->metadata().id, "test.throws");
}

TEST(Loader, RefusesAnotherAbiNamingBothVersions) {
  PluginFile f = load_file(plugin("other_abi", "other_abi"), {});
  EXPECT_EQ(f.status, FileStatus::kAbiMismatch);
  EXPECT_NE(f.message.find("ABI 99.0 (SDK 99.0.0)"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("this scorecard has ABI 1.0"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("rebuild the plugin"), std::string::npos) << f.message;
  EXPECT_TRUE(f.indicators.empty());
}

TEST(Loader, RefusesAnotherCompilerOrStandardLibraryAbi) {
  PluginFile f = load_file(plugin("other_compiler", "other_compiler"), {});
  EXPECT_EQ(f.status, FileStatus::kAbiMismatch);
  EXPECT_NE(f.message.find("gcc 9.4.0"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("same compiler"), std::string::npos) << f.message;
}

TEST(Loader, AbiCheckAcceptsANewerPatchOfTheSameCompilerAndAnOlderMinor) {
  EXPECT_EQ(abi_problem(SCORECARD_SDK_ABI_MAJOR, 0, SCORECARD_BUILD_FINGERPRINT, "1.0.0"), "");
  EXPECT_NE(abi_problem(SCORECARD_SDK_ABI_MAJOR, SCORECARD_SDK_ABI_MINOR + 1,
                        SCORECARD_BUILD_FINGERPRINT, "1.9.0"),
            "");
}

TEST(Loader, ANonPluginLibraryIsNamedAsSuch) {
  PluginFile f = load_file(plugin("not_a_plugin", "not_a_plugin"), {});
  EXPECT_EQ(f.status, FileStatus::kNotAPlugin);
  EXPECT_NE(f.message.find("scorecard_plugin_descriptor"), std::string::npos) << f.message;
}

TEST(Loader, AnUndefinedSymbolGivesTheLoadersReason) {
  PluginFile f = load_file(plugin("undefined_symbol", "undefined_symbol"), {});
  EXPECT_EQ(f.status, FileStatus::kLoadFailed);
  EXPECT_NE(f.message.find("scorecard_test_symbol_that_does_not_exist"), std::string::npos)
      << f.message;
}

TEST(Loader, AFileThatIsNotELFIsALoadFailure) {
  PluginFile f = load_file(scenario("garbage") / "garbage.so", {});
  EXPECT_EQ(f.status, FileStatus::kLoadFailed);
  EXPECT_NE(f.message.find("garbage.so"), std::string::npos) << f.message;
}

TEST(Loader, AConstructorThatThrowsIsContained) {
  PluginFile f = load_file(plugin("bad_create", "bad_create"), {});
  EXPECT_EQ(f.status, FileStatus::kError);
  EXPECT_NE(f.message.find("constructor failed on purpose"), std::string::npos) << f.message;
}

TEST(Loader, ACalculationThatThrowsBecomesAStatus) {
  PluginFile f = load_file(plugin("good", "good"), {});
  ASSERT_EQ(f.status, FileStatus::kOk);
  engine::RunData data;
  engine::RunContext ctx(data, {}, "T2", false);
  std::vector<Observation> out;
  const CallStatus s = f.indicators[1]->calculate(ctx, {Period{}}, &out);
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "the test plugin failed on purpose");
}

TEST(Loader, AMissingTableIsAStatusNotACrash) {
  PluginFile f = load_file(plugin("good", "good"), {});
  engine::RunData data;  // no header table
  engine::RunContext ctx(data, {}, "T1", false);
  std::vector<Observation> out;
  const CallStatus s = f.indicators[0]->calculate(ctx, {Period{}}, &out);
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("header"), std::string::npos);
}

TEST(Loader, TheLibraryOutlivesTheRegistryWhileAnIndicatorLives) {
  std::shared_ptr<const LoadedIndicator> kept;
  {
    Registry r = Registry::discover({scenario("good")}, {});
    kept = r.find("test.rows");
  }
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->metadata().code, "T1");  // would crash if the library had been unloaded
}

TEST(Registry, TheSameIdFromTwoFilesIsAProblemNamingBoth) {
  Registry r = Registry::discover({scenario("duplicate")}, {});
  ASSERT_FALSE(r.problems().empty());
  const std::string& p = r.problems().front();
  EXPECT_NE(p.find("test.rows"), std::string::npos) << p;
  EXPECT_NE(p.find("dup_a_plugin.so"), std::string::npos) << p;
  EXPECT_NE(p.find("dup_b_plugin.so"), std::string::npos) << p;
}

TEST(Registry, AMissingDirectoryIsAProblem) {
  Registry r = Registry::discover({scenario("no-such-directory")}, {});
  ASSERT_EQ(r.problems().size(), 1u);
  EXPECT_NE(r.problems()[0].find("no-such-directory does not exist"), std::string::npos);
}

TEST(Registry, BadFilesAreListedAndTheGoodOnesStillLoad) {
  Registry r = Registry::discover({scenario("garbage"), scenario("good")}, {});
  ASSERT_EQ(r.files().size(), 2u);
  EXPECT_EQ(r.files()[0].status, FileStatus::kLoadFailed);
  EXPECT_TRUE(r.find("test.rows"));
}

// A copy of the good plugin in a directory of our own, to change its permissions.
fs::path private_copy(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("scorecard-policy-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  const fs::path file = dir / "good_plugin.so";
  fs::copy_file(plugin("good", "good"), file);
  fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  return file;
}

TEST(Policy, AWorldWritablePluginIsRefusedUnlessAllowed) {
  const fs::path file = private_copy("writable");
  ASSERT_EQ(load_file(file, {}).status, FileStatus::kOk);
  fs::permissions(file, fs::perms::others_write, fs::perm_options::add);
  PluginFile refused = load_file(file, {});
  EXPECT_EQ(refused.status, FileStatus::kRefused);
  EXPECT_NE(refused.message.find("can be written by users other than its owner"), std::string::npos)
      << refused.message;
  LoadPolicy allow;
  allow.allow_unsafe = true;
  EXPECT_EQ(load_file(file, allow).status, FileStatus::kOk);
}

TEST(Policy, AGroupWritableDirectoryIsRefused) {
  const fs::path file = private_copy("groupdir");
  fs::permissions(file.parent_path(), fs::perms::group_write, fs::perm_options::add);
  EXPECT_EQ(load_file(file, {}).status, FileStatus::kRefused);
}

TEST(Policy, APluginOwnedBySomeoneElseIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give a file away";
  const fs::path file = private_copy("owner");
  ASSERT_EQ(chown(file.c_str(), 12345, 12345), 0);
  PluginFile f = load_file(file, {});
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find("owned by neither root nor"), std::string::npos) << f.message;
}

TEST(Policy, APinnedDigestMustMatch) {
  const fs::path file = private_copy("pin");
  LoadPolicy pinned;
  pinned.sha256["good_plugin.so"] = sha256_file(file);
  EXPECT_EQ(load_file(file, pinned).status, FileStatus::kOk);
  pinned.sha256["good_plugin.so"] = std::string(64, '0');
  PluginFile f = load_file(file, pinned);
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find(sha256_file(file)), std::string::npos) << f.message;
  EXPECT_NE(f.message.find(std::string(64, '0')), std::string::npos) << f.message;
}

TEST(Policy, WithPinsSetAnUnlistedPluginIsRefused) {
  const fs::path file = private_copy("unlisted");
  LoadPolicy pinned;
  pinned.sha256["some_other_plugin.so"] = std::string(64, 'a');
  PluginFile f = load_file(file, pinned);
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find("does not list good_plugin.so"), std::string::npos) << f.message;
}

TEST(Sha256, MatchesThePublishedTestVectors) {
  // FIPS 180-4 examples.
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace scorecard::plugins
