#include "core/values/column_builder.hpp"

#include "core/values/values.hpp"
#include "scorecard/table.hpp"

namespace scorecard::values {

ColumnBuilder::ColumnBuilder(std::string name, ColumnType type) {
  column_.name = std::move(name);
  column_.type = type;
}

void ColumnBuilder::reserve(size_t rows) {
  column_.blank.reserve(rows);
  if (column_.type == ColumnType::kDecimal)
    column_.decimals.reserve(rows);
  else
    column_.ints.reserve(rows);
}

void ColumnBuilder::append_blank() {
  column_.blank.push_back(1);
  if (column_.type == ColumnType::kDecimal)
    column_.decimals.push_back(0);
  else
    column_.ints.push_back(0);
}

void ColumnBuilder::pop_back() {
  column_.blank.pop_back();
  if (column_.type == ColumnType::kDecimal)
    column_.decimals.pop_back();
  else
    column_.ints.pop_back();
}

bool ColumnBuilder::append(std::string_view text, StringPool& pool) {
  const std::string_view s = trim(text);
  if (s.empty()) {
    append_blank();
    return true;
  }
  int32_t v = 0;
  switch (column_.type) {
    case ColumnType::kDecimal: {
      auto d = parse_decimal(s);
      if (!d) return false;
      column_.decimals.push_back(*d);
      column_.blank.push_back(0);
      return true;
    }
    case ColumnType::kDate: {
      auto d = parse_date(s);
      if (!d) return false;
      v = d->days;
      break;
    }
    case ColumnType::kInteger: {
      auto i = parse_integer(s);
      if (!i) return false;
      v = *i;
      break;
    }
    case ColumnType::kBoolean: {
      auto b = parse_boolean(s);
      if (!b) return false;
      v = *b ? 1 : 0;
      break;
    }
    case ColumnType::kCode: v = pool.intern(CodeSet::normalise(s)); break;
    case ColumnType::kString: v = pool.intern(s); break;
  }
  column_.ints.push_back(v);
  column_.blank.push_back(0);
  return true;
}

}  // namespace scorecard::values
