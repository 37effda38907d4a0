// A small JSON Schema checker for the keywords docs/scorecard.schema.json uses: $ref (to
// #/$defs/...), type (one or a list), enum, required, properties, additionalProperties
// (false or a schema), items, pattern, minimum. Other keywords are ignored. Enough to hold
// to_json to its schema without a validator package; python3-jsonschema checks fully where
// it is installed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace scorecard::reports::testing {

// Every place `doc` breaks `schema`, as "/json/pointer: what is wrong". Empty when valid.
std::vector<std::string> schema_errors(const nlohmann::json& schema, const nlohmann::json& doc);

}  // namespace scorecard::reports::testing
