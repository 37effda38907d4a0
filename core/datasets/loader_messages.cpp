// The loader's messages: bad rows and files, file:line:column, and the XML element a
// return's cell came from (loader_parts.hpp).
#include "core/datasets/loader_parts.hpp"

namespace scorecard::datasets::loading {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

// A cell's value as a message shows it: trimmed, control characters escaped, cut at 60.
std::string shown(std::string_view text) {
  const std::string_view s = values::trim(text);
  std::string out;
  for (size_t i = 0; i < s.size() && i < 60; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > 60) out += "...";
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The issue at `line`:`column` of `file`, its message "FILE:LINE:COLUMN: TEXT"; for a return's
// rows, at the XML element the cell came from (and, with `path`, the element's path first).
model::DataQualityIssue DatasetLoader::issue_at(const FileLayout& file, size_t line, size_t column,
                                                const std::string& text, bool path) const {
  model::DataQualityIssue issue;
  issue.dataset = name_;
  issue.file = file.display;
  issue.line = line;
  issue.column = column;
  issue.message = fmt::format("{}:{}:{}: {}", file.display, line, column, text);
  if (auto at = xml_place(file, line, column)) {
    issue.line = at->line;
    issue.column = at->column;
    issue.message = fmt::format("{}:{}:{}: {}{}", file.display, at->line, at->column,
                                path && !at->path.empty() ? at->path + ": " : "", text);
  }
  return issue;
}

void DatasetLoader::bad_file(const FileLayout& file, size_t line, size_t column,
                             const std::string& text) {
  model::DataQualityIssue issue = issue_at(file, line, column, text, /*path=*/false);
  if (column >= 1 && column <= file.header.size()) issue.column_name = file.header[column - 1];
  throw DataError(std::move(issue));
}

void DatasetLoader::bad_row(const FileLayout& file, size_t line, size_t column,
                            std::string column_name, std::string value, std::string expected,
                            const std::string& text) {
  model::DataQualityIssue issue = issue_at(file, line, column, text, /*path=*/true);
  issue.column_name = std::move(column_name);
  issue.value = std::move(value);
  issue.expected = std::move(expected);
  if (options_.on_error == OnError::kFail) throw DataError(std::move(issue));
  ++info_.rejected;
  result_.issues.push_back(std::move(issue));
}

// Where a CSV line and field of a return's part came from: the element's line, column, path.
std::optional<XmlPlace> xml_place(const FileLayout& file, size_t line, size_t column) {
  if (!file.part) return std::nullopt;
  const returns::Part& p = *file.part;
  const auto it = std::upper_bound(file.row_lines.begin(), file.row_lines.end(), line);
  if (it == file.row_lines.begin()) return XmlPlace{1, 1, ""};
  const size_t row = file.row_of[static_cast<size_t>(it - file.row_lines.begin()) - 1];
  const size_t col = column >= 1 && column <= p.columns.size() ? column - 1 : 0;
  const size_t cell = row * p.columns.size() + col;
  return XmlPlace{p.lines[cell], p.cols[cell], p.paths[col]};
}

}  // namespace scorecard::datasets::loading
