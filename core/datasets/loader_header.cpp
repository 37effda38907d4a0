// Header mapping: the columns a dataset's loader reads (the plan), and each file's header
// mapped onto it (loader_parts.hpp).
#include <set>

#include "core/datasets/loader_parts.hpp"

namespace scorecard::datasets::loading {

size_t DatasetLoader::add_plan(const std::string& column, ColumnType type) {
  if (auto it = plan_index_.find(column); it != plan_index_.end()) return it->second;
  plan_.emplace_back(column, type);
  PlanColumn& c = plan_.back();
  if (schema_) {
    if (const ColumnSchema* s = schema_->find(column)) {
      for (const auto& code : s->codes) c.codes.push_back(CodeSet::normalise(code));
      std::sort(c.codes.begin(), c.codes.end());
    }
    c.required = std::find(schema_->required.begin(), schema_->required.end(), column) !=
                 schema_->required.end();
  }
  plan_index_[column] = plan_.size() - 1;
  return plan_.size() - 1;
}

void DatasetLoader::plan_columns(const std::vector<ColumnRequest>& requested) {
  auto type_of = [&](const std::string& column, ColumnType fallback) {
    const ColumnSchema* s = schema_ ? schema_->find(column) : nullptr;
    return s ? s->type : fallback;
  };
  for (const auto& r : requested) {
    const std::string column = CodeSet::normalise(r.name);
    plan_[add_plan(column, type_of(column, r.type))].keep = true;
  }
  if (!schema_) return;
  for (const auto& k : schema_->key) key_.push_back(add_plan(k, type_of(k, ColumnType::kString)));
  for (const auto& r : schema_->required) add_plan(r, type_of(r, ColumnType::kString));
  for (const auto& c : schema_->checks)
    checks_.emplace_back(add_plan(c.column, type_of(c.column, ColumnType::kDate)),
                         add_plan(c.not_before, type_of(c.not_before, ColumnType::kDate)));
  // A row's identity: the schema's columns, and any other column asked for.
  for (const auto& c : schema_->columns)
    identity_ids_.emplace(c.name, static_cast<uint32_t>(identity_ids_.size()));
  for (const auto& c : plan_)
    identity_ids_.emplace(c.name, static_cast<uint32_t>(identity_ids_.size()));
}

void DatasetLoader::read_header(FileLayout& file, const csv::Record& header) {
  std::map<std::string, size_t> seen;  // DfE name -> field
  std::set<std::string> shadowed;      // DfE names given by a rename in this file
  std::vector<std::string> names;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const csv::Field& f = header.fields[i];
    if (f.non_ascii && csv::first_invalid_utf8(f.text) != std::string_view::npos)
      bad_file(file, f.line, i + 1, "column name is not UTF-8 text; save the file as CSV UTF-8");
    std::string n = CodeSet::normalise(f.text);
    if (auto it = renamed_from_.find(n); it != renamed_from_.end()) {
      n = it->second;
      shadowed.insert(n);
    }
    names.push_back(std::move(n));
  }
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string local = CodeSet::normalise(header.fields[i].text);
    // The column DECOM is ignored when the renames say DECOM is StartDate and StartDate is here.
    if (shadowed.count(names[i]) && renamed_from_.count(local) == 0) names[i].clear();
    if (names[i].empty()) continue;
    auto [it, inserted] = seen.emplace(names[i], i);
    if (inserted) continue;
    if (plan_index_.count(names[i]) || identity_column(names[i]))
      bad_file(file, header.fields[i].line, i + 1,
               fmt::format("column {} appears twice in the header (columns {} and {})", names[i],
                           it->second + 1, i + 1));
    names[i].clear();  // an ignored column, twice: still ignored
  }
  file.header = names;
  for (const auto& k : key_)
    if (!seen.count(plan_[k].name)) {
      std::vector<std::string> key_names;
      for (size_t c : key_) key_names.push_back(plan_[c].name);
      bad_file(file, 1, 1,
               fmt::format("the header has no {} column, which identifies a row of {} ({}); "
                           "map it under data.columns if the extract names it differently",
                           plan_[k].name, name_, join(key_names, ", ")));
    }
  // A required column is in every file of the dataset or in none: a file without it would add
  // rows whose required cell is blank (absent and blank are the same), and nobody told.
  for (size_t c = 0; c < plan_.size() && files_.size() > 1; ++c) {
    const bool here = seen.count(plan_[c].name) != 0;
    if (!plan_[c].required || here == plan_[c].present) continue;
    const auto other = std::find_if(files_.begin(), files_.end() - 1, [&](const FileLayout& f) {
      return (f.plan_field[c] >= 0) == plan_[c].present;
    });
    if (!here)
      bad_file(file, header.line, 1,
               fmt::format("the header has no {} column, which {} has and {} requires in every "
                           "row; map it under data.columns if the extract names it differently",
                           plan_[c].name, other->display, name_));
    const size_t field = seen.at(plan_[c].name);
    bad_file(file, header.fields[field].line, field + 1,
             fmt::format("column {} is required in every row of {}, but {} has no {} column",
                         plan_[c].name, name_, other->display, plan_[c].name));
  }
  file.plan_field.assign(plan_.size(), -1);
  for (size_t c = 0; c < plan_.size(); ++c) {
    if (auto it = seen.find(plan_[c].name); it != seen.end()) {
      file.plan_field[c] = static_cast<long>(it->second);
      file.present.push_back(c);
      if (plan_[c].type == ColumnType::kString) file.strings.push_back(c);
      plan_[c].present = true;
    } else {
      file.absent.push_back(c);
    }
  }
  std::sort(file.present.begin(), file.present.end(),
            [&](size_t a, size_t b) { return file.plan_field[a] < file.plan_field[b]; });
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;
    if (std::find(info_.available_columns.begin(), info_.available_columns.end(), names[i]) ==
        info_.available_columns.end())
      info_.available_columns.push_back(names[i]);
    if (!identity_column(names[i])) continue;
    const uint32_t id =
        identity_ids_.emplace(names[i], static_cast<uint32_t>(identity_ids_.size())).first->second;
    const ColumnSchema* s = schema_ ? schema_->find(names[i]) : nullptr;
    auto p = plan_index_.find(names[i]);
    const ColumnType type = s                        ? s->type
                            : p != plan_index_.end() ? plan_[p->second].type
                                                     : ColumnType::kString;
    file.identity.push_back(
        {id, i, type, p == plan_index_.end() ? -1 : static_cast<long>(p->second)});
  }
  std::sort(file.identity.begin(), file.identity.end(),
            [](const IdentityField& a, const IdentityField& b) { return a.id < b.id; });
}

}  // namespace scorecard::datasets::loading
