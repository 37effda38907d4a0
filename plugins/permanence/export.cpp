// The library's entry point: the indicators this plugin exports.
#include "adoption.hpp"
#include "permanence.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::Permanence, scorecard::plugins::AdoptionA1,
                            scorecard::plugins::AdoptionA2)
