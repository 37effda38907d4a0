// Discovery: the datasets named, the returns of the folder read into parts, and each
// dataset's sources in the order their rows are read (loader_parts.hpp).
#include "core/datasets/loader_parts.hpp"
#include "core/datasets/returns_xml.hpp"

namespace scorecard::datasets::loading {

std::vector<std::string> dataset_names(const std::vector<DatasetRequest>& requests,
                                       const SchemaSet& schemas) {
  std::vector<std::string> names;
  for (const auto& [name, schema] : schemas) names.push_back(name);
  for (const auto& r : requests) names.push_back(r.dataset);
  return names;
}

uint64_t size_of(const std::vector<Source>& files) {
  uint64_t bytes = 0;
  for (const auto& f : files) {
    if (f.part) {
      bytes += f.part->text.size();
      continue;
    }
    std::error_code ec;
    const auto n = std::filesystem::file_size(f.path, ec);
    if (!ec) bytes += n;
  }
  return bytes;
}

ReadReturns read_returns(detail::Discovery& found, const LoadOptions& options, LoadResult& result) {
  ReadReturns out;
  if (found.returns.empty()) return out;
  returns::ReasonMap reasons;
  bool have_reasons = false;
  for (size_t i = 0; i < found.returns.size(); ++i) {
    const returns::ReturnFile& file = found.returns[i];
    if (file.kind == returns::Kind::kWorkforceCensus && !have_reasons) {
      reasons = returns::load_reason_map(
          options.reason_leave_map.empty() ? std::filesystem::path(SCORECARD_SOURCE_DIR) /
                                                 "indicators" / "returns" / "csww_reason_leave.yaml"
                                           : options.reason_leave_map);
      have_reasons = true;
    }
    FoundFile& listed = found.files[found.return_listing[i]];
    try {
      out.readings.push_back(returns::read_return(file, reasons));
    } catch (const returns::XmlError& e) {
      model::DataQualityIssue issue;
      issue.file = e.file;
      issue.line = e.line;
      issue.column = e.column;
      issue.message = e.what();
      listed.read_as = "not read: " + std::string(e.what());
      if (options.on_error == OnError::kFail) throw DataError(std::move(issue));
      result.issues.push_back(std::move(issue));
      continue;
    }
    returns::Reading& r = out.readings.back();
    result.bytes_read += r.bytes;
    for (auto& w : r.warnings) result.warnings.push_back(std::move(w));
    std::vector<std::string> held;
    for (returns::Part& p : r.parts) {
      // A return holds each of its tables, empty or not (no UASC child: uasc has no rows).
      out.parts[p.dataset].push_back(&p);
      if (p.rows() > 0) held.push_back(fmt::format("{} ({} rows)", p.dataset, p.rows()));
    }
    listed.read_as += ": " + (held.empty() ? std::string("no records") : join(held, ", "));
  }
  for (auto& [dataset, parts] : out.parts) returns::supersede(parts);
  return out;
}

// A dataset's sources: its files by name (in dataset_files' order), then, when it has any,
// the CSV files found by their columns and the returns' parts, all in order of collection
// year (a source without a year first), so that the latest year's version wins.
std::vector<Source> sources_of(std::vector<std::filesystem::path> named,
                               const std::vector<std::filesystem::path>& by_columns,
                               const std::vector<returns::Part*>& parts) {
  std::vector<Source> out;
  for (auto& f : named) out.push_back({std::move(f), nullptr});
  if (by_columns.empty() && parts.empty()) return out;
  for (const auto& f : by_columns) out.push_back({f, nullptr});
  for (const returns::Part* p : parts) out.push_back({p->file, p});
  auto year = [](const Source& s) {
    if (s.part) return s.part->year;
    return returns::year_in_name(s.path.filename().string()).value_or(0);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Source& a, const Source& b) { return year(a) < year(b); });
  return out;
}

}  // namespace scorecard::datasets::loading
