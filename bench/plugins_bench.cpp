// Discovering and loading plugins (dlopen, ABI check, factory, metadata) as a run does at
// start: 20 tiny distinct plugins; the standard ones (8 today); and 20 mixed (the standard plus
// tiny) copied into a temporary folder.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/plugins/loader.hpp"

namespace fs = std::filesystem;
using namespace scorecard;

namespace {

void discover(benchmark::State& state, const fs::path& dir, size_t expected) {
  plugins::LoadPolicy policy;
  for (auto _ : state) {
    const plugins::Registry r = plugins::Registry::discover({dir}, policy);
    size_t ok = 0;
    for (const auto& f : r.files()) ok += f.status == plugins::FileStatus::kOk ? 1 : 0;
    if (ok != expected || !r.problems().empty()) {
      state.SkipWithError(("expected " + std::to_string(expected) + " plugins in " + dir.string() +
                           ", loaded " + std::to_string(ok))
                              .c_str());
      break;
    }
  }
  state.counters["plugins"] = static_cast<double>(expected);
}

fs::path mixed_folder() {
  const fs::path dir =
      fs::temp_directory_path() / ("scorecard-plugins-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(plugins::builtin_plugin_directory()))
    if (e.path().extension() == ".so") {
      fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
      ++n;
    }
  for (int i = 1; n < 20; ++i, ++n) {
    const std::string name = "bench_tiny_" + std::to_string(i) + ".so";
    fs::copy_file(fs::path(SCORECARD_BENCH_PLUGIN_DIR) / name, dir / name,
                  fs::copy_options::overwrite_existing);
  }
  return dir;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const fs::path mixed = mixed_folder();
  size_t standard = 0;  // the plugins that come with scorecard, however many there are now
  for (const auto& e : fs::directory_iterator(plugins::builtin_plugin_directory()))
    standard += e.path().extension() == ".so";
  benchmark::RegisterBenchmark("discover/20_tiny", discover, fs::path(SCORECARD_BENCH_PLUGIN_DIR),
                               size_t{20})
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("discover/" + std::to_string(standard) + "_standard").c_str(),
                               discover, plugins::builtin_plugin_directory(), standard)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("discover/20_mixed", discover, mixed, size_t{20})
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove_all(mixed, ec);
  return 0;
}
