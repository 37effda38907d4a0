// values: the loader's own dictionary of strings, much faster than the SDK's StringPool.
// In: cell text, one at a time (or another table's strings, merged in bulk). Out: a Code per
// distinct text, in order of first appearance, exactly as StringPool::intern() would number
// them; the texts stay at fixed addresses for the table's life.
//
// StringPool's own index is an unordered_map of std::string: a node and a cache miss or two
// per string. The loader interns into a StringTable per dataset instead, on its own thread;
// the run then merges the tables into one in dataset order, so its Codes are those a
// sequential load would give, and the run's pool adopts that table as it is (FrozenStrings,
// StringPool::adopt): the strings are neither copied nor indexed again.
#pragma once

#include <cassert>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/values/huge_pages.hpp"
#include "scorecard/table.hpp"

namespace scorecard::values {

class StringTable {
 public:
  // Code 0 is the empty string, as in StringPool.
  StringTable();

  static uint64_t hash(std::string_view text);

  // The Code of `text` (`h` = hash(text)), adding it when new.
  Code intern(std::string_view text) { return intern(text, hash(text)); }
  Code intern(std::string_view text, uint64_t h) {
    assert(!slots_.empty() && "interning into a table whose index was released");
    const uint32_t high = static_cast<uint32_t>(h >> 32);
    for (size_t i = high & mask_;; i = (i + 1) & mask_) {
      const uint64_t s = slots_[i];
      if (s == 0) return add(text, high, i);
      if ((s >> 32) == high) {
        const Record* r = record(static_cast<uint32_t>(s));
        if (same(r, text)) return r->code;
      }
    }
  }
  // The Code of `text`, or -1.
  Code find(std::string_view text, uint64_t h) const {
    assert(!slots_.empty() && "a lookup in a table whose index was released");
    const uint32_t high = static_cast<uint32_t>(h >> 32);
    for (size_t i = high & mask_;; i = (i + 1) & mask_) {
      const uint64_t s = slots_[i];
      if (s == 0) return -1;
      if ((s >> 32) == high) {
        const Record* r = record(static_cast<uint32_t>(s));
        if (same(r, text)) return r->code;
      }
    }
  }
  // Brings the slot of hash `h` into the cache ahead of an intern() or find().
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[(h >> 32) & mask_]); }

  std::string_view text(Code code) const {
    const Record* r = record(offsets_[static_cast<size_t>(code)]);
    return {r->chars(), r->size};
  }
  size_t size() const { return offsets_.size(); }
  // The number of slots in the index (8 bytes each).
  size_t index_size() const { return slots_.size(); }

  // Merges `other` into this table: other's strings in their order, each added when new.
  // Returns the Code here of each of other's Codes.
  std::vector<Code> merge(const StringTable& other);

  // Room for `strings` strings without growing.
  void reserve(size_t strings);

  // Shrinks the index to the smallest that holds the strings at most 7/8 full, for a table
  // that is looked up from now on and rarely added to (the run's, once loaded): a lookup
  // probes a few more slots, and at national scale (14 million strings) the index is 128 MB,
  // not 256. Adding a string afterwards grows it back to at most half full.
  void shrink_index();

  // Frees the index (the slots), keeping the strings: a table that is only read from now on
  // (text(), size(), merged into another table) needs no index, and at national scale a
  // dataset's is a few hundred MB at the height of the load. Afterwards nothing may be added
  // to it or looked up in it: no intern(), find(), reserve() or merge() into it.
  void release_index() {
    decltype(slots_)().swap(slots_);
    mask_ = 0;
  }

  // Equal bytes, without a call for the short texts codes and identifiers are.
  static bool same_bytes(const char* a, const char* b, size_t n) {
    for (; n >= 8; a += 8, b += 8, n -= 8) {
      uint64_t x, y;
      std::memcpy(&x, a, 8);
      std::memcpy(&y, b, 8);
      if (x != y) return false;
    }
    for (; n > 0; ++a, ++b, --n)
      if (*a != *b) return false;
    return true;
  }

 private:
  // A string in the arena: its Code and size, then its bytes.
  struct Record {
    Code code;
    uint32_t size;
    const char* chars() const { return reinterpret_cast<const char*>(this + 1); }
  };
  // The arena is chunks of 1 MB; a record's place is a 32-bit number: the chunk, then the
  // position in 4-byte units. A slot is 0 (empty) or the high 32 bits of the string's hash
  // (which also chose the slot) above its record's place: growing the table never reads a
  // record, and most mismatches are told apart without reading one.
  static constexpr unsigned kChunkBits = 20, kUnitBits = 2;
  static constexpr unsigned kPlaceBits = kChunkBits - kUnitBits;

  const Record* record(uint32_t place) const {
    return reinterpret_cast<const Record*>(chunks_[place >> kPlaceBits].get() +
                                           (size_t{place & ((1u << kPlaceBits) - 1)} << kUnitBits));
  }
  static bool same(const Record* r, std::string_view text) {
    return r->size == text.size() && same_bytes(r->chars(), text.data(), text.size());
  }

  Code add(std::string_view text, uint32_t high, size_t slot);
  void rehash(size_t capacity);

  std::vector<uint64_t, HugePageAllocator<uint64_t>> slots_;
  size_t mask_ = 0;
  std::vector<uint32_t> offsets_;  // record place by Code
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;  // bytes used in the last chunk
  size_t last_chunk_size_ = 0;
};

// A table's strings as the run's pool reads them (StringPool::adopt): lookups only, safe from
// many threads.
class FrozenStrings final : public StringStore {
 public:
  explicit FrozenStrings(StringTable table) : table_(std::move(table)) { table_.shrink_index(); }
  size_t size() const override { return table_.size(); }
  std::string_view text(Code code) const override { return table_.text(code); }
  std::optional<Code> find(std::string_view text) const override {
    const Code code = table_.find(text, StringTable::hash(text));
    if (code < 0) return std::nullopt;
    return code;
  }

 private:
  StringTable table_;
};

}  // namespace scorecard::values
