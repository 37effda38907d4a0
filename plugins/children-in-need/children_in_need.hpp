// Children in need and child protection: re-referrals, second child-protection plans and
// child-protection visits on time (DATA.md indicators 15-17, counting rules 10-12).
#pragma once

#include <scorecard/sdk.hpp>

namespace scorecard::plugins {

// cin.rereferrals: of the referrals in the period, those for a child referred before within
// the previous 12 months.
class Rereferrals final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cp.second_plan: of the child-protection plans starting in the period, those for a child who
// had an earlier plan (ever, or ended within `within_months` before).
class SecondPlan final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// cp.visits_on_time (VP8): of the child-protection visits that fell due in the period, those
// made on or before the due date.
class VisitsOnTime final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins
