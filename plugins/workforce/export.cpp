// The library's entry point: the indicators this plugin exports.
#include "workforce.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::WorkforceTurnover,
                            scorecard::plugins::WorkforceCaseload)
