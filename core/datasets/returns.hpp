// datasets/returns: the statutory returns as councils submit them (the SSDA903 XML, the CIN
// census, the children's social work workforce census) read into the tables of DATA.md.
// In: a return's XML file and its collection year. Out: one Part per dataset (rows of cells,
// each with the position of its element), which the loader reads like a CSV file, so the
// loading rules (types, codes, duplicates, rule 17, on_error) are the same for every format.
// docs/datasets.md, "Statutory returns", says what is read from where.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scorecard::datasets::returns {

enum class Kind { kSsda903, kCinCensus, kWorkforceCensus };

// "SSDA903 return", "CIN census", "workforce census".
const char* to_string(Kind kind);

// One dataset's rows from one return.
struct Part {
  std::string dataset;
  std::filesystem::path file;         // the return
  int year = 0;                       // its collection year
  std::vector<std::string> columns;   // DfE column names
  std::vector<std::string> paths;     // the element each column is read from, for messages
  std::vector<std::string> key;       // columns naming a record across census years (CIN, CSWW)
  std::string text;                   // every cell's text, row by row
  std::vector<uint32_t> ends;         // per cell: the end of its text
  std::vector<uint32_t> lines, cols;  // per cell: its element's line and column (the record's
                                      // when the element is absent)
  std::vector<uint8_t> dropped;       // per row: replaced by a later census (supersede())
  size_t superseded_same = 0, superseded_changed = 0;

  size_t rows() const { return columns.empty() ? 0 : ends.size() / columns.size(); }
  std::string_view cell(size_t row, size_t column) const {
    const size_t i = row * columns.size() + column;
    const uint32_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
};

// A return found in the data folder.
struct ReturnFile {
  std::filesystem::path path;
  Kind kind = Kind::kSsda903;
  // The collection year: the year ending 31 March it covers (2019 for 2018-19); for the
  // workforce census, the year of its 30 September census date.
  int year = 0;
};

// What reading a return gave, beside its rows.
struct Reading {
  std::vector<Part> parts;
  std::vector<std::string> warnings;  // unknown elements (one per name), stray text
  uint64_t bytes = 0;
};

// The mapping of the workforce census's ReasonLeave codes to LEAVING_REASON
// (indicators/returns/csww_reason_leave.yaml).
using ReasonMap = std::map<std::string, std::string>;
// Reads the mapping file. Throws std::runtime_error naming the file, line and column.
ReasonMap load_reason_map(const std::filesystem::path& file);

// Reads a return. Throws XmlError (returns_xml.hpp) when it is not well-formed XML.
Reading read_return(const ReturnFile& file, const ReasonMap& reasons);

// The collection year in a file name: "2018-19" or "2018_19" is 2019 (the year ending 31 March
// 2019), otherwise a lone four-digit year from 1990 to 2099 ("SSDA903_2019.xml"). nullopt
// when there is none, or two different ones.
std::optional<int> year_in_name(const std::string& file_name);

// Drops the rows of older parts (by year) that a newer part of the same dataset holds under
// the same key (the same referral in two CIN censuses): a later census's version wins. Counts
// them in the older part's superseded_same (identical rows) or superseded_changed.
void supersede(std::vector<Part*>& parts_of_one_dataset);

}  // namespace scorecard::datasets::returns
