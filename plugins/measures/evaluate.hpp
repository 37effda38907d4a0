// measures: a checked Definition evaluated over a run's tables and care index, one
// Observation per period. In: the Definition, the Context. Out: the observations, with record
// ids when the context wants them.
#pragma once

#include <vector>

#include "definition.hpp"

namespace scorecard::measures {

std::vector<Observation> evaluate(Definition definition, const Context& ctx,
                                  const std::vector<Period>& periods);

}  // namespace scorecard::measures
