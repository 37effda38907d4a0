// The library's entry point: the indicators this plugin exports.
#include "proceedings.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::ProceedingsUnder26Weeks,
                            scorecard::plugins::ProceedingsDuration)
