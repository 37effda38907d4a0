// The library's entry point: the indicators this plugin exports.
#include "children_in_need.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::Rereferrals, scorecard::plugins::SecondPlan,
                            scorecard::plugins::VisitsOnTime)
