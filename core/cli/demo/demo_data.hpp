// scorecard demo data: a synthetic authority for `scorecard demo-data`, the README's run and
// the benchmarks. In: a number of children, a seed and an extract date. Out: one CSV per
// dataset of DATA.md (the SSDA903 header, episodes, uasc, oc2, oc3, ad1 and
// placed_for_adoption; the CIN referrals, cp_plans and visits; child_events, proceedings,
// workforce, allocations, providers, foster_carers) and postcode_centroids.csv, all made from
// one simulated history per child so that the datasets agree with each other and every
// standard indicator of DATA.md computes an England-like value for any quarter of the last
// three reporting years.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scorecard/date.hpp"

namespace scorecard::demo {

struct DemoOptions {
  long children = 2000;  // children ever looked after in the span (rows of header.csv)
  uint64_t seed = 1;
  Date data_to = Date::from_ymd(2019, 3, 31);  // extract date: no event after it
  int years = 7;                               // span of history, ending at data_to
};

// One file written: its dataset name (the file is `<dataset>.csv`), its data rows (the header
// row not counted) and its size in bytes.
struct DatasetSummary {
  std::string dataset;
  long rows;
  std::uintmax_t bytes;
};

// The child population aged 0-17 (authority setting `population_0_17`) that the demo
// authority stands for: the population in which the children looked after at data_to are about
// 67 per 10,000, England's rate. Of the children ever looked after in a span of `years` years,
// about 2.6 / (2.6 + years) are still looked after at its end (2.6 years: the children looked
// after at a date over those starting in a year; 27% for 7 years), so
//   population = children * 10000 / 67 * 2.6 / (2.6 + years)       (children * 40.4 for 7 years)
// rounded to the nearest whole number, and at least 1.
long demo_population(const DemoOptions& options);

// Writes one CSV per dataset into out_dir (created if missing), each written to a temporary file
// beside it and renamed into place, and returns what was written, in a fixed order of datasets.
// Deterministic: the same options give byte-identical files, on any platform and standard
// library. Columns and codes are those of DATA.md (episodes without PL_DISTANCE: distances come
// from postcode_centroids.csv); dates dd/mm/yyyy; LF line ends; a field is quoted only when it
// must be. What to expect in the files:
//  - header has exactly `children` rows (C0000001...), each a child looked after at some time
//    in the span; a child looked after when the span starts keeps their earlier episodes;
//  - children in need who are never looked after (N0000001...) appear only in referrals,
//    cp_plans, visits and allocations;
//  - visits and child_events cover the last four years (enough for any quarter of the last
//    three reporting years); allocations start no earlier than the span;
//  - with 0 children every file has its header row only.
// Memory does not grow with `children`: each child's history is made, written and dropped.
// Throws std::invalid_argument for a negative size or a span under one year,
// std::runtime_error naming the path on an I/O failure (no temporary file is left behind).
std::vector<DatasetSummary> write_demo_data(const std::filesystem::path& out_dir,
                                            const DemoOptions& options);

}  // namespace scorecard::demo
