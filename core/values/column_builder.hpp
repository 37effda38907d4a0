// values: appends cells of text to a typed Column (the SDK's columnar layout).
// In: cell text, one at a time. Out: the Column, with blank flags and interned codes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/values/string_table.hpp"
#include "scorecard/table.hpp"

namespace scorecard::values {

class ColumnBuilder {
 public:
  ColumnBuilder(std::string name, ColumnType type);

  // Appends one cell. Blank (empty or spaces) is a blank cell. Codes are stored trimmed and
  // upper-case, strings trimmed. Returns false, appending nothing, when the text is not of
  // the column's type.
  bool append(std::string_view text, StringPool& pool);
  // The same, interning into the loader's StringTable (Codes of that table).
  bool append(std::string_view text, StringTable& strings);
  // Appends the cells of a column of dates, integers, flags or decimals, a loop per type
  // (values.hpp): as append() would each, and a blank cell fails when `required`. Returns
  // false when a cell fails, the cells before it appended (and at once for a code or string
  // column, which interns: append_text).
  bool append_cells(const std::string_view* cells, size_t n, bool required);
  // Appends a code or string cell whose text is trimmed and not empty, as append() would.
  void append_text(std::string_view trimmed, StringTable& strings);
  // Appends a blank cell.
  void append_blank();
  // Removes the last appended cell (a row refused by a later check).
  void pop_back();

  size_t size() const { return column_.blank.size(); }
  const Column& column() const { return column_; }
  Column take() { return std::move(column_); }
  void reserve(size_t rows);

 private:
  Code intern(std::string_view text, StringPool& pool);
  Code intern(std::string_view text, StringTable& strings);
  template <class Strings>
  bool append_to(std::string_view text, Strings& strings);
  template <class Strings>
  Code code_of(std::string_view trimmed, Strings& strings);  // interned (upper-cased: a code)

  Column column_;
  // Interning dominates the cost of reading codes and identifiers, so the builder remembers
  // the last code and (up to kCacheSlots / 2) codes it interned. Only a hint: a hit is always
  // checked against the pool's text, so the result is exactly pool.intern(text).
  static constexpr size_t kCacheSlots = size_t{1} << 15;
  struct CacheSlot {
    size_t hash = 0;
    Code code = -1;  // -1: empty
  };
  std::vector<CacheSlot> cache_;
  size_t cached_ = 0;
  Code last_ = -1;
  // A code column's few values of up to 8 bytes, each slot its bytes, size and Code, so that
  // most cells intern without hashing (StringTable path; a hit is exact: a text's Code never
  // changes).
  struct ShortCode {
    uint64_t bytes = 0;
    uint32_t size = 0;  // 0: empty (a code is never empty)
    Code code = -1;
  };
  std::array<ShortCode, 64> short_codes_{};
};

}  // namespace scorecard::values
