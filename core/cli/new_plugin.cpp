#include "core/cli/new_plugin.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "core/cli/commands.hpp"
#include "scorecard/abi.h"

namespace scorecard::cli {
namespace {
namespace fs = std::filesystem;

// "foster_share" -> "FosterShare".
std::string class_name(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// A name that is a file name, a CMake target, a C++ identifier part and an indicator id part.
bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 60 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values)
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

const char* const kHeader =
    R"(// @NAME@: the percentage of children looked after at the period end who are placed with
// foster carers (PLACE U1 to U6). A starting point: change the definition, the metadata and
// the test together. The SDK guide is docs/sdk.md of scorecard.
#pragma once

#include <scorecard/sdk.hpp>

namespace local {
using namespace scorecard;

class @CLASS@ final : public Indicator {
 public:
  Metadata metadata() const override {
    Metadata m;
    m.id = "local.@NAME@";
    m.code = "@CODE@";
    m.name = "Children looked after placed with foster carers";
    m.description =
        "Of children looked after on the last day of the period, the percentage placed with "
        "foster carers (PLACE U1 to U6).";
    m.definition_source = "Local definition";
    m.theme = "Looked-after children";
    m.unit = Unit::kPercent;
    m.polarity = Polarity::kHigherIsBetter;
    m.period_kind = PeriodKind::kSnapshot;
    m.decimals = 1;
    m.parameters = {{"foster_placements", ParamType::kStringList,
                     std::vector<std::string>{"U1", "U2", "U3", "U4", "U5", "U6"},
                     "PLACE codes that count as foster care"}};
    // The care index needs LS (short breaks) beside CHILD, DECOM and DEC.
    m.needs = {{"episodes",
                {{"CHILD", ColumnType::kString},
                 {"DECOM", ColumnType::kDate},
                 {"DEC", ColumnType::kDate},
                 {"LS", ColumnType::kCode},
                 {"PLACE", ColumnType::kCode}}}};
    return m;
  }

  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override {
    const CodeSet foster = ctx.codes(ctx.params().list("foster_placements"));
    std::vector<Observation> out;
    for (const Period& p : periods) {
      Ratio ratio(ctx.want_records());
      for (const ChildCare& child : ctx.care().children)
        if (const Episode* e = episode_at(child, p.as_at()))
          ratio.count(ctx.text(child.child), foster.contains(e->place));
      out.push_back(ratio.percent());
    }
    return out;
  }
};

}  // namespace local
)";

const char* const kSource =
    R"(// The plugin library's entry point: the indicators it exports (one C symbol).
#include "@NAME@.hpp"

SCORECARD_EXPORT_INDICATORS(local::@CLASS@)
)";

const char* const kTest =
    R"(// @NAME@ against a hand-worked fixture, with the SDK's testing kit (run by ctest).
#include <gtest/gtest.h>

#include <scorecard/testing.hpp>

#include "@NAME@.hpp"

namespace {

using scorecard::Observation;
using scorecard::testing::Fixture;

// As at 31 March 2019 (the last day of 2018-19):
//   C1 is in foster care (U1) since 01/04/2018: looked after, fostered.
//   C2 is in a children's home (K2) since 01/06/2018: looked after, not fostered.
//   C3 was fostered until 01/01/2019: not looked after at 31 March.
//   C4 moved from a home (K2) to foster care (U3) on 01/02/2019: looked after, fostered.
// So 2 of 3 = 66.7%.
TEST(@CLASS@, CountsChildrenInFosterCareAtThePeriodEnd) {
  Fixture f;
  f.dataset("episodes", {{"CHILD", "DECOM", "DEC", "LS", "PLACE"},
                         {"C1", "01/04/2018", "", "C2", "U1"},
                         {"C2", "01/06/2018", "", "C2", "K2"},
                         {"C3", "01/05/2018", "01/01/2019", "C2", "U4"},
                         {"C4", "01/09/2018", "01/02/2019", "C2", "K2"},
                         {"C4", "01/02/2019", "", "C2", "U3"}});
  const Observation o = f.run(local::@CLASS@{}, "2018-19");
  EXPECT_EQ(o.numerator, 2);
  EXPECT_EQ(o.denominator, 3);
  ASSERT_TRUE(o.value);
  EXPECT_NEAR(*o.value, 200.0 / 3.0, 1e-9);
  EXPECT_EQ(o.numerator_records, (std::vector<std::string>{"C1", "C4"}));
}

}  // namespace
)";

const char* const kCMake = R"(cmake_minimum_required(VERSION 3.25)
project(@NAME@ LANGUAGES CXX)

# The installed scorecard SDK (pass -DCMAKE_PREFIX_PATH=<scorecard's prefix> if it is not in
# a standard place).
find_package(ScorecardSDK @MAJOR@ REQUIRED)
scorecard_add_indicator(@NAME@ SOURCES @NAME@.cpp VERSION 0.1.0)

include(CTest)
if(BUILD_TESTING)
  scorecard_add_indicator_test(@NAME@_test SOURCES @NAME@_test.cpp)
endif()
)";

const char* const kReadme = R"(# @NAME@: a council's own scorecard indicator

`local.@NAME@` (@CODE@), made by `scorecard new-plugin @NAME@`: the percentage of children
looked after at the period end who are placed with foster carers. Change it into your own
measure: the definition in `@NAME@.hpp`, and the hand-worked fixture in `@NAME@_test.cpp`
(work the expected numbers out from the definition, in the test's comments, before running).

Build and test it against the installed SDK (GoogleTest: Debian's `libgtest-dev`):

```sh
cmake -S . -B build -DCMAKE_PREFIX_PATH=/usr/local    # scorecard's install prefix
cmake --build build
ctest --test-dir build --output-on-failure
scorecard plugins check build/@NAME@.so
```

Then put `@NAME@.so` in a folder named under `plugins.directories` in `scorecard.yaml` and
add `- use: local.@NAME@` to the indicators. Any compiler for this machine will do (g++ or
clang++): the plugin boundary is C (scorecard SDK ABI @MAJOR@.@MINOR@).
)";

}  // namespace

int command_new_plugin(const NewPluginArgs& args) {
  if (!valid_name(args.name)) {
    std::cerr << "error: '" << args.name
              << "' is not a plugin name: use lower-case letters, digits and _ , starting with a "
                 "letter (e.g. foster_share)\n";
    return kExitUsage;
  }
  const fs::path dir = args.out.empty() ? fs::path(args.name) : fs::path(args.out);
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec)) && !args.force) {
    std::cerr << "error: " << dir.string()
              << " exists and is not an empty folder (choose another --out, or --force to "
                 "overwrite the files it would write)\n";
    return kExitUsage;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "error: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  std::string code = "LOCAL " + args.name.substr(0, 8);
  for (char& c : code) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  const std::map<std::string, std::string> values = {
      {"@NAME@", args.name},
      {"@CLASS@", class_name(args.name)},
      {"@CODE@", code},
      {"@MAJOR@", std::to_string(SCORECARD_ABI_MAJOR)},
      {"@MINOR@", std::to_string(SCORECARD_ABI_MINOR)}};
  const std::pair<std::string, const char*> files[] = {{args.name + ".hpp", kHeader},
                                                       {args.name + ".cpp", kSource},
                                                       {args.name + "_test.cpp", kTest},
                                                       {"CMakeLists.txt", kCMake},
                                                       {"README.md", kReadme}};
  for (const auto& [file, text] : files) {
    const fs::path path = dir / file;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << fill(text, values);
    out.close();
    if (!out) {
      std::cerr << "error: cannot write " << path.string() << "\n";
      return kExitUsage;
    }
    std::cout << "wrote " << path.string() << "\n";
  }
  std::cout << "build and test it: cmake -S " << dir.string() << " -B " << (dir / "build").string()
            << " -DCMAKE_PREFIX_PATH=<scorecard's prefix> && cmake --build "
            << (dir / "build").string() << " && ctest --test-dir " << (dir / "build").string()
            << "\n";
  return kExitOk;
}

}  // namespace scorecard::cli
