// The plugin boundary: what loads, what is refused and why, and that failures stay contained.
#include "core/plugins/loader.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

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
  EXPECT_NE(f.message.find("this scorecard has ABI 2."), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("rebuild the plugin"), std::string::npos) << f.message;
  EXPECT_TRUE(f.indicators.empty());
}

TEST(Loader, RefusesANewerMinorOfTheSameMajor) {
  PluginFile f = load_file(plugin("newer_minor", "newer_minor"), {});
  EXPECT_EQ(f.status, FileStatus::kAbiMismatch);
  EXPECT_NE(f.message.find("(SDK 2.99.0)"), std::string::npos) << f.message;
}

TEST(Loader, AnAbi1PluginIsToldToRebuild) {
  PluginFile f = load_file(plugin("abi1", "abi1"), {});
  EXPECT_EQ(f.status, FileStatus::kAbiMismatch);
  EXPECT_NE(f.message.find("SDK ABI 1"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("rebuild the plugin against the installed ScorecardSDK 2"),
            std::string::npos)
      << f.message;
}

TEST(Loader, APluginBuiltForAnOlderMinorLoadsAndCalculates) {
  // Compiled with SCORECARD_ABI_MINOR=0: its info, observations and view of the host table
  // are those of ABI 2.0, smaller than this core's.
  PluginFile f = load_file(plugin("old_minor", "old_minor"), {});
  ASSERT_EQ(f.status, FileStatus::kOk) << f.message;
  EXPECT_EQ(f.abi_major, 2u);
  EXPECT_EQ(f.abi_minor, 0u);
  ASSERT_LT(f.abi_minor, static_cast<uint32_t>(SCORECARD_ABI_MINOR));
  engine::RunData data;
  Table header;
  header.name = "header";
  header.rows = 3;
  Column child;
  child.name = "CHILD";
  child.ints = std::vector<int32_t>{data.strings.intern("A"), data.strings.intern("B"),
                                    data.strings.intern("C")};
  child.blank = std::vector<uint8_t>{0, 0, 0};
  header.columns.push_back(child);
  data.tables.emplace("header", header);
  engine::RunContext ctx(data, {}, "old.rows", false);
  std::vector<Observation> out;
  const CallStatus s = f.indicators[0]->calculate(ctx, {Period{}, Period{}}, &out);
  ASSERT_TRUE(s.ok) << s.message;
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].value, 3.0);
  EXPECT_EQ(out[1].value, 3.0);
  EXPECT_EQ(out[0].weight_unit, "");
}

TEST(Loader, AlternativeParametersCrossTheBoundarySince22) {
  // The fixture declares within_days and within_months as alternatives to each other. Built for
  // this minor (2.2 or later) they reach the host; built for 2.0, the metadata struct ends
  // before parameter_alternatives, so the host reads no alternatives (and still loads it).
  PluginFile current = load_file(plugin("good", "good"), {});
  ASSERT_EQ(current.status, FileStatus::kOk) << current.message;
  const Metadata m = current.indicators[0]->metadata();
  ASSERT_EQ(m.parameters.size(), 2u);
  EXPECT_EQ(m.parameters[0].alternatives, std::vector<std::string>{"within_months"});
  EXPECT_EQ(m.parameters[1].alternatives, std::vector<std::string>{"within_days"});
  EXPECT_EQ(m.parameters[0].default_value, ParamValue{int64_t{42}});

  PluginFile old = load_file(plugin("old_minor", "old_minor"), {});
  ASSERT_EQ(old.status, FileStatus::kOk) << old.message;
  const Metadata o = old.indicators[0]->metadata();
  ASSERT_EQ(o.parameters.size(), 2u);
  EXPECT_TRUE(o.parameters[0].alternatives.empty());
  EXPECT_TRUE(o.parameters[1].alternatives.empty());
  EXPECT_EQ(o.parameters[0].default_value, ParamValue{int64_t{42}});
}

TEST(Loader, EachFileLoadedAfterAnotherIsItsOwnLibrary) {
  // Each file is loaded as /proc/self/fd/N. Were N closed and reused by the next file while the
  // first library stays loaded, glibc's dlopen would find the first library by that name and
  // hand it back: every later plugin would report the first one's indicators.
  PluginFile first = load_file(plugin("good", "good"), {});
  ASSERT_EQ(first.status, FileStatus::kOk) << first.message;
  PluginFile second = load_file(plugin("old_minor", "old_minor"), {});
  ASSERT_EQ(second.status, FileStatus::kOk) << second.message;
  ASSERT_EQ(second.indicators.size(), 2u);
  EXPECT_EQ(second.library_name, "old_minor");
  EXPECT_EQ(second.indicators[0]->metadata().id, "old.rows");
  EXPECT_EQ(first.indicators[0]->metadata().id, "test.rows");
  // And a file loaded after one that was refused (its descriptor closed) is itself too.
  PluginFile refused = load_file(plugin("other_abi", "other_abi"), {});
  ASSERT_EQ(refused.status, FileStatus::kAbiMismatch);
  PluginFile third = load_file(plugin("not_a_plugin", "not_a_plugin"), {});
  EXPECT_EQ(third.status, FileStatus::kNotAPlugin) << third.message;
}

TEST(Loader, AbiCheckAcceptsAnOlderMinorOfTheSameMajorOnly) {
  EXPECT_EQ(abi_problem(SCORECARD_ABI_MAJOR, 0, "2.0.0"), "");
  EXPECT_EQ(abi_problem(SCORECARD_ABI_MAJOR, SCORECARD_ABI_MINOR, SCORECARD_SDK_VERSION), "");
  EXPECT_NE(abi_problem(SCORECARD_ABI_MAJOR, SCORECARD_ABI_MINOR + 1, "2.9.0"), "");
  EXPECT_NE(abi_problem(SCORECARD_ABI_MAJOR - 1, 0, "1.0.0"), "");
  EXPECT_NE(abi_problem(SCORECARD_ABI_MAJOR + 1, 0, "3.0.0"), "");
}

TEST(Loader, ANonPluginLibraryIsNamedAsSuch) {
  PluginFile f = load_file(plugin("not_a_plugin", "not_a_plugin"), {});
  EXPECT_EQ(f.status, FileStatus::kNotAPlugin);
  EXPECT_NE(f.message.find("scorecard_get_plugin_info"), std::string::npos) << f.message;
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

// The digest as the coreutils `sha256sum` command computes it: the pin is checked against a
// digest not made by scorecard's own code.
std::string sha256sum(const fs::path& file) {
  const std::string command = "sha256sum '" + file.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "";
  char buf[256] = {};
  const size_t n = fread(buf, 1, sizeof buf - 1, pipe);
  pclose(pipe);
  const std::string out(buf, n);
  return out.substr(0, out.find(' '));
}

TEST(Policy, APinnedDigestMustMatch) {
  const fs::path file = private_copy("pin");
  const std::string digest = sha256sum(file);
  ASSERT_EQ(digest.size(), 64u) << "sha256sum gave '" << digest << "'";
  LoadPolicy pinned;
  pinned.sha256["good_plugin.so"] = digest;
  EXPECT_EQ(load_file(file, pinned).status, FileStatus::kOk) << load_file(file, pinned).message;
  std::string upper = digest;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  pinned.sha256["good_plugin.so"] = upper;  // a pin copied in capitals still matches
  EXPECT_EQ(load_file(file, pinned).status, FileStatus::kOk);
  pinned.sha256["good_plugin.so"] = std::string(64, '0');
  PluginFile f = load_file(file, pinned);
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find(digest), std::string::npos) << f.message;
  EXPECT_NE(f.message.find(std::string(64, '0')), std::string::npos) << f.message;
  EXPECT_EQ(sha256_file(file), digest);
}

TEST(Policy, WithPinsSetAnUnlistedPluginIsRefused) {
  const fs::path file = private_copy("unlisted");
  LoadPolicy pinned;
  pinned.sha256["some_other_plugin.so"] = std::string(64, 'a');
  PluginFile f = load_file(file, pinned);
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find("does not list good_plugin.so"), std::string::npos) << f.message;
}

TEST(Policy, ASymbolicLinkIsRefusedUnlessAllowed) {
  const fs::path file = private_copy("symlink");
  const fs::path link = file.parent_path() / "linked_plugin.so";
  fs::create_symlink(file, link);
  PluginFile f = load_file(link, {});
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find("is a symbolic link"), std::string::npos) << f.message;
  LoadPolicy allow;
  allow.allow_unsafe = true;
  EXPECT_EQ(load_file(link, allow).status, FileStatus::kOk);
}

TEST(Policy, AFolderNamedLikeAPluginIsNotLoaded) {
  const fs::path file = private_copy("folder");
  fs::create_directory(file.parent_path() / "folder.so");
  PluginFile f = load_file(file.parent_path() / "folder.so", {});
  EXPECT_EQ(f.status, FileStatus::kRefused);
  EXPECT_NE(f.message.find("not a regular file"), std::string::npos) << f.message;
}

// ---- Files checked before they are mapped: none of these may end the process with a signal.

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
}

TEST(FileCheck, TruncatedCopiesOfARealPluginAreRefusedWithAMessage) {
  const fs::path dir = private_copy("truncated").parent_path();
  const std::string whole = read_all(plugin("good", "good"));
  ASSERT_GT(whole.size(), 8192u);
  for (size_t length :
       {size_t{0}, size_t{1}, size_t{4}, size_t{16}, size_t{63}, size_t{64}, size_t{65},
        size_t{200}, size_t{4096}, size_t{8192}, whole.size() / 3, whole.size() / 2,
        whole.size() - 4096, whole.size() - 64, whole.size() - 1}) {
    const fs::path file = dir / ("head_" + std::to_string(length) + ".so");
    write_bytes(file, whole.substr(0, length));
    PluginFile f = load_file(file, {});
    EXPECT_EQ(f.status, FileStatus::kLoadFailed) << length << ": " << f.message;
    EXPECT_NE(f.message.find(file.filename().string()), std::string::npos) << f.message;
    EXPECT_TRUE(f.message.find("truncated") != std::string::npos ||
                f.message.find("not an ELF") != std::string::npos)
        << length << " bytes: " << f.message;
  }
  // And the whole file still loads.
  write_bytes(dir / "whole.so", whole);
  EXPECT_EQ(load_file(dir / "whole.so", {}).status, FileStatus::kOk);
}

TEST(FileCheck, AnEmptyFileAndATextFileAreNamedAsSuch) {
  const fs::path dir = private_copy("text").parent_path();
  write_bytes(dir / "empty.so", "");
  PluginFile empty = load_file(dir / "empty.so", {});
  EXPECT_EQ(empty.status, FileStatus::kLoadFailed);
  EXPECT_NE(empty.message.find("empty file (0 bytes)"), std::string::npos) << empty.message;
  write_bytes(dir / "readme.so", "This folder holds the council's plugins.\n");
  PluginFile text = load_file(dir / "readme.so", {});
  EXPECT_EQ(text.status, FileStatus::kLoadFailed);
  EXPECT_NE(text.message.find("not an ELF shared library"), std::string::npos) << text.message;
}

// The real plugin with bytes of its ELF header changed, as a build for another machine has them.
void write_patched(const fs::path& file, const std::string& whole, size_t at,
                   const std::string& bytes) {
  std::string copy = whole;
  copy.replace(at, bytes.size(), bytes);
  write_bytes(file, copy);
}

TEST(FileCheck, PluginsForAnotherMachineClassOrByteOrderAreRefused) {
  const fs::path dir = private_copy("foreign").parent_path();
  const std::string whole = read_all(plugin("good", "good"));
  // e_machine (offset 18, 2 bytes little-endian): 183 is AArch64, 40 is 32-bit ARM.
  write_patched(dir / "aarch64.so", whole, 18, std::string("\xb7\x00", 2));
  PluginFile arm = load_file(dir / "aarch64.so", {});
  EXPECT_EQ(arm.status, FileStatus::kLoadFailed);
  EXPECT_NE(arm.message.find("built for AArch64"), std::string::npos) << arm.message;
  EXPECT_NE(arm.message.find("this scorecard runs on x86-64"), std::string::npos) << arm.message;
  // EI_CLASS (offset 4): 1 is 32-bit.
  write_patched(dir / "i386.so", whole, 4, std::string("\x01", 1));
  PluginFile i386 = load_file(dir / "i386.so", {});
  EXPECT_EQ(i386.status, FileStatus::kLoadFailed);
  EXPECT_NE(i386.message.find("32-bit"), std::string::npos) << i386.message;
  // EI_DATA (offset 5): 2 is big-endian.
  write_patched(dir / "big.so", whole, 5, std::string("\x02", 1));
  PluginFile big = load_file(dir / "big.so", {});
  EXPECT_EQ(big.status, FileStatus::kLoadFailed);
  EXPECT_NE(big.message.find("other byte order"), std::string::npos) << big.message;
  // e_type (offset 16): 2 is an executable.
  write_patched(dir / "program.so", whole, 16, std::string("\x02\x00", 2));
  PluginFile program = load_file(dir / "program.so", {});
  EXPECT_EQ(program.status, FileStatus::kLoadFailed);
  EXPECT_NE(program.message.find("executable program"), std::string::npos) << program.message;
}

TEST(FileCheck, A32BitElfHeaderWrittenByHandIsRefused) {
  const fs::path dir = private_copy("elf32").parent_path();
  // An Elf32_Ehdr for i386 (52 bytes): magic, class 1, data 1, version 1, type ET_DYN, EM_386.
  std::string header(52, '\0');
  header.replace(0, 7,
                 std::string("\x7f"
                             "ELF\x01\x01\x01",
                             7));
  header[16] = 3;  // ET_DYN
  header[18] = 3;  // EM_386
  header[20] = 1;  // EV_CURRENT
  write_bytes(dir / "elf32.so", header + std::string(4096, '\0'));
  PluginFile f = load_file(dir / "elf32.so", {});
  EXPECT_EQ(f.status, FileStatus::kLoadFailed);
  EXPECT_NE(f.message.find("32-bit ELF file"), std::string::npos) << f.message;
}

}  // namespace
}  // namespace scorecard::plugins
