// Permanence and adoption: VP7 permanence (DATA.md indicator 9).
#pragma once

#include <scorecard/sdk.hpp>

namespace scorecard::plugins {

// cla.permanence (VP7): of children who ceased to be looked after in the period, those who
// left to permanence (adoption, SGO, child arrangements order, planned return home).
class Permanence final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins
