// The loader logs a line per dataset at info level; the tests keep their output for failures.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace {

class QuietLogs : public ::testing::Environment {
 public:
  void SetUp() override { spdlog::set_level(spdlog::level::warn); }
};

const auto* const kQuietLogs = ::testing::AddGlobalTestEnvironment(new QuietLogs);

}  // namespace
