// tests: a CSV text with every field after the header quoted, so that no record of it is
// simple (csv::SimpleRecords) and the loader reads it row by row throughout.
#pragma once

#include <string>

namespace scorecard::datasets::testing {

// The same lines with every field of every line after the header in double quotes (a field
// with a quote in it has it doubled). Line numbers and field positions are unchanged.
inline std::string all_quoted(const std::string& csv) {
  std::string out;
  size_t line_start = 0;
  bool header = true;
  while (line_start < csv.size()) {
    size_t end = csv.find('\n', line_start);
    if (end == std::string::npos) end = csv.size();
    std::string line = csv.substr(line_start, end - line_start);
    const bool crlf = !line.empty() && line.back() == '\r';
    if (crlf) line.pop_back();
    if (header) {
      out += line;
    } else {
      std::string field;
      size_t at = 0;
      for (;;) {
        const size_t comma = line.find(',', at);
        field = line.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        out += '"';
        for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += '"';
        if (comma == std::string::npos) break;
        out += ',';
        at = comma + 1;
      }
    }
    header = false;
    if (crlf) out += '\r';
    if (end < csv.size()) out += '\n';
    line_start = end + 1;
  }
  return out;
}

}  // namespace scorecard::datasets::testing
