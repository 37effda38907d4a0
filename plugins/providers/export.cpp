// The library's entry point: the indicators this plugin exports.
#include "providers.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::ProvidersGoodOrBetter,
                            scorecard::plugins::NewInHouseFosterCarers)
