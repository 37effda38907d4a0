// scorecard SDK: the read-only, typed, columnar tables a calculation reads.
// In: filled by the core's dataset loader. Out: read by plugins through Context::table().
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scorecard/abi.h"
#include "scorecard/date.hpp"
#include "scorecard/metadata.hpp"
#include "scorecard/span.hpp"

namespace scorecard {

// A column's cells: a std::vector where the host (the core, the testing kit) owns them, or a
// read-only view of the host's array where a plugin reads them across the C boundary. Read it
// as a vector: size(), [], iteration, data(); only the host appends to it.
template <typename T>
class Array : public std::vector<T> {
 public:
  using std::vector<T>::vector;
  Array() = default;
  Array(std::vector<T> v) : std::vector<T>(std::move(v)) {}  // NOLINT: implicit, as a vector
  // A view of `size` elements at `data`, which must outlive it.
  static Array view(const T* data, size_t size) {
    Array a;
    a.view_ = data;
    a.view_size_ = size;
    a.is_view_ = true;
    return a;
  }
  bool is_view() const { return is_view_; }

  size_t size() const { return is_view_ ? view_size_ : std::vector<T>::size(); }
  bool empty() const { return size() == 0; }
  const T* data() const { return is_view_ ? view_ : std::vector<T>::data(); }
  const T& operator[](size_t i) const { return data()[i]; }
  T& operator[](size_t i) { return std::vector<T>::operator[](i); }  // owned only
  const T& at(size_t i) const {
    if (i >= size()) throw std::out_of_range("cell index out of range");
    return data()[i];
  }
  const T& front() const { return data()[0]; }
  const T& back() const { return data()[size() - 1]; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  typename std::vector<T>::iterator begin() { return std::vector<T>::begin(); }  // owned only
  typename std::vector<T>::iterator end() { return std::vector<T>::end(); }      // owned only

 private:
  const T* view_ = nullptr;
  size_t view_size_ = 0;
  bool is_view_ = false;
};

// Codes and strings are interned: a Code is an index into the run's StringPool, shared by
// every table, so equal text is an equal Code across datasets (CHILD in header == CHILD in
// episodes). Code 0 is the empty string: a blank cell.
using Code = int32_t;
inline constexpr Code kBlankCode = 0;

// Texts fixed once made, each with its Code (0..size()-1; Code 0 the empty string): what a
// StringPool can be built over, so that a host holding millions of strings in its own layout
// (the core's dataset loader) gives them to the pool without copying them. Lookups must be
// safe from many threads at once.
class StringStore {
 public:
  virtual ~StringStore() = default;
  virtual size_t size() const = 0;
  virtual std::string_view text(Code code) const = 0;  // 0 <= code < size()
  virtual std::optional<Code> find(std::string_view text) const = 0;
};

// The run's interned strings. Codes are stored trimmed and upper-case (DATA.md rule 17);
// identifiers and free strings as written. Not thread-safe for intern(); lookups are.
//
// A plugin sees the host's pool through the C boundary (the second constructor), never this
// class's members, so its layout is not part of the plugin ABI.
class StringPool {
 public:
  StringPool() { intern(""); }
  // The host's dictionary, read through the C boundary (what a plugin's Context::strings()
  // is). `host` and `ctx` must outlive it; intern() is not available on it.
  StringPool(const scorecard_host_api* host, scorecard_context* ctx) : host_(host), ctx_(ctx) {}

  // The pool's texts become those of `store`, with its Codes, which must begin with this
  // pool's texts in Code order (a store made as a copy of the pool, then added to); texts
  // interned afterwards take the Codes after the store's. Not on a host's pool.
  void adopt(std::shared_ptr<const StringStore> store) {
    if (host_) throw std::logic_error("the run's strings cannot be added to by a plugin");
    bool begins = store && store->size() >= size() && store->size() > 0 && store->text(0).empty();
    for (size_t i = 0; begins && i < texts_.size(); ++i)
      begins = store->text(static_cast<Code>(base_size_ + i)) == texts_[i];
    if (!begins) throw std::logic_error("a string store must begin with the pool's own strings");
    base_size_ = store->size();
    base_ = std::move(store);
    texts_.clear();
    index_.clear();
  }

  Code intern(std::string_view text) {
    if (host_) throw std::logic_error("the run's strings cannot be added to by a plugin");
    if (base_)
      if (auto found = base_->find(text)) return *found;
    auto it = index_.find(std::string(text));
    if (it != index_.end()) return it->second;
    const Code id = static_cast<Code>(base_size_ + texts_.size());
    texts_.emplace_back(text);
    index_.emplace(texts_.back(), id);
    return id;
  }
  // The Code of `text`, if any cell or lookup ever interned it.
  std::optional<Code> find(std::string_view text) const {
    if (host_) {
      Code code = 0;
      if (!host_->find_code(ctx_, {text.data(), text.size()}, &code)) return std::nullopt;
      return code;
    }
    if (base_)
      if (auto found = base_->find(text)) return found;
    auto it = index_.find(std::string(text));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  std::string_view text(Code id) const {
    if (host_) {
      const scorecard_str t = host_->text(ctx_, id);
      return {t.data, t.size};
    }
    if (id >= 0 && static_cast<size_t>(id) < base_size_) return base_->text(id);
    return texts_.at(static_cast<size_t>(id) - base_size_);
  }
  size_t size() const { return host_ ? host_->code_count(ctx_) : base_size_ + texts_.size(); }
  // The codes of many texts at once (std::nullopt where absent).
  std::vector<std::optional<Code>> find_all(const std::vector<std::string>& texts) const {
    std::vector<std::optional<Code>> out(texts.size());
#if SCORECARD_ABI_MINOR >= 1
    if (host_ &&
        host_->struct_size >= offsetof(scorecard_host_api, find_codes) + sizeof host_->find_codes) {
      std::vector<scorecard_str> in;
      for (const auto& t : texts) in.push_back({t.data(), t.size()});
      std::vector<int32_t> codes(texts.size(), -1);
      host_->find_codes(ctx_, in.data(), in.size(), codes.data());
      for (size_t i = 0; i < codes.size(); ++i)
        if (codes[i] >= 0) out[i] = codes[i];
      return out;
    }
#endif
    for (size_t i = 0; i < texts.size(); ++i) out[i] = find(texts[i]);
    return out;
  }

 private:
  std::shared_ptr<const StringStore> base_;  // Codes 0..base_size_-1, when adopted
  size_t base_size_ = 0;
  std::vector<std::string> texts_;  // Codes base_size_.., in order
  std::unordered_map<std::string, Code> index_;
  const scorecard_host_api* host_ = nullptr;
  scorecard_context* ctx_ = nullptr;
};

// A small set of codes, resolved once against the pool ("E11", "E12" -> Codes). Codes that
// appear nowhere in the data cannot match a cell and are left out.
class CodeSet {
 public:
  CodeSet() = default;
  CodeSet(const StringPool& pool, const std::vector<std::string>& codes) {
    std::vector<std::string> normalised;
    for (const auto& c : codes) normalised.push_back(normalise(c));
    for (const auto& id : pool.find_all(normalised))
      if (id) ids_.push_back(*id);
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
  Array<int32_t> ints;
  Array<double> decimals;
  Array<uint8_t> blank;

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

// A table's rows grouped by the Code in one of its code or string columns (Context::rows_by):
// of(c) is the rows whose cell holds c, in row order; a blank cell is in no group. Built once
// per run by the core and shared by every indicator that asks for the same grouping, so that
// "each child's visits" is one counting sort for the run, not one per indicator.
class RowGroups {
 public:
  Span<uint32_t> of(Code code) const {
    const auto c = static_cast<size_t>(static_cast<int64_t>(code) - base_);
    if (code < base_ || c + 1 >= first_.size()) return {};
    return Span<uint32_t>(rows_.data() + first_[c], first_[c + 1] - first_[c]);
  }
  // The grouping as the C boundary hands it over (a plugin's Context::rows_by()).
  static RowGroups view(const scorecard_row_groups& g) {
    RowGroups out;
    out.first_ = Span<uint32_t>(g.first, g.first_count);
    out.rows_ = Span<uint32_t>(g.rows, g.row_count);
    out.base_ = g.first_code;
    return out;
  }
  // This grouping for the C boundary (a host's row_groups()). Valid while this lives.
  scorecard_row_groups c_view() const {
    return {first_.data(), first_.size(), rows_.data(), rows_.size(), base_};
  }

  // The grouping of a context's dataset (nullptr when not loaded), for Context::rows_by:
  // throws std::runtime_error saying what is missing.
  static RowGroups build(const Table* table, std::string_view dataset, std::string_view column) {
    if (!table)
      throw std::runtime_error("dataset '" + std::string(dataset) +
                               "' is not loaded (declare it in the indicator's data needs)");
    const Column* c = table->find(column);
    if (!c)
      throw std::runtime_error("dataset '" + std::string(dataset) + "' has no column '" +
                               std::string(column) +
                               "' (declare it in the indicator's data needs)");
    try {
      return build(*table, *c);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(e.what());
    }
  }

  // A counting sort of the rows by their Code: two passes over the column. Throws
  // std::invalid_argument for a column that holds no Codes, or a table too large to number
  // its rows in 32 bits.
  static RowGroups build(const Table& table, const Column& column) {
    if (column.type != ColumnType::kCode && column.type != ColumnType::kString)
      throw std::invalid_argument("rows can be grouped only by a code or string column, and " +
                                  table.name + "." + column.name + " is neither");
    if (table.rows >= UINT32_MAX)
      throw std::invalid_argument(table.name + " has too many rows to group");
    auto store = std::make_shared<Storage>();
    // Only the codes from the column's smallest to its largest have an entry (a child's
    // identifiers are a small part of a run's millions of codes).
    Code low = 0, high = -1;
    size_t grouped = 0;
    for (size_t r = 0; r < table.rows; ++r)
      if (!column.is_blank(r)) {
        const Code c = column.ints[r];
        if (grouped++ == 0) low = high = c;
        low = std::min(low, c);
        high = std::max(high, c);
      }
    auto slot = [low](Code c) { return static_cast<size_t>(c - low) + 1; };
    std::vector<uint32_t>& first = store->first;
    first.assign(grouped ? static_cast<size_t>(high - low) + 2 : 1, 0);
    for (size_t r = 0; r < table.rows; ++r)
      if (!column.is_blank(r)) ++first[slot(column.ints[r])];
    for (size_t c = 1; c < first.size(); ++c) first[c] += first[c - 1];
    // Placed from the last row back at the end of each group, so that each group's rows end
    // in row order and first[i + 1] is moved down to its group's start (no second array).
    store->rows.resize(grouped);
    for (size_t r = table.rows; r-- > 0;)
      if (!column.is_blank(r))
        store->rows[--first[slot(column.ints[r])]] = static_cast<uint32_t>(r);
    // first[i + 1] is now the start of group i: shift by one.
    first.erase(first.begin());
    first.push_back(static_cast<uint32_t>(grouped));
    RowGroups out;
    out.first_ = Span<uint32_t>(first.data(), first.size());
    out.rows_ = Span<uint32_t>(store->rows.data(), store->rows.size());
    out.base_ = low;
    out.store_ = std::move(store);
    return out;
  }

 private:
  struct Storage {
    std::vector<uint32_t> first, rows;
  };
  Span<uint32_t> first_, rows_;
  Code base_ = 0;                         // the code of first_[0]
  std::shared_ptr<const Storage> store_;  // empty for a view
};

}  // namespace scorecard
