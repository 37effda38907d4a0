#include "core/values/column_builder.hpp"

#include <cstring>
#include <functional>

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

namespace {

bool same_text(const StringPool& pool, Code code, std::string_view text) {
  if (code < 0 || static_cast<size_t>(code) >= pool.size()) return false;
  const std::string_view t = pool.text(code);
  if (t.size() != text.size()) return false;
  for (size_t i = 0; i < t.size(); ++i)  // codes and ids are short: cheaper than calling memcmp
    if (t[i] != text[i]) return false;
  return true;
}

}  // namespace

Code ColumnBuilder::intern(std::string_view text, StringPool& pool) {
  if (same_text(pool, last_, text)) return last_;  // sorted extracts repeat CHILD row after row
  if (cache_.empty()) cache_.resize(64);
  const size_t hash = std::hash<std::string_view>{}(text);
  size_t mask = cache_.size() - 1, i = hash & mask;
  for (; cache_[i].code >= 0; i = (i + 1) & mask)
    if (cache_[i].hash == hash && same_text(pool, cache_[i].code, text))
      return last_ = cache_[i].code;
  last_ = pool.intern(text);
  if (cached_ * 2 >= kCacheSlots) return last_;  // full: many distinct values (identifiers)
  if ((cached_ + 1) * 2 > cache_.size()) {       // grow, then find the free slot again
    std::vector<CacheSlot> old(cache_.size() * 2);
    old.swap(cache_);
    mask = cache_.size() - 1;
    for (const CacheSlot& c : old) {
      if (c.code < 0) continue;
      size_t j = c.hash & mask;
      while (cache_[j].code >= 0) j = (j + 1) & mask;
      cache_[j] = c;
    }
    for (i = hash & mask; cache_[i].code >= 0;) i = (i + 1) & mask;
  }
  cache_[i] = CacheSlot{hash, last_};
  ++cached_;
  return last_;
}

Code ColumnBuilder::intern(std::string_view text, StringTable& strings) {
  if (last_ >= 0) {  // sorted extracts repeat CHILD row after row
    const std::string_view t = strings.text(last_);
    if (t.size() == text.size() && StringTable::same_bytes(t.data(), text.data(), t.size()))
      return last_;
  }
  if (column_.type == ColumnType::kCode && !text.empty() && text.size() <= 8) {
    uint64_t bytes = 0;
    std::memcpy(&bytes, text.data(), text.size());
    ShortCode& slot =
        short_codes_[((bytes ^ text.size()) * 0x9E3779B97F4A7C15ull) >> 58];  // 64 slots
    if (slot.size == text.size() && slot.bytes == bytes) return last_ = slot.code;
    last_ = strings.intern(text);
    slot = ShortCode{bytes, static_cast<uint32_t>(text.size()), last_};
    return last_;
  }
  return last_ = strings.intern(text);
}

template <class Strings>
Code ColumnBuilder::code_of(std::string_view s, Strings& pool) {
  if (column_.type != ColumnType::kCode) return intern(s, pool);
  char upper[32];  // CodeSet::normalise without allocating, for the usual short code
  if (s.size() > sizeof upper) return intern(CodeSet::normalise(s), pool);
  for (size_t k = 0; k < s.size(); ++k)
    upper[k] = s[k] >= 'a' && s[k] <= 'z' ? static_cast<char>(s[k] - 'a' + 'A') : s[k];
  return intern(std::string_view(upper, s.size()), pool);
}

void ColumnBuilder::append_text(std::string_view trimmed, StringTable& strings) {
  column_.ints.push_back(code_of(trimmed, strings));
  column_.blank.push_back(0);
}

template <class Strings>
bool ColumnBuilder::append_to(std::string_view text, Strings& pool) {
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
    case ColumnType::kCode:
    case ColumnType::kString: v = code_of(s, pool); break;
  }
  column_.ints.push_back(v);
  column_.blank.push_back(0);
  return true;
}

bool ColumnBuilder::append_cells(const std::string_view* cells, size_t n, bool required) {
  if (column_.type == ColumnType::kCode || column_.type == ColumnType::kString)
    return false;  // they intern: the loader appends them one by one (append_text)
  if (n == 0) return true;
  const size_t at = column_.blank.size();
  size_t good = 0;
  if (column_.type == ColumnType::kDecimal) {
    for (; good < n; ++good) {
      const std::string_view s = trim(cells[good]);
      if (s.empty()) {
        if (required) return false;
        append_blank();
        continue;
      }
      const auto d = parse_decimal(s);
      if (!d) return false;
      column_.decimals.push_back(*d);
      column_.blank.push_back(0);
    }
    return true;
  }
  column_.ints.resize(at + n);
  column_.blank.resize(at + n);
  int32_t* values = &column_.ints[at];
  uint8_t* blank = &column_.blank[at];
  switch (column_.type) {
    case ColumnType::kDate: good = parse_dates(cells, n, values, blank); break;
    case ColumnType::kInteger: good = parse_integers(cells, n, values, blank); break;
    default: good = parse_booleans(cells, n, values, blank); break;
  }
  if (required)
    for (size_t r = 0; r < good; ++r)
      if (blank[r]) good = r;
  column_.ints.resize(at + good);
  column_.blank.resize(at + good);
  return good == n;
}

bool ColumnBuilder::append(std::string_view text, StringPool& pool) {
  return append_to(text, pool);
}

bool ColumnBuilder::append(std::string_view text, StringTable& strings) {
  return append_to(text, strings);
}

}  // namespace scorecard::values
