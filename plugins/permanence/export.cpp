// The library's entry point: the indicators this plugin exports.
#include "permanence.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::Permanence)
