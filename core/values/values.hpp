// values: turns one CSV cell's text into a typed value, as DATA.md writes them.
// In: the cell's text. Out: the value, or std::nullopt when the text is not of that type.
// Blank cells are the caller's business: these functions expect non-blank text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scorecard/date.hpp"
#include "scorecard/metadata.hpp"

namespace scorecard::values {

// "dd/mm/yyyy" (the DfE layout; d/m/yyyy accepted) or ISO "yyyy-mm-dd"; a real calendar date.
std::optional<Date> parse_date(std::string_view text);
// A whole number that fits 32 bits, optional sign.
std::optional<int32_t> parse_integer(std::string_view text);
// A finite decimal number ("12.5", "-3", "1e3"); no thousands separators, no "nan" or "inf",
// nothing beyond the range of a double ("1e999").
std::optional<double> parse_decimal(std::string_view text);
// 0/1, true/false, yes/no, y/n (any case).
std::optional<bool> parse_boolean(std::string_view text);

// Surrounding spaces and tabs removed. Inline: called for every cell, and most have none.
inline std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// A column's cells at a time, as the functions above read each one: cell r's value in
// values[r], or blank[r] = 1 (and values[r] = 0) when it is empty or spaces. Return the first
// r whose text is not of the type, or n when every cell is; values and blank past it are
// unspecified. The loader's typed columns go through these, a loop per type.
size_t parse_dates(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank);
size_t parse_integers(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank);
size_t parse_booleans(const std::string_view* cells, size_t n, int32_t* values, uint8_t* blank);

// What a type expects, for messages: "a date (dd/mm/yyyy or yyyy-mm-dd)".
std::string expected(ColumnType type);

}  // namespace scorecard::values
