// values: appends cells of text to a typed Column (the SDK's columnar layout).
// In: cell text, one at a time. Out: the Column, with blank flags and interned codes.
#pragma once

#include <string>
#include <string_view>

#include "scorecard/table.hpp"

namespace scorecard::values {

class ColumnBuilder {
 public:
  ColumnBuilder(std::string name, ColumnType type);

  // Appends one cell. Blank (empty or spaces) is a blank cell. Codes are stored trimmed and
  // upper-case, strings trimmed. Returns false, appending nothing, when the text is not of
  // the column's type.
  bool append(std::string_view text, StringPool& pool);
  // Appends a blank cell.
  void append_blank();
  // Removes the last appended cell (a row refused by a later check).
  void pop_back();

  size_t size() const { return column_.blank.size(); }
  const Column& column() const { return column_; }
  Column take() { return std::move(column_); }
  void reserve(size_t rows);

 private:
  Column column_;
};

}  // namespace scorecard::values
