// Care leavers: in education, employment or training (DATA.md indicator 12, rule 8).
#pragma once

#include <scorecard/sdk.hpp>

namespace scorecard::plugins {

// care_leavers.eet (EET): of the OC3 rows for care leavers aged 19 to 21 in the collection
// year, the percentage in education, employment or training.
class CareLeaversEet final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins
