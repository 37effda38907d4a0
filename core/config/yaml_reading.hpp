// config (internal): YAML files and mappings read with the location of every key and value,
// and the typed readers that turn a value into a number, a flag, a path... or a ConfigError
// that says where it was written and what was expected.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config.hpp"

namespace scorecard::config {

// One YAML file as read.
struct Document {
  std::string name;                // as shown in messages (Location::file)
  std::filesystem::path absolute;  // absolute and normalised
  std::string text;                // for the configuration's hash
  YAML::Node root;                 // never null: an empty file is an error
  std::filesystem::path directory() const { return absolute.parent_path(); }
};

// Reads and parses `name`. Throws ConfigError for a file that cannot be read (at `named_at`,
// where an include names it, else at the file itself), a YAML syntax error, or a file with
// nothing in it (`what` says what it should have held).
Document read_document(const std::string& name, const std::optional<Location>& named_at,
                       const std::string& what);

// yaml-cpp's 0-based mark as a 1-based Location; a node without a mark (a blank document) is
// at 1:1.
Location location_of(const std::string& file, const YAML::Mark& mark);

// "'lots'", "a list", "a mapping", "nothing (a blank value)": what was written, for messages.
std::string describe(const YAML::Node& node);

// The known name nearest to `word` (edit distance at most 2), if any.
std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& known);
// "a, b, c"
std::string joined(const std::vector<std::string>& words);

// One key of a mapping and its value.
struct Field {
  std::string key;
  YAML::Node value;
  Location key_at;
  Location value_at;    // the key's location when the value is blank
  std::string context;  // where the mapping is, for messages: "in data", "at the top level"

  bool blank() const { return !value.IsDefined() || value.IsNull(); }
};

// Throws "'KEY' CONTEXT: expected EXPECTED, got WHAT-WAS-WRITTEN" at the value.
[[noreturn]] void fail_expected(const Field& f, const std::string& expected);

// A mapping whose keys are plain names, each written once.
class Mapping {
 public:
  // The document's top level. Throws unless it is a mapping.
  Mapping(const Document& doc, std::string context, const std::string& expected);
  // The value of `field`, which must be a mapping (`expected` describes what it should hold).
  Mapping(const Field& field, std::string context, const std::string& expected);
  // A mapping that is itself an item of a list, written at `where`.
  Mapping(const YAML::Node& node, const Location& where, std::string context,
          const std::string& expected);

  // Throws for the first key not in `known`, suggesting the nearest known key.
  void allow_only(const std::vector<std::string>& known) const;
  const Field* find(const std::string& key) const;
  // Throws "missing key 'KEY' CONTEXT" at the mapping.
  const Field& require(const std::string& key) const;
  const std::vector<Field>& fields() const { return fields_; }
  const Location& where() const { return where_; }
  const std::string& context() const { return context_; }
  void set_context(const std::string& context);

 private:
  void read(const YAML::Node& node);

  Location where_;
  std::string context_;
  std::vector<Field> fields_;
};

// Strict scalar text: "true"/"false" (any case); whole numbers with an optional sign; decimal
// numbers (no hex, inf or nan).
std::optional<bool> parse_flag(std::string_view text);
std::optional<int64_t> parse_whole(std::string_view text);
std::optional<double> parse_number(std::string_view text);

// Typed readers. Each throws fail_expected() when the value is not what it should be.
std::string read_text(const Field& f);  // any non-blank scalar
bool read_flag(const Field& f);
double read_number(const Field& f, const std::string& expected,
                   const std::function<bool(double)>& allowed);
int64_t read_whole(const Field& f, const std::string& expected, int64_t min, int64_t max);
// A path relative to `base` (the folder of the file that names it), made absolute.
std::filesystem::path read_path(const Field& f, const std::filesystem::path& base);
// A list of non-blank scalars; a single scalar is a list of one.
std::vector<std::string> read_texts(const Field& f);
// One of the named choices.
template <typename T>
T read_choice(const Field& f, const std::vector<std::pair<std::string, T>>& choices) {
  std::vector<std::string> names;
  for (const auto& [name, value] : choices) {
    if (f.value.IsScalar() && f.value.Scalar() == name) return value;
    names.push_back(name);
  }
  fail_expected(f, "one of: " + joined(names));
}

}  // namespace scorecard::config
