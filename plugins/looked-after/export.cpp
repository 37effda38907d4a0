// The library's entry point: the indicators this plugin exports.
#include "looked_after.hpp"

SCORECARD_EXPORT_INDICATORS(scorecard::plugins::looked_after::Count,
                            scorecard::plugins::looked_after::Rate,
                            scorecard::plugins::looked_after::Starts,
                            scorecard::plugins::looked_after::Ceased,
                            scorecard::plugins::looked_after::StartExitRatio,
                            scorecard::plugins::looked_after::ShortTermStability,
                            scorecard::plugins::looked_after::LongTermStability,
                            scorecard::plugins::looked_after::PlacedOverMiles,
                            scorecard::plugins::looked_after::InHouseFoster,
                            scorecard::plugins::looked_after::FosterOrAdoption10To16,
                            scorecard::plugins::looked_after::HealthAssessments,
                            scorecard::plugins::looked_after::DentalChecks,
                            scorecard::plugins::looked_after::RecentEvent)
