// Grouping a table's rows by child (RowGroups::build, what Context::rows_by runs once per
// grouping): 10 million visits of 220,000 children whose codes are spread over 14 million
// (a run's codes are mostly not children's), sorted by child as extracts usually are (runs of
// about 45 rows), and the same rows shuffled (runs of one row, in no order of code).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <scorecard/table.hpp>
#include <vector>

using namespace scorecard;

namespace {

Table visits(bool shuffled) {
  constexpr size_t kRows = 10'000'000, kChildren = 220'000;
  std::mt19937 rng(7);
  // Children's codes rise with their identifiers, with the gaps other strings leave (a
  // child is interned when first seen, and extracts list children in order).
  std::vector<int32_t> codes(kChildren);
  int32_t code = 1;
  for (auto& c : codes) c = code += 1 + static_cast<int32_t>(rng() % 127);
  Table t;
  t.name = "visits";
  t.rows = kRows;
  Column c;
  c.name = "CHILD";
  c.type = ColumnType::kString;
  c.ints.resize(kRows);
  c.blank.assign(kRows, 0);
  for (size_t r = 0; r < kRows; ++r) c.ints[r] = codes[r * kChildren / kRows];
  if (shuffled) std::shuffle(c.ints.begin(), c.ints.end(), rng);
  t.columns.push_back(std::move(c));
  return t;
}

void BM_GroupByChild(benchmark::State& state) {
  const Table t = visits(state.range(0) != 0);
  for (auto _ : state) {
    RowGroups g = RowGroups::build(t, t.columns[0]);
    benchmark::DoNotOptimize(g);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * t.rows));
  state.SetLabel(state.range(0) ? "shuffled" : "sorted by child");
}
BENCHMARK(BM_GroupByChild)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
