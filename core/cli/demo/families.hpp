// demo: the families of children looked after, each made (its children, their periods of
// care and placements), checked against the span and written at once to every dataset.
#pragma once

#include <cstdint>

#include "core/cli/demo/care_planner.hpp"
#include "core/cli/demo/records.hpp"

namespace scorecard::demo {

// Writes families until `children` children looked after (C0000001...) are written.
void write_families(Recorder& rec, const Placements& placements, uint64_t seed, long children);

}  // namespace scorecard::demo
