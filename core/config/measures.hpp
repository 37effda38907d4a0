// config (internal): `measure:` entries of an indicators list, the local measures a council
// writes in YAML (docs/measures.md). The definition stays in its file, where the built-in
// measures plugin reads and checks it; here each becomes a use of the plugin's indicator for
// its unit and window, with the measure's id, its file and its parameter values as parameters.
// Nothing else in the core knows a measure from a compiled indicator.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/yaml_reading.hpp"

namespace scorecard::config {

// The keys a `measure:` entry has besides an ordinary entry's.
const std::vector<std::string>& measure_keys();

class Measures {
 public:
  // Keeps the definition of the entry `m` (its `measure:` is `id_field`) of `doc` and returns
  // the measure's id. Throws ConfigError for a measure defined twice, a figure or unit that is
  // not known, or a parameter without a default.
  std::string define(const Mapping& m, const Field& id_field, const Document& doc);
  // Every `measure:` entry of the `indicators` list of `doc` (not of the sets it includes): for
  // `scorecard test`, whose file names the configuration its measures are defined in.
  void define_all(const Document& doc);
  // The entry as read (code, name, target...), which a later `use:` of the measure inherits.
  void remember(const IndicatorUse& use);
  // Every use of a measure made a use of the built-in indicator that evaluates it; its
  // `params:` checked against the measure's `parameters:` (ConfigError at the parameter).
  void resolve(std::vector<IndicatorUse>& uses) const;

 private:
  struct Definition {
    std::string id;
    std::string file;  // absolute
    Location where;
    std::string figure;
    std::string digest;
    std::vector<Parameter> parameters;
    std::vector<YAML::Node> cohorts;  // the cohort, and the numerator's when it has its own
    IndicatorUse entry;
  };
  void resolve(IndicatorUse& use, const Definition& d) const;

  std::map<std::string, Definition> by_id_;
};

}  // namespace scorecard::config
