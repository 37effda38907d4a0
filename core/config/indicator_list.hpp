// config (internal): the `indicators` list: entries that use an indicator, includes of
// indicator sets (files with `set:` and `indicators:`), and the merging of a later entry into
// an earlier one with the same key (its code, else its id).
#pragma once

#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/yaml_reading.hpp"

namespace scorecard::config {

// The uses listed under `list` in `doc`, includes expanded in place (each path relative to
// the file that names it) and later entries merged into earlier ones. The text of every
// included file is appended to `texts`, in the order the files are read.
std::vector<IndicatorUse> read_indicators(const Field& list, const Document& doc,
                                          std::vector<std::string>& texts);

}  // namespace scorecard::config
