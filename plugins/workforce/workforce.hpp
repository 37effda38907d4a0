// Workforce: social worker turnover (EA11) and caseloads (DATA.md indicators 19 and 20,
// counting rules 14 and 15).
#pragma once

#include <scorecard/sdk.hpp>
#include <vector>

namespace scorecard::plugins {

// workforce.turnover (EA11): the FTE of workers who left voluntarily in the 12 months to the
// as-at date, as a percentage of the FTE in post at the as-at date (or the average of the FTE
// in post at the window's start and end).
class WorkforceTurnover final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// workforce.caseload: open allocations at the as-at date per FTE of the qualified social
// workers in post who hold at least one case (the mean over all of them, or the median of
// each worker's cases per FTE).
class WorkforceCaseload final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins
