#include "core/config/yaml_reading.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace scorecard::config {
namespace fs = std::filesystem;

Location location_of(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0 || mark.column < 0) return {file, 1, 1};
  return {file, mark.line + 1, mark.column + 1};
}

namespace {

// yaml-cpp's parser messages, with what the analyst should have written.
std::string syntax_message(const std::string& msg) {
  static const std::vector<std::pair<std::string, std::string>> kHints = {
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "expected '}' to close a { ... } mapping"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "expected ']' to close a [ ... ] list"},
      {YAML::ErrorMsg::END_OF_MAP, "expected each 'key: value' of a mapping at one indentation"},
      {YAML::ErrorMsg::END_OF_SEQ, "expected each '- item' of a list at one indentation"},
      {YAML::ErrorMsg::MAP_VALUE,
       "expected one 'key: value' per line, indented under its parent (quote a value that "
       "contains ': ')"},
      {YAML::ErrorMsg::BLOCK_ENTRY, "expected '- item' lines only in a list, at one indentation"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "expected the quote that closes the text"},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, "expected an anchor (&name) defined before its alias"},
  };
  for (const auto& [yaml_cpp, hint] : kHints)
    if (msg == yaml_cpp) return "invalid YAML: " + msg + " (" + hint + ")";
  return "invalid YAML: " + msg;
}

// The first line, up to `last_line`, indented with a tab: YAML forbids tabs there, and
// yaml-cpp reports the confusion it causes further on, not the tab.
std::optional<Location> tab_indentation(const std::string& file, const std::string& text,
                                        int last_line) {
  int line = 1;
  for (size_t start = 0; start < text.size() && line <= last_line; ++line) {
    const size_t end = std::min(text.find('\n', start), text.size());
    for (size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') return Location{file, line, static_cast<int>(i - start) + 1};
    }
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

Document read_document(const std::string& name, const std::optional<Location>& named_at,
                       const std::string& what) {
  Document doc;
  doc.name = name;
  doc.absolute = fs::absolute(name).lexically_normal();
  std::ifstream in(doc.absolute, std::ios::binary);
  std::error_code ec;
  if (!in || fs::is_directory(doc.absolute, ec)) {
    const std::string reason =
        fs::exists(doc.absolute, ec) ? "it is not a readable file" : "there is no such file";
    throw ConfigError(named_at.value_or(Location{name, 0, 0}),
                      "cannot read '" + name + "': " + reason);
  }
  std::ostringstream text;
  text << in.rdbuf();
  doc.text = text.str();
  try {
    doc.root = YAML::Load(doc.text);
  } catch (const YAML::Exception& e) {
    if (auto tab = tab_indentation(name, doc.text, e.mark.line + 1))
      throw ConfigError(*tab, "invalid YAML: a tab in the indentation (expected spaces)");
    throw ConfigError(location_of(name, e.mark), syntax_message(e.msg));
  }
  if (!doc.root.IsDefined() || doc.root.IsNull())
    throw ConfigError({name, 1, 1}, "the file is empty: expected " + what);
  return doc;
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing (a blank value)";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  std::string text = node.Scalar();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "'" + text + "'";
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  size_t best_distance = 3;
  for (const auto& k : known) {
    const size_t d = edit_distance(lower(word), lower(k));
    if (d < best_distance) best = k, best_distance = d;
  }
  return best;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

void fail_expected(const Field& f, const std::string& expected) {
  throw ConfigError(f.value_at, "'" + f.key + "' " + f.context + ": expected " + expected +
                                    ", got " + describe(f.value));
}

Mapping::Mapping(const Document& doc, std::string context, const std::string& expected)
    : where_(location_of(doc.name, doc.root.Mark())), context_(std::move(context)) {
  if (!doc.root.IsMap())
    throw ConfigError(where_, "expected " + expected + ", got " + describe(doc.root));
  read(doc.root);
}

Mapping::Mapping(const Field& field, std::string context, const std::string& expected)
    : where_(field.value_at), context_(std::move(context)) {
  if (!field.value.IsMap()) fail_expected(field, expected);
  read(field.value);
}

Mapping::Mapping(const YAML::Node& node, const Location& where, std::string context,
                 const std::string& expected)
    : where_(where), context_(std::move(context)) {
  if (!node.IsMap())
    throw ConfigError(where_, context_ + ": expected " + expected + ", got " + describe(node));
  read(node);
}

void Mapping::read(const YAML::Node& node) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    const Location key_at = location_of(where_.file, it->first.Mark());
    if (!it->first.IsScalar())
      throw ConfigError(key_at,
                        "a key " + context_ + " must be a plain name, got " + describe(it->first));
    const std::string key = it->first.Scalar();
    for (const Field& earlier : fields_) {
      if (earlier.key == key)
        throw ConfigError(key_at, "duplicate key '" + key + "' " + context_ +
                                      " (first written at line " +
                                      std::to_string(earlier.key_at.line) + ", column " +
                                      std::to_string(earlier.key_at.column) + ")");
    }
    Field f{key, it->second, key_at, key_at, context_};
    if (!f.blank()) f.value_at = location_of(where_.file, it->second.Mark());
    fields_.push_back(std::move(f));
  }
}

void Mapping::allow_only(const std::vector<std::string>& known) const {
  for (const Field& f : fields_) {
    if (std::find(known.begin(), known.end(), f.key) != known.end()) continue;
    std::string message =
        "unknown key '" + f.key + "' " + context_ + " (expected one of: " + joined(known) + ")";
    if (auto near = closest(f.key, known)) message += "; did you mean '" + *near + "'?";
    throw ConfigError(f.key_at, message);
  }
}

const Field* Mapping::find(const std::string& key) const {
  for (const Field& f : fields_)
    if (f.key == key) return &f;
  return nullptr;
}

const Field& Mapping::require(const std::string& key) const {
  if (const Field* f = find(key)) return *f;
  throw ConfigError(where_, "missing required key '" + key + "' " + context_);
}

void Mapping::set_context(const std::string& context) {
  context_ = context;
  for (Field& f : fields_) f.context = context;
}

std::optional<bool> parse_flag(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

namespace {
// `text` without a leading '+' (which from_chars does not take); nothing when a sign is left.
std::optional<std::string_view> without_plus(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '+' || text.front() == '-') return std::nullopt;
  }
  return text;
}
}  // namespace

std::optional<int64_t> parse_whole(std::string_view written) {
  const auto text = without_plus(written);
  if (!text || text->empty()) return std::nullopt;
  int64_t value = 0;
  const char* last = text->data() + text->size();
  const auto [end, error] = std::from_chars(text->data(), last, value);
  if (error != std::errc() || end != last) return std::nullopt;
  return value;
}

std::optional<double> parse_number(std::string_view written) {
  const auto text = without_plus(written);
  // Only digits, a point, an exponent and signs: from_chars alone would take "inf" and "nan".
  const bool plain = text && !text->empty() && std::all_of(text->begin(), text->end(), [](char c) {
                       return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                              c == '+' || c == 'e' || c == 'E';
                     });
  if (!plain) return std::nullopt;
  double value = 0;
  const char* last = text->data() + text->size();
  const auto [end, error] = std::from_chars(text->data(), last, value);
  if (error != std::errc() || end != last) return std::nullopt;
  return value;
}

std::string read_text(const Field& f) {
  if (!f.value.IsScalar() || f.value.Scalar().empty()) fail_expected(f, "a text");
  return f.value.Scalar();
}

bool read_flag(const Field& f) {
  if (f.value.IsScalar()) {
    if (auto v = parse_flag(f.value.Scalar())) return *v;
  }
  fail_expected(f, "true or false");
}

double read_number(const Field& f, const std::string& expected,
                   const std::function<bool(double)>& allowed) {
  if (f.value.IsScalar()) {
    if (auto v = parse_number(f.value.Scalar()); v && allowed(*v)) return *v;
  }
  fail_expected(f, expected);
}

int64_t read_whole(const Field& f, const std::string& expected, int64_t min, int64_t max) {
  if (f.value.IsScalar()) {
    if (auto v = parse_whole(f.value.Scalar()); v && *v >= min && *v <= max) return *v;
  }
  fail_expected(f, expected);
}

fs::path read_path(const Field& f, const fs::path& base) {
  if (!f.value.IsScalar() || f.value.Scalar().empty()) fail_expected(f, "a path");
  const fs::path p(f.value.Scalar());
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

std::vector<std::string> read_texts(const Field& f) {
  if (f.value.IsScalar()) return {read_text(f)};
  if (!f.value.IsSequence()) fail_expected(f, "a list of texts");
  std::vector<std::string> out;
  for (const auto& item : f.value) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      const Location at = item.IsNull() ? f.value_at : location_of(f.value_at.file, item.Mark());
      throw ConfigError(at, "'" + f.key + "' " + f.context +
                                ": expected every item of the list to be a text, got " +
                                describe(item));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace scorecard::config
