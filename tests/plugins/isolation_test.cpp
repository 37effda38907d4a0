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
  CallStatus run(const std::string& id, IsolationLimits limits = {5, 512}) {
    for (const auto& ind : file_.indicators)
      if (ind->metadata().id == id) {
        engine::RunContext ctx(data_, {}, id, true);
        return calculate_isolated(*ind, ctx, {Period{}, Period{}}, &out_, limits);
      }
    ADD_FAILURE() << "no " << id;
    return {};
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
  EXPECT_NE(s.message.find("memory limit of 256 MB"), std::string::npos) << s.message;
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
