// testing: runs one indicator over small hand-built tables, for plugin fixture tests.
// In: datasets as rows of text (first row the column names), parameters, period labels.
// Out: the indicator's observations, computed exactly as a run computes them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "scorecard/sdk.hpp"

namespace scorecard::testing {

using Rows = std::vector<std::vector<std::string>>;

class Fixture {
 public:
  // A dataset: rows[0] are the column names, the rest are cells as they would be in the CSV
  // (dates dd/mm/yyyy or ISO, "" for blank). Only the columns the indicator needs are kept,
  // typed as its needs declare; a cell of the wrong type throws std::invalid_argument.
  Fixture& dataset(const std::string& name, Rows rows);
  // Overrides one parameter (it must be declared by the indicator).
  Fixture& param(const std::string& name, ParamValue value);
  Fixture& population(double children_0_17);

  // The observations for each period ("2018-19 Q3", "2019-03-31", ...), the indicator's period
  // kind applied; with record ids.
  std::vector<Observation> run(const Indicator& indicator, const std::vector<std::string>& periods);
  Observation run(const Indicator& indicator, const std::string& period);

 private:
  std::map<std::string, Rows> datasets_;
  std::map<std::string, ParamValue> params_;
  Authority authority_{"Fixture Borough", "E00000000", std::nullopt};
};

// The Parameters of an indicator: its declared defaults with `overrides` on top; an override
// that is not declared, or of another type, throws std::invalid_argument.
Parameters resolve_parameters(const Metadata& metadata,
                              const std::map<std::string, ParamValue>& overrides);

}  // namespace scorecard::testing
