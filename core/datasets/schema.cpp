// The dataset schemas: indicators/datasets/*.yaml, in the format of docs/datasets.md.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "core/datasets/datasets.hpp"
#include "scorecard/table.hpp"

namespace scorecard::datasets {
namespace {

// A mistake in a schema file, located by yaml-cpp's Mark (0-based, printed 1-based).
[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Mark& mark,
                       const std::string& message) {
  std::string where = file.string();
  if (!mark.is_null())
    where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  throw std::runtime_error(where + ": " + message);
}

void only_keys(const std::filesystem::path& file, const YAML::Node& map,
               std::initializer_list<const char*> allowed, const char* what) {
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      fail(file, kv.first.Mark(),
           "unknown key '" + key + "' in " + what + " (expected " + list + ")");
    }
  }
}

std::string scalar(const std::filesystem::path& file, const YAML::Node& node, const char* what) {
  if (!node.IsScalar()) fail(file, node.Mark(), std::string(what) + " must be a single value");
  return node.Scalar();
}

std::string upper_name(const std::filesystem::path& file, const YAML::Node& node,
                       const char* what) {
  std::string name = CodeSet::normalise(scalar(file, node, what));
  if (name.empty()) fail(file, node.Mark(), std::string(what) + " is empty");
  return name;
}

std::vector<std::string> name_list(const std::filesystem::path& file, const YAML::Node& node,
                                   const char* what) {
  if (!node.IsSequence()) fail(file, node.Mark(), std::string(what) + " must be a list");
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(upper_name(file, item, what));
  return out;
}

ColumnType parse_type(const std::filesystem::path& file, const YAML::Node& node) {
  const std::string t = scalar(file, node, "type");
  for (ColumnType c : {ColumnType::kString, ColumnType::kInteger, ColumnType::kDecimal,
                       ColumnType::kDate, ColumnType::kBoolean, ColumnType::kCode})
    if (t == to_string(c)) return c;
  fail(file, node.Mark(),
       "unknown column type '" + t + "' (string, integer, decimal, date, boolean or code)");
}

ColumnSchema parse_column(const std::filesystem::path& file, const YAML::Node& node) {
  if (!node.IsMap())
    fail(file, node.Mark(), "a column must be a map such as {name: DECOM, type: date}");
  only_keys(file, node, {"name", "type", "codes", "description"}, "a column");
  if (!node["name"]) fail(file, node.Mark(), "a column needs a name");
  if (!node["type"]) fail(file, node.Mark(), "column needs a type");
  ColumnSchema c;
  c.name = upper_name(file, node["name"], "a column name");
  c.type = parse_type(file, node["type"]);
  if (node["codes"]) {
    if (c.type != ColumnType::kCode)
      fail(file, node["codes"].Mark(), "codes are only for a column of type code (" + c.name + ")");
    c.codes = name_list(file, node["codes"], "a code");
  }
  if (node["description"]) c.description = scalar(file, node["description"], "description");
  return c;
}

// key, required and checks may only name declared columns.
void check_names(const std::filesystem::path& file, const DatasetSchema& schema,
                 const YAML::Node& list, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i)
    if (!schema.find(names[i]))
      fail(file, list[i].Mark(), "'" + names[i] + "' is not a column of " + schema.name);
}

RowCheck parse_check(const std::filesystem::path& file, const DatasetSchema& schema,
                     const YAML::Node& node) {
  if (!node.IsMap())
    fail(file, node.Mark(), "a check must be a map such as {column: DEC, not_before: DECOM}");
  only_keys(file, node, {"column", "not_before"}, "a check");
  if (!node["column"] || !node["not_before"])
    fail(file, node.Mark(), "a check needs column and not_before");
  RowCheck check{upper_name(file, node["column"], "column"),
                 upper_name(file, node["not_before"], "not_before")};
  for (const auto& [name, key] :
       {std::pair{check.column, "column"}, std::pair{check.not_before, "not_before"}}) {
    const ColumnSchema* c = schema.find(name);
    if (!c) fail(file, node[key].Mark(), "'" + name + "' is not a column of " + schema.name);
    if (c->type != ColumnType::kDate && c->type != ColumnType::kInteger &&
        c->type != ColumnType::kDecimal)
      fail(file, node[key].Mark(),
           "a check compares dates or numbers; " + name + " is a " + to_string(c->type));
  }
  return check;
}

DatasetSchema parse_schema(const std::filesystem::path& file, const YAML::Node& root) {
  if (!root.IsMap()) fail(file, root.Mark(), "a dataset schema must be a map (dataset:, columns:)");
  only_keys(file, root, {"dataset", "description", "key", "required", "checks", "columns"},
            "a dataset schema");
  if (!root["dataset"]) fail(file, root.Mark(), "missing key 'dataset'");
  if (!root["columns"]) fail(file, root.Mark(), "missing key 'columns'");
  DatasetSchema schema;
  schema.name = scalar(file, root["dataset"], "dataset");
  const bool ok_name =
      !schema.name.empty() && std::all_of(schema.name.begin(), schema.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
  if (!ok_name)
    fail(file, root["dataset"].Mark(),
         "dataset name '" + schema.name + "' must be lower-case letters, digits and _");
  if (root["description"]) schema.description = scalar(file, root["description"], "description");
  const YAML::Node columns = root["columns"];
  if (!columns.IsSequence() || columns.size() == 0)
    fail(file, columns.Mark(), "columns must be a non-empty list");
  std::set<std::string> seen;
  for (const auto& node : columns) {
    ColumnSchema c = parse_column(file, node);
    if (!seen.insert(c.name).second)
      fail(file, node.Mark(), "column " + c.name + " is declared twice");
    schema.columns.push_back(std::move(c));
  }
  if (root["key"]) {
    schema.key = name_list(file, root["key"], "a key column");
    check_names(file, schema, root["key"], schema.key);
  }
  if (root["required"]) {
    schema.required = name_list(file, root["required"], "a required column");
    check_names(file, schema, root["required"], schema.required);
  }
  if (root["checks"]) {
    if (!root["checks"].IsSequence()) fail(file, root["checks"].Mark(), "checks must be a list");
    for (const auto& node : root["checks"])
      schema.checks.push_back(parse_check(file, schema, node));
  }
  return schema;
}

}  // namespace

const ColumnSchema* DatasetSchema::find(const std::string& column) const {
  for (const auto& c : columns)
    if (c.name == column) return &c;
  return nullptr;
}

DatasetSchema load_schema_file(const std::filesystem::path& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    throw std::runtime_error("cannot read " + file.string());
  } catch (const YAML::ParserException& e) {
    fail(file, e.mark, e.msg);
  }
  try {
    return parse_schema(file, root);
  } catch (const YAML::Exception& e) {  // e.g. a key that is not a scalar
    fail(file, e.mark, e.msg);
  }
}

SchemaSet load_schemas(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec))
    throw std::runtime_error("dataset schemas: " + directory.string() + " is not a folder");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  SchemaSet out;
  std::map<std::string, std::filesystem::path> from;
  for (const auto& file : files) {
    DatasetSchema schema = load_schema_file(file);
    if (auto it = from.find(schema.name); it != from.end())
      throw std::runtime_error(file.string() + ": dataset " + schema.name +
                               " is already defined in " + it->second.string());
    from.emplace(schema.name, file);
    out.emplace(schema.name, std::move(schema));
  }
  return out;
}

}  // namespace scorecard::datasets
