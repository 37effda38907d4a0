// The plugin library's entry point: the indicators it exports.
#include "local_permanence.hpp"

SCORECARD_EXPORT_INDICATORS(local::LocalPermanence)
