// scorecard SDK: an indicator's parameter values for one use (defaults merged with the
// council's YAML by the core, already checked against the declared types).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scorecard/metadata.hpp"

namespace scorecard {

// Typed read access to the parameters. An accessor throws std::invalid_argument naming the
// parameter when it is missing or of another type: a plugin bug, reported as status error.
class Parameters {
 public:
  Parameters() = default;
  explicit Parameters(std::map<std::string, ParamValue> values) : values_(std::move(values)) {}

  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  bool is_blank(const std::string& name) const {
    return std::holds_alternative<std::monostate>(get(name));
  }
  const std::map<std::string, ParamValue>& values() const { return values_; }

  bool flag(const std::string& name) const { return as<bool>(name, "boolean"); }
  int64_t integer(const std::string& name) const { return as<int64_t>(name, "integer"); }
  double number(const std::string& name) const {
    const ParamValue& v = get(name);
    if (auto i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    return as<double>(name, "decimal");
  }
  const std::string& text(const std::string& name) const { return as<std::string>(name, "string"); }
  const std::vector<std::string>& list(const std::string& name) const {
    return as<std::vector<std::string>>(name, "list");
  }
  // An integer parameter that may be left blank (std::nullopt).
  std::optional<int64_t> optional_integer(const std::string& name) const {
    if (is_blank(name)) return std::nullopt;
    return integer(name);
  }

 private:
  const ParamValue& get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end())
      throw std::invalid_argument("parameter '" + name + "' is not declared by this indicator");
    return it->second;
  }
  template <typename T>
  const T& as(const std::string& name, const char* type) const {
    const T* v = std::get_if<T>(&get(name));
    if (!v) throw std::invalid_argument("parameter '" + name + "' is not a " + type);
    return *v;
  }

  std::map<std::string, ParamValue> values_;
};

}  // namespace scorecard
