// Permanence and adoption: adoption timeliness A1 (and its A10 variant) and A2 (DATA.md
// indicators 10 and 11, counting rule 7).
#pragma once

#include <scorecard/sdk.hpp>

namespace scorecard::plugins {

// adoption.a1 (A1): for children adopted in the 36 months to the as-at date, the days from
// entering care to moving in with the adoptive family (mean or median). With
// `foster_carer_adjustment` (A10), a child adopted by their foster carers "moved in" when the
// placement with those carers began.
class AdoptionA1 final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<DatasetNeed> needs(const Parameters& params) const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// adoption.a2 (A2): for the same children, the days from the placement order (court authority
// to place for adoption) to the match with the adoptive family (mean or median).
class AdoptionA2 final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins
