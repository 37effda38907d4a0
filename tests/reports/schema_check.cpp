#include "tests/reports/schema_check.hpp"

#include <regex.h>

#include <algorithm>

namespace scorecard::reports::testing {
namespace {

using nlohmann::json;

// POSIX extended regular expressions (the schema's patterns use only that subset of
// ECMA-262); std::regex trips GCC 12's maybe-uninitialized warning under the sanitizers.
bool matches(const std::string& text, const std::string& pattern) {
  regex_t re;
  if (regcomp(&re, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) return false;
  const bool found = regexec(&re, text.c_str(), 0, nullptr, 0) == 0;
  regfree(&re);
  return found;
}

bool has_type(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer")
    return value.is_number_integer() ||
           (value.is_number_float() &&
            value.get<double>() == static_cast<long long>(value.get<double>()));
  return false;
}

class Checker {
 public:
  explicit Checker(const json& root) : root_(root) {}

  void check(const json& schema, const json& value, const std::string& at) {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      check(root_.at(json::json_pointer(ref.substr(1))), value, at);
    }
    if (schema.contains("type") && !type_ok(schema["type"], value)) {
      errors.push_back(at + ": expected type " + schema["type"].dump() + ", got " + value.dump());
      return;
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
      errors.push_back(at + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    if (value.is_string() && schema.contains("pattern") &&
        !matches(value.get<std::string>(), schema["pattern"].get<std::string>()))
      errors.push_back(at + ": " + value.dump() + " does not match " + schema["pattern"].dump());
    if (value.is_number() && schema.contains("minimum") && value.get<double>() < schema["minimum"])
      errors.push_back(at + ": " + value.dump() + " is below the minimum");
    if (value.is_object()) object(schema, value, at);
    if (value.is_array() && schema.contains("items"))
      for (size_t i = 0; i < value.size(); ++i)
        check(schema["items"], value[i], at + "/" + std::to_string(i));
  }

  std::vector<std::string> errors;

 private:
  static bool type_ok(const json& type, const json& value) {
    if (type.is_string()) return has_type(value, type);
    for (const auto& t : type)
      if (has_type(value, t)) return true;
    return false;
  }

  void object(const json& schema, const json& value, const std::string& at) {
    if (schema.contains("required"))
      for (const auto& name : schema["required"])
        if (!value.contains(name.get<std::string>()))
          errors.push_back(at + ": missing required " + name.dump());
    const json no_properties = json::object();
    const json& properties = schema.contains("properties") ? schema["properties"] : no_properties;
    for (const auto& [name, member] : value.items()) {
      const std::string here = at + "/" + name;
      if (properties.contains(name)) {
        check(properties[name], member, here);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>())
          errors.push_back(here + ": not allowed (additionalProperties: false)");
        else if (extra.is_object())
          check(extra, member, here);
      }
    }
  }

  const json& root_;
};

}  // namespace

std::vector<std::string> schema_errors(const nlohmann::json& schema, const nlohmann::json& doc) {
  Checker checker(schema);
  checker.check(schema, doc, "");
  return checker.errors;
}

}  // namespace scorecard::reports::testing
