// Providers and foster carers: settings judged good or better (EA3 for early years) and new
// in-house foster carers (DATA.md indicators 21 and 22, counting rule 16).
#pragma once

#include <scorecard/sdk.hpp>
#include <vector>

namespace scorecard::plugins {

// providers.good_or_better (EA3 for early years): of the settings of one type inspected on or
// before the as-at date, the percentage whose latest inspection judged them outstanding (1) or
// good (2) for overall effectiveness.
class ProvidersGoodOrBetter final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

// foster_carers.new_in_house: distinct in-house foster carers approved from 1 April to the
// period's end (or within the period).
class NewInHouseFosterCarers final : public Indicator {
 public:
  Metadata metadata() const override;
  std::vector<Observation> calculate(const Context& ctx,
                                     const std::vector<Period>& periods) const override;
};

}  // namespace scorecard::plugins
