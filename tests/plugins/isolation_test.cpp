// Isolation mode: a plugin that crashes, aborts, hangs or eats memory costs only itself.
#include "core/plugins/isolation.hpp"

#include <gtest/gtest.h>

#include "core/engine/run_context.hpp"

namespace scorecard::plugins {
namespace {

class Isolation : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = load_file(std::string(TEST_PLUGIN_DIR) + "/faulty/faulty_plugin.so", {});
    ASSERT_EQ(file_.status, FileStatus::kOk) << file_.message;
  }
  const LoadedIndicator* find(const std::string& id) const {
    for (const auto& ind : file_.indicators)
      if (ind->metadata().id == id) return ind.get();
    ADD_FAILURE() << "no " << id;
    return nullptr;
  }
  CallStatus run(const std::string& id, IsolationLimits limits = {5, 512}) {
    const LoadedIndicator* ind = find(id);
    if (!ind) return {};
    engine::RunContext ctx(data_, {}, id, true);
    return calculate_isolated(*ind, ctx, {Period{}, Period{}}, &out_, limits);
  }
  PluginFile file_;
  engine::RunData data_;
  std::vector<Observation> out_;
};

TEST_F(Isolation, ASegfaultIsReportedByItsSignal) {
  const CallStatus s = run("faulty.segfault");
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("SIGSEGV"), std::string::npos) << s.message;
}

TEST_F(Isolation, AnAbortIsReportedByItsSignal) {
  const CallStatus s = run("faulty.abort");
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("SIGABRT"), std::string::npos) << s.message;
}

TEST_F(Isolation, AHangIsStoppedAtTheTimeLimit) {
  const CallStatus s = run("faulty.hang", {1, 512});
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("timed out after 1 s"), std::string::npos) << s.message;
}

TEST_F(Isolation, EatingMemoryHitsTheLimit) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's shadow memory defeats an address-space limit";
#endif
  const CallStatus s = run("faulty.memory", {10, 256});
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("ran out of memory: it may use 256 MB (plugins.memory_mb) on top of"),
            std::string::npos)
      << s.message;
}

// The allowance is on top of what the child inherits: a parent holding a few hundred MB (the
// loaded data of a large authority) leaves each plugin its whole allowance. With an absolute
// limit of 256 MB the child of a 400 MB parent could not allocate anything.
TEST_F(Isolation, TheAllowanceIsOnTopOfALargeParent) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's shadow memory defeats an address-space limit";
#endif
  std::vector<char> held(400u << 20);
  volatile char* pages = held.data();  // touched, as loaded tables are
  for (size_t i = 0; i < held.size(); i += 4096) pages[i] = 1;
  ASSERT_GT(address_space_bytes(), 400ull << 20);

  const CallStatus within = run("faulty.allocates_100mb", {10, 256});
  ASSERT_TRUE(within.ok) << within.message;
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_EQ(out_[0].value, 1.0);

  const CallStatus beyond = run("faulty.memory", {10, 256});
  EXPECT_FALSE(beyond.ok);
  EXPECT_NE(beyond.message.find("ran out of memory: it may use 256 MB"), std::string::npos)
      << beyond.message;
  EXPECT_EQ(pages[held.size() - 4096], 1);  // the parent's memory is its own, untouched
}

// Many calls at once: each gets its own result, in its own place, whatever the others do.
TEST_F(Isolation, ChildrenRunSideBySideAndEachGetsItsOwnResult) {
  const std::vector<std::string> ids = {"faulty.hang", "faulty.fine", "faulty.segfault",
                                        "faulty.fine", "faulty.abort"};
  std::vector<std::unique_ptr<engine::RunContext>> contexts;
  std::vector<IsolatedCall> calls(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    contexts.push_back(std::make_unique<engine::RunContext>(data_, Parameters{}, ids[i], false));
    calls[i].plugin = find(ids[i]);
    ASSERT_NE(calls[i].plugin, nullptr);
    calls[i].ctx = contexts.back().get();
    calls[i].periods = std::vector<Period>(i + 1);
  }
  calculate_isolated(calls, {2, 512}, /*parallel=*/3);
  EXPECT_NE(calls[0].status.message.find("timed out after 2 s"), std::string::npos)
      << calls[0].status.message;
  for (size_t i : {1u, 3u}) {
    ASSERT_TRUE(calls[i].status.ok) << calls[i].status.message;
    EXPECT_EQ(calls[i].out.size(), i + 1);  // its own periods, not another call's
    EXPECT_EQ(calls[i].out.back().value, 1.0);
  }
  EXPECT_NE(calls[2].status.message.find("SIGSEGV"), std::string::npos) << calls[2].status.message;
  EXPECT_NE(calls[4].status.message.find("SIGABRT"), std::string::npos) << calls[4].status.message;
}

TEST_F(Isolation, AGoodPluginsObservationsComeBackWhole) {
  const CallStatus s = run("faulty.fine");
  ASSERT_TRUE(s.ok) << s.message;
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_EQ(out_[0].value, 1.0);
  EXPECT_EQ(out_[1].numerator_records, std::vector<std::string>{"C1"});
}

}  // namespace
}  // namespace scorecard::plugins
