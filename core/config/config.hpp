// config: reads scorecard.yaml (and the indicator sets it includes) into a Config.
// In: the YAML file. Out: Config, every path made absolute, every key checked; an error
// names the file, line and column and what was expected. docs/configuration.md lists the keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/result.hpp"
#include "scorecard/sdk.hpp"

namespace scorecard::config {

// Where a value was written, for messages: "scorecard.yaml:12:5". `file` is the path as the
// user gave it (the configuration) or as the including file names it, joined to that file's
// folder (an included set), so a message points at a file the analyst can open.
struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when the message is about the whole file
  int column = 0;  // 1-based
  // "file:line:column", or "file" alone when line is 0.
  std::string str() const;
};

// A configuration mistake. what() is the whole message, starting with the location; control
// characters in it (from keys and values as written) are shown as \xNN.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const Location& where, const std::string& message);
  Location where;
  std::string message;  // what() without the location
};

// A parameter value as written, converted once the indicator's declared type is known.
struct RawParam {
  YAML::Node node;
  Location where;      // the value (the key's location when the value is blank)
  Location key_where;  // the parameter's name, for "unknown parameter"
  int entry = 0;       // the entry that wrote it, in reading order (a later one overrides)
};

struct Target {
  std::optional<double> value;              // one target for every period (`default:` in a map)
  std::map<std::string, double> by_period;  // "2018-19 Q3" -> target (a profiled target)
  // The target for the period labelled `label` ("2018-19 Q3"; "2018/19 Q3" is the same
  // period): its own value when profiled, else the single value, else none.
  std::optional<double> for_period(const std::string& label) const;
};

// One `use:` of an indicator (or one entry of an included set), after merging every later
// entry with the same key into it.
struct IndicatorUse {
  std::string id;
  std::string set;  // the indicator set it came from ("" when written in the config itself)
  std::optional<std::string> code, name, description, theme;
  std::optional<Polarity> polarity;
  std::optional<int> decimals;
  std::map<std::string, RawParam> params;
  std::optional<Target> target;
  std::optional<model::Tolerance> tolerance;
  std::map<std::string, double> benchmarks;       // "england", "statistical_neighbours", "region"
  std::map<std::string, std::string> commentary;  // period label (canonical) -> text
  Location where;                                 // the entry that names the id

  // What names this use in merges and outputs: its code when written, else its id.
  const std::string& key() const { return code ? *code : id; }
};

// `benchmarks:`: the DfE's published statistics as benchmarks (core/benchmarks).
struct PublishedBenchmarksConfig {
  enum class Neighbours { kMean, kMedian };  // mean as LAIT, median as the DfE dashboard
  enum class Year { kSame, kLatest };        // the period's own published year, or the latest
  std::filesystem::path published;           // the folder of DfE files, absolute
  Neighbours neighbours = Neighbours::kMean;
  Year year = Year::kSame;
  std::optional<std::filesystem::path> mapping;  // default: indicators/benchmarks/dfe.yaml
  Location where;                                // the `benchmarks:` key, for messages
};

enum class OnError { kFail, kReport };
enum class Isolation { kNone, kProcess };

const char* to_string(OnError e);
const char* to_string(Isolation i);

struct Config {
  std::filesystem::path path;  // the configuration file, absolute
  std::string hash;            // hex digest of the config and every included file's text
  Authority authority;
  std::string dfe_number;  // authority.dfe_number: the DfE's 3-digit LA number ("370")
  std::optional<std::filesystem::path> postcode_centroids;
  // plugins:
  std::vector<std::filesystem::path> plugin_directories;
  Isolation isolation = Isolation::kNone;
  double timeout_s = 60;
  long memory_mb = 4096;
  std::map<std::string, std::string> sha256;  // plugin file name -> expected hex digest
  // data:
  std::filesystem::path data_directory;
  std::map<std::string, std::map<std::string, std::string>>
      renames;  // dataset -> DfE name -> local
  OnError on_error = OnError::kFail;
  // data.returns: the collection year of a statutory return whose file name has none.
  std::map<std::string, int> return_years;  // file name -> year
  std::optional<int> return_year;           // every other such return
  // indicators, in the order the board reads them, includes expanded:
  std::vector<IndicatorUse> indicators;
  // report:
  int history_quarters = 8;
  int small_numbers = 5;
  bool suppress = false;
  std::optional<std::filesystem::path> history_db;
  // benchmarks:
  std::optional<PublishedBenchmarksConfig> benchmarks;
};

// Reads and checks the configuration. Throws ConfigError.
Config load(const std::filesystem::path& file);

// Where something that comes with scorecard is (`relative` to its data folder: "datasets",
// "benchmarks/dfe.yaml", ""): $`env` when set; else <datadir>/scorecard/`relative` beside the
// executable's bin/ (installed); else the source tree's indicators/`relative` (run from the
// build); else the configured install prefix's. A candidate counts when it exists, or, with
// `marker`, when it holds that file.
std::filesystem::path data_path(const char* env, const std::filesystem::path& relative,
                                const std::filesystem::path& marker = {});

// Where `include: standard` finds the indicator sets scorecard comes with: $SCORECARD_SET_DIR
// when set; else the installed <datadir>/scorecard beside the executable's bin/; else the
// source tree's indicators/ (running from the build); else the configured install prefix's.
std::filesystem::path sets_directory();
// The names of the sets there ("corporate-parenting-board", "standard"), sorted.
std::vector<std::string> installed_sets();

// Where `benchmarks.published: dfe` finds the published statistics scorecard comes with:
// $SCORECARD_BENCHMARKS_DIR when set; else the installed <datadir>/scorecard/benchmarks beside
// the executable's bin/; else the source tree's indicators/benchmarks; else the install prefix's.
std::filesystem::path published_root();
// Whether `written` is such a name (letters, digits, '-' and '_' alone) rather than a path.
bool is_published_name(const std::string& written);

// The value of a parameter as the indicator declares it; throws ConfigError naming the
// parameter, the location and the expected type.
ParamValue convert(const RawParam& raw, const Parameter& declared);

// The parameters of one use: every parameter the indicator declares, at its default unless
// the use sets it (converted with convert()). Throws ConfigError at the parameter's name for
// a parameter the indicator does not declare, suggesting the nearest declared name.
Parameters parameters(const IndicatorUse& use, const Metadata& declared);

}  // namespace scorecard::config
