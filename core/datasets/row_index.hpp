// datasets (internal): hashing of rows and an index from a 32-bit hash tag to row numbers, used
// to find identical rows and earlier versions of a key without storing any row's text.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "core/values/huge_pages.hpp"

namespace scorecard::datasets::detail {

inline uint64_t hash_step(uint64_t h, uint64_t word) {
  h ^= word;
  h *= 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

// MurmurHash3's finaliser: every input bit affects every output bit.
inline uint64_t hash_finish(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

// ASCII a-z to A-Z in the 8 bytes of `w`, other bytes unchanged.
inline uint64_t upper8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const uint64_t low7 = w & ~kHigh;
  const uint64_t ge_a = low7 + kOnes * (0x80 - 'a');
  const uint64_t gt_z = low7 + kOnes * (0x80 - 'z' - 1);
  const uint64_t lower = ge_a & ~gt_z & ~w & kHigh;
  return w ^ (lower >> 2);
}

// Folds `text` (upper-cased when `upper`) into `h`.
inline uint64_t hash_text(uint64_t h, std::string_view text, bool upper) {
  const char* p = text.data();
  size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = hash_step(h, upper ? upper8(w) : w);
  }
  uint64_t w = 0;
  std::memcpy(&w, p, n);
  return hash_step(h, (upper ? upper8(w) : w) ^ (uint64_t{text.size()} << 56));
}

inline uint32_t fold(uint64_t h) { return static_cast<uint32_t>(h ^ (h >> 32)); }

// Open addressing, linear probing: slots of (tag, row + 1), 0 = empty. Equal tags are
// candidates only; the caller confirms each with an exact comparison.
class RowIndex {
 public:
  void reserve(size_t rows) {
    size_t capacity = 16;
    while (capacity * 7 < rows * 10) capacity <<= 1;
    if (capacity > slots_.size()) rehash(capacity);
  }

  // The first row stored under `tag` for which `same(row)` is true.
  template <class Same>
  std::optional<uint32_t> find(uint32_t tag, Same&& same) const {
    if (slots_.empty()) return std::nullopt;
    for (size_t i = tag & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row == 0) return std::nullopt;
      if (s.tag == tag && same(s.row - 1)) return s.row - 1;
    }
  }

  void insert(uint32_t tag, uint32_t row) {
    if ((size_ + 1) * 10 > slots_.size() * 7) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    place(tag, row + 1);
    ++size_;
  }

  // Points the slot of `old_row` under `tag` at `new_row`.
  void replace(uint32_t tag, uint32_t old_row, uint32_t new_row) {
    for (size_t i = tag & mask_; slots_[i].row != 0; i = (i + 1) & mask_)
      if (slots_[i].tag == tag && slots_[i].row == old_row + 1) {
        slots_[i].row = new_row + 1;
        return;
      }
  }

  void prefetch(uint32_t tag) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[tag & mask_]);
  }

 private:
  struct Slot {
    uint32_t tag = 0, row = 0;
  };

  void place(uint32_t tag, uint32_t row_plus_one) {
    size_t i = tag & mask_;
    while (slots_[i].row != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{tag, row_plus_one};
  }

  void rehash(size_t capacity) {
    std::vector<Slot, values::HugePageAllocator<Slot>> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& s : old)
      if (s.row != 0) place(s.tag, s.row);
  }

  std::vector<Slot, values::HugePageAllocator<Slot>> slots_;  // random access: 2 MB pages
  size_t mask_ = 0, size_ = 0;
};

}  // namespace scorecard::datasets::detail
