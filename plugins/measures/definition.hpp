// measures: a local measure written in YAML (docs/measures.md), read and checked into a
// Definition. In: the `measure:` entry of an indicators list in the file the parameters name,
// the dataset schemas (indicators/datasets), the parameter values the configuration resolved.
// Out: a Definition whose every column, code list and rule is known, and the data needs it
// implies; or a std::runtime_error starting "file:line:column:" saying what was expected.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scorecard/sdk.hpp"

namespace scorecard::measures {

// Where something was written, for messages.
struct Where {
  std::string file;
  int line = 0, column = 0;
  std::string str() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

// The columns of each dataset, from indicators/datasets/*.yaml.
struct DatasetSchema {
  std::string name;
  std::vector<std::pair<std::string, ColumnType>> columns;  // in the schema's order
  const ColumnType* type_of(const std::string& column) const {
    for (const auto& [name, type] : columns)
      if (name == column) return &type;
    return nullptr;
  }
};
using Schemas = std::map<std::string, DatasetSchema>;
// The schemas (cached after the first read). SCORECARD_SCHEMA_DIR overrides where they are.
const Schemas& schemas();

// A date a condition compares with.
struct DateRef {
  enum Kind { kEnd, kStart, kDate, kYearStart, kYearEnd, kPeriodOfCareStart, kColumn } kind = kEnd;
  int column = -1;  // Definition::columns, for kColumn
};

// A column a measure reads: of the unit's own record (an episode, or a record of the cohort's
// dataset) or, written `dataset.COLUMN`, of the rows of another dataset for the same CHILD.
struct ColumnRef {
  std::string dataset, column;
  ColumnType type = ColumnType::kString;
  bool joined = false;  // another dataset's rows for the child
  Where at;
};

struct Condition {
  enum Kind {
    kIn,       // column's code in a list
    kNotIn,    // not in it (a blank cell is not in any list)
    kBlank,    // column blank (or not, `blank: false`)
    kIs,       // boolean column is true / false
    kCompare,  // date before / after / on_or_before / on_or_after a date
    kWithin,   // date within N months/days before or after a date
    kRange,    // number min / max / above / below
    kAge,      // age at a date in [min, max]
    kRule,     // one of DATA.md's shared rules
    kAll,      // every sub-condition
    kAny,      // at least one
    kNot,      // the sub-condition does not hold
  } kind = kAll;
  int column = -1;                 // Definition::columns
  std::vector<std::string> codes;  // kIn, kNotIn
  bool flag = true;                // kBlank: blank (true) or not; kIs: the value
  enum Compare { kBefore, kAfter, kOnOrBefore, kOnOrAfter } compare = kBefore;
  DateRef date;                    // kCompare, kWithin, kAge, kRule: the date
  int months = 0, days = 0;        // kWithin (one of them), kRule
  bool within_after = false;       // kWithin: after the date instead of before it
  std::optional<double> min, max;  // kRange (inclusive), kAge, kRule placements
  bool min_strict = false, max_strict = false;
  enum Rule {
    kLookedAfter,
    kUasc,
    kPlacements,
    kContinuouslyLookedAfter,
    kPlacementLasted,
    kLookedAfter12Months,
  } rule = kLookedAfter;
  std::vector<Condition> parts;  // kAll, kAny, kNot
  Where at;
  std::vector<Code> ids;  // `codes` as this run's Codes, filled when the measure is evaluated
};

// Who or what is counted.
struct Cohort {
  enum Kind { kLookedAfter, kStarted, kCeased, kRecords } kind = kLookedAfter;
  enum Window { kAtEnd, kAtStart, kInPeriod, kMonths, kOpenAt, kYear, kAll } window = kAtEnd;
  int months = 0;
  std::string dataset;               // kRecords
  int date = -1;                     // kRecords with a window: the record's date column
  int open_from = -1, open_to = -1;  // kOpenAt: in post/open while from <= d < to
  int year = -1;                     // kYear: the collection-year column (OC2/OC3 YEAR)
  int id = -1;                       // kRecords: the column that names a record for explain
  bool at_start = false;             // kOpenAt at the period's start (the day before it)
  Where at;
};

// One side of a figure: a cohort, its conditions and an optional weight (FTE).
struct Count {
  Cohort cohort;
  Condition where;  // kAll of the conditions
  int weight = -1;  // Definition::columns: summed instead of counting 1
};

struct Breakdown {
  std::string dimension;  // as written
  enum Kind { kColumn, kAgeBand, kEthnicity } kind = kColumn;
  int column = -1;
};

struct Definition {
  std::string id;
  enum Figure { kCount, kPercent, kRate, kRatio, kMean, kMedian } figure = kCount;
  Count count;                           // the cohort (the denominator of a percent or ratio)
  std::optional<Condition> numerator;    // of the cohort, those meeting these (percent, ratio)
  std::optional<Count> numerator_count;  // or a count of its own
  DateRef days_from, days_to;            // mean, median
  std::vector<Breakdown> breakdowns;
  std::vector<ColumnRef> columns;            // every column named
  int dob = -1;                              // the DOB column ages are taken from
  int ethnic = -1;                           // header.ETHNIC, for an ethnicity breakdown
  bool uses_uasc = false;                    // the uasc rule
  std::map<std::string, ParamValue> params;  // the parameter values, defaults merged
};

// What the configuration passes to the built-in measure indicators (every one a string).
struct Source {
  std::string measure;  // the measure's id
  std::string file;     // the file that defines it (absolute)
  std::string values;   // the parameter values, a YAML flow mapping ("" = the defaults)
};
Source source_of(const Parameters& params);

// Reads and checks the definition. Throws std::runtime_error "file:line:column: ...".
Definition read_definition(const Source& source);

// The data needs the definition implies: exactly the columns it names, plus those the care
// index and the cohort read.
std::vector<DatasetNeed> needs_of(const Definition& d);

// The unit an indicator of this definition reports (from the figure).
Unit unit_of(Definition::Figure f);

}  // namespace scorecard::measures
