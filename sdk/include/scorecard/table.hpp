// scorecard SDK: the read-only, typed, columnar tables a calculation reads.
// In: filled by the core's dataset loader. Out: read by plugins through Context::table().
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scorecard/date.hpp"
#include "scorecard/metadata.hpp"

namespace scorecard {

namespace core_detail {
struct StringPoolAccess;  // the core's dataset loader, which fills a pool in bulk
}

// Codes and strings are interned: a Code is an index into the run's StringPool, shared by
// every table, so equal text is an equal Code across datasets (CHILD in header == CHILD in
// episodes). Code 0 is the empty string: a blank cell.
using Code = int32_t;
inline constexpr Code kBlankCode = 0;

// The run's interned strings. Codes are stored trimmed and upper-case (DATA.md rule 17);
// identifiers and free strings as written. Not thread-safe for intern(); lookups are.
class StringPool {
 public:
  StringPool() { intern(""); }

  Code intern(std::string_view text) {
    auto it = index_.find(std::string(text));
    if (it != index_.end()) return it->second;
    const Code id = static_cast<Code>(texts_.size());
    texts_.emplace_back(text);
    index_.emplace(texts_.back(), id);
    return id;
  }
  // The Code of `text`, if any cell or lookup ever interned it.
  std::optional<Code> find(std::string_view text) const {
    auto it = index_.find(std::string(text));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  std::string_view text(Code id) const { return texts_.at(static_cast<size_t>(id)); }
  size_t size() const { return texts_.size(); }

 private:
  // The core's loader adds millions of strings at once, in an order that spares the cache;
  // the members and their layout (the plugin ABI) are as they were.
  friend struct core_detail::StringPoolAccess;

  std::vector<std::string> texts_;
  std::unordered_map<std::string, Code> index_;
};

// A small set of codes, resolved once against the pool ("E11", "E12" -> Codes). Codes that
// appear nowhere in the data cannot match a cell and are left out.
class CodeSet {
 public:
  CodeSet() = default;
  CodeSet(const StringPool& pool, const std::vector<std::string>& codes) {
    for (const auto& c : codes) {
      if (auto id = pool.find(normalise(c))) ids_.push_back(*id);
    }
  }
  bool contains(Code c) const {
    for (Code id : ids_)
      if (id == c) return true;
    return false;
  }
  bool empty() const { return ids_.empty(); }

  // Trimmed and upper-case, as codes are stored.
  static std::string normalise(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    std::string out(s);
    for (char& ch : out)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return out;
  }

 private:
  std::vector<Code> ids_;
};

// One typed column. Integer, boolean (0/1), date (day number) and code/string (pool Code)
// cells are in `ints`; decimal cells in `decimals`. `blank[r]` is 1 where the cell was empty;
// the typed accessors then return std::nullopt (or kBlankCode for codes).
struct Column {
  std::string name;
  ColumnType type = ColumnType::kString;
  std::vector<int32_t> ints;
  std::vector<double> decimals;
  std::vector<uint8_t> blank;

  bool is_blank(size_t r) const { return blank[r] != 0; }
  std::optional<Date> date(size_t r) const {
    if (blank[r]) return std::nullopt;
    return Date{ints[r]};
  }
  Code code(size_t r) const { return blank[r] ? kBlankCode : ints[r]; }
  std::optional<int64_t> integer(size_t r) const {
    if (blank[r]) return std::nullopt;
    return ints[r];
  }
  std::optional<bool> flag(size_t r) const {
    if (blank[r]) return std::nullopt;
    return ints[r] != 0;
  }
  std::optional<double> number(size_t r) const {
    if (blank[r]) return std::nullopt;
    return type == ColumnType::kDecimal ? decimals[r] : static_cast<double>(ints[r]);
  }
};

// A dataset as loaded: only the columns some indicator asked for, all of equal length.
// Rows are in file order after duplicates were removed (DATA.md rule 17).
struct Table {
  std::string name;
  size_t rows = 0;
  std::vector<Column> columns;

  const Column* find(std::string_view column) const {
    for (const auto& c : columns)
      if (c.name == column) return &c;
    return nullptr;
  }
  // The column, which the core guarantees when it was declared as a required need.
  const Column& column(std::string_view column) const {
    if (const Column* c = find(column)) return *c;
    throw std::out_of_range("dataset '" + name + "' has no column '" + std::string(column) +
                            "' (declare it in the indicator's data needs)");
  }
};

}  // namespace scorecard
