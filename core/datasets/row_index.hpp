// datasets (internal): hashing of rows and an index from a 32-bit hash tag to row numbers, used
// to find identical rows and earlier versions of a key without storing any row's text.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
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

// Where each row came from (file index << 48 | byte offset), 4 bytes a row: the low 32 bits,
// and the high 32 bits each time they change (a new file, or every 4 GB of one).
class OriginLog {
 public:
  void push_back(uint64_t origin) {
    const auto high = static_cast<uint32_t>(origin >> 32);
    if (highs_.empty() || highs_.back().second != high)
      highs_.emplace_back(static_cast<uint32_t>(low_.size()), high);
    low_.push_back(static_cast<uint32_t>(origin));
  }
  uint64_t operator[](size_t row) const {
    auto it = std::upper_bound(highs_.begin(), highs_.end(), row,
                               [](size_t r, const auto& h) { return r < h.first; });
    return uint64_t{std::prev(it)->second} << 32 | low_[row];
  }
  void reserve(size_t rows) { low_.reserve(rows); }
  void clear() {
    std::vector<uint32_t>().swap(low_);
    highs_.clear();
  }

 private:
  std::vector<uint32_t> low_;
  std::vector<std::pair<uint32_t, uint32_t>> highs_;  // (first row, high bits)
};

// The identity hashes of rows without a key, for finding duplicates once the dataset is read.
// A table probed row by row would be a cache miss per row (tens of millions at national
// scale); instead each (hash, row) is appended to one of 256 partitions by its top bits (a
// few streams written in order: with 1024 the stores waited on memory, each stream's line
// evicted before it was full) and each partition is searched at the end.
// An entry keeps 40 bits of the hash (the partition's 8 and the low 32), in 8 bytes with its
// row: 45 million visits take 360 MB, not 540, at the height of the load. Rows whose 40 bits
// are equal are compared exactly (DatasetLoader::drop_duplicates), so a hash that matches by
// chance (about a thousand pairs among 45 million rows) costs one comparison, never a row.
class IdentityLog {
 public:
  void add(uint64_t hash, uint32_t row) {
    Stream& s = streams_[hash >> (64 - kBits)];
    if (s.cursor == s.limit) grow(hash >> (64 - kBits));
    *s.cursor++ = Entry{row, static_cast<uint32_t>(hash)};
  }

  // Calls found(first, later) for each row `later` whose hash equals that of an earlier row
  // `first` in the 40 bits kept (the earliest such row), partition by partition, rows in order.
  template <class Found>
  void find_equal_hashes(Found&& found) const {
    std::vector<uint32_t> slots;  // entry + 1, 0 = empty
    std::vector<const Entry*> entries;
    for (size_t p = 0; p < streams_.size(); ++p) {
      const Partition& part = partitions_[p];
      if (part.blocks.empty()) continue;
      entries.clear();
      for (size_t b = 0; b < part.blocks.size(); ++b) {
        const Entry* begin = part.blocks[b].get();
        const Entry* end = b + 1 < part.blocks.size() ? begin + block_size(b) : streams_[p].cursor;
        for (const Entry* e = begin; e < end; ++e) entries.push_back(e);
      }
      size_t capacity = 16;
      while (capacity < entries.size() * 2) capacity <<= 1;
      slots.assign(capacity, 0);
      const size_t mask = capacity - 1;
      for (uint32_t e = 0; e < entries.size(); ++e) {
        const Entry& x = *entries[e];
        for (size_t i = x.low & mask;; i = (i + 1) & mask) {
          if (slots[i] == 0) {
            slots[i] = e + 1;
            break;
          }
          const Entry& y = *entries[slots[i] - 1];
          if (y.low == x.low) {
            found(y.row, x.row);
            break;
          }
        }
      }
    }
  }

 private:
  static constexpr int kBits = 8;
  static constexpr size_t kFirstBlock = 64, kMaxBlock = 8192;
  struct Entry {
    uint32_t row, low;  // low: the hash's low 32 bits (its top 8 are the partition's)
  };
  static_assert(sizeof(Entry) == 8, "an identity entry is 8 bytes");
  // The write position of each partition, apart from its blocks, so that an add touches one
  // small array and the block being written.
  struct Stream {
    Entry* cursor = nullptr;
    Entry* limit = nullptr;
  };
  struct Partition {
    std::vector<std::unique_ptr<Entry[]>> blocks;  // 64, 128, ... then 8192 entries each
  };
  static size_t block_size(size_t b) {
    return b >= 7 ? kMaxBlock : kFirstBlock << b;  // 64 << 7 = 8192
  }
  void grow(size_t p) {
    Partition& part = partitions_[p];
    const size_t n = block_size(part.blocks.size());
    part.blocks.emplace_back(new Entry[n]);
    streams_[p] = Stream{part.blocks.back().get(), part.blocks.back().get() + n};
  }

  std::array<Stream, size_t{1} << kBits> streams_;
  std::array<Partition, size_t{1} << kBits> partitions_;
};

}  // namespace scorecard::datasets::detail
