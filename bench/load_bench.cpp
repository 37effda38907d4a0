// The load in MB/s: the CSV splitter alone, then the typed load (parse, intern, duplicate
// check) of one dataset and of every dataset, over demo-data files written once to a temporary
// folder. SCORECARD_BENCH_CHILDREN sets the demo authority's size (default 30000: an episodes
// file of about 10 MB, 95 MB in all).
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/cli/demo/demo_data.hpp"
#include "core/datasets/csv.hpp"
#include "core/datasets/datasets.hpp"

namespace fs = std::filesystem;
using namespace scorecard;

namespace {

// The demo data, written on first use and removed at exit.
class DemoFolder {
 public:
  static DemoFolder& get() {
    static DemoFolder folder;
    return folder;
  }
  const fs::path& path() const { return path_; }
  const datasets::SchemaSet& schemas() const { return schemas_; }

 private:
  DemoFolder() {
    path_ = fs::temp_directory_path() / ("scorecard-load-bench-" + std::to_string(::getpid()));
    demo::DemoOptions options;
    const char* env = std::getenv("SCORECARD_BENCH_CHILDREN");
    options.children = env ? std::atol(env) : 30000;
    demo::write_demo_data(path_, options);
    schemas_ = datasets::load_schemas(fs::path(SCORECARD_SOURCE_DIR) / "indicators" / "datasets");
  }
  ~DemoFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path path_;
  datasets::SchemaSet schemas_;
};

// Every column of the dataset's schema, as an indicator would ask for it.
datasets::DatasetRequest all_columns(const std::string& dataset) {
  datasets::DatasetRequest r;
  r.dataset = dataset;
  for (const auto& c : DemoFolder::get().schemas().at(dataset).columns)
    r.columns.push_back({c.name, c.type});
  return r;
}

void csv_split(benchmark::State& state, const std::string& dataset) {
  const fs::path file = DemoFolder::get().path() / (dataset + ".csv");
  uint64_t bytes = 0, fields = 0;
  for (auto _ : state) {
    datasets::csv::Reader reader(file);
    datasets::csv::Record record;
    while (reader.next(record)) fields += record.fields.size();
    bytes += reader.size();
  }
  benchmark::DoNotOptimize(fields);
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void load(benchmark::State& state, const std::vector<std::string>& names) {
  datasets::LoadOptions options;
  options.directory = DemoFolder::get().path();
  std::vector<datasets::DatasetRequest> requests;
  for (const auto& n : names) requests.push_back(all_columns(n));
  uint64_t bytes = 0, rows = 0;
  for (auto _ : state) {
    StringPool pool;
    const datasets::LoadResult r =
        datasets::load(options, requests, DemoFolder::get().schemas(), pool);
    bytes += r.bytes_read;
    for (const auto& [name, table] : r.tables) rows += table.rows;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  spdlog::set_level(spdlog::level::warn);  // the loader logs each dataset at info
  for (const char* d : {"episodes", "visits"}) {
    const std::string name = d;
    benchmark::RegisterBenchmark(("csv_split/" + name).c_str(), csv_split, name)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("load/" + name).c_str(), load, std::vector<std::string>{name})
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  // Every dataset the demo writes, all columns: the whole read of a run.
  std::vector<std::string> every;
  for (const auto& entry : fs::directory_iterator(DemoFolder::get().path()))
    if (entry.path().extension() == ".csv") every.push_back(entry.path().stem().string());
  benchmark::RegisterBenchmark("load/all_datasets", load, every)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
