// The library's entry point: the indicators this plugin exports.
#include "care_leavers.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::CareLeaversEet)
