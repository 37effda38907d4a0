// scorecard demo data (see demo_data.hpp). The simulation, in the order it runs:
//   1. the authority: postcodes, placement settings (children's homes, fostering and adoption
//      agencies), social-work posts and who held them, schools and early-years settings, foster
//      carers;
//   2. each family of children looked after: their periods of care (route into care, legal
//      statuses, court case, outcome), placements and episodes, then everything recorded about
//      them (referrals, plans, visits, health, allocations, returns), written straight away;
//   3. children in need who are never looked after: referrals, child-protection plans, visits.
// Every family (and every other child, post, setting, carer) draws from its own random stream
// made from the seed and its number. Rates are England's published figures for 2016-19 where
// there are some; each table below says what it makes.
// The parts: random.hpp (the random streams), csv_files.hpp (the output files), authority
// (span, geography, settings, workforce, schools, carers), care_planner (periods of care,
// placements, episodes), records (referrals, plans, visits, allocations, children in need),
// families (each family made and written); this file puts them together.
#include "core/cli/demo/demo_data.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <stdexcept>

#include "core/cli/demo/authority.hpp"
#include "core/cli/demo/care_planner.hpp"
#include "core/cli/demo/csv_files.hpp"
#include "core/cli/demo/families.hpp"
#include "core/cli/demo/records.hpp"

namespace scorecard::demo {
namespace {

namespace fs = std::filesystem;

// England: children looked after per 10,000 children aged 0-17 (2016-19: 62-65, rising).
constexpr double kLookedAfterPer10000 = 67.0;
// Children looked after at a date over children starting to be looked after in a year (England
// 2019: 78,150 / 31,680), the mean years a child stays in the count; 2.6 as this simulation
// makes it. demo_population rests on it.
constexpr double kMeanYearsInCare = 2.6;

// Children on child-protection plans for every child looked after (England 2019: 52,260 to
// 78,150); the children in need who are never looked after, per child ever looked after, are
// as many as make that stock with the plan rates of write_child_in_need.
constexpr double kPlansPerLookedAfter = 0.62;
constexpr double kChildrenInNeedPerChild = 3.5;

}  // namespace
long demo_population(const DemoOptions& options) {
  const double share_looked_after = kMeanYearsInCare / (kMeanYearsInCare + options.years);
  const double population =
      static_cast<double>(options.children) * 10000.0 / kLookedAfterPer10000 * share_looked_after;
  return std::max(1L, std::lround(population));
}

std::vector<DatasetSummary> write_demo_data(const fs::path& out_dir, const DemoOptions& options) {
  if (options.children < 0) throw std::invalid_argument("demo data: children must be 0 or more");
  if (options.years < 1) throw std::invalid_argument("demo data: years must be 1 or more");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    throw std::runtime_error("demo data: cannot create " + out_dir.string() + ": " + ec.message());
  }
  const Span span = make_span(options);
  const long population = options.children > 0 ? demo_population(options) : 0;
  const long looked_after = std::lround(population * kLookedAfterPer10000 / 10000);
  Files files(out_dir);

  const Geography geo(options.seed);
  if (options.children > 0) geo.write(files.postcode_centroids);
  const Settings settings(options.seed, geo);
  Workforce workforce(options.seed, span, looked_after,
                      std::lround(looked_after * kPlansPerLookedAfter));
  workforce.write(files.workforce, span);
  write_schools(files.providers, options.seed, span, population);
  write_foster_carers(files.foster_carers, options.seed, span, looked_after);

  Recorder recorder(files, span, geo, workforce);
  const Placements placements(geo, settings);
  write_families(recorder, placements, options.seed, options.children);
  const long in_need = std::lround(options.children * kChildrenInNeedPerChild);
  for (long n = 1; n <= in_need; ++n) write_child_in_need(recorder, options.seed, n);
  const long entrants = std::lround(options.children / (kMeanYearsInCare + options.years) * 1.25);
  for (long n = 1; n <= entrants; ++n) write_future_entrant(recorder, options.seed, in_need + n);

  std::vector<DatasetSummary> written = files.close();
  spdlog::debug("demo data: {} children looked after, population {}, {} datasets in {}",
                options.children, population, written.size(), out_dir.string());
  return written;
}

}  // namespace scorecard::demo
