#include "core/values/string_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace scorecard::values {
namespace {

uint64_t mix(uint64_t h, uint64_t word) {
  h ^= word;
  h *= 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 32);
}

}  // namespace

StringTable::StringTable() {
  slots_.assign(64, 0);
  mask_ = slots_.size() - 1;
  intern(std::string_view());
}

uint64_t StringTable::hash(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t h = 0x2545F4914F6CDD1Dull ^ n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h, w);
  }
  uint64_t w = 0;
  if (n > 0) std::memcpy(&w, p, n);
  h = mix(h, w);
  // MurmurHash3's finaliser: the slot and the tag (the high bits) depend on every input bit.
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

Code StringTable::add(std::string_view text, uint32_t high, size_t slot) {
  constexpr size_t kChunk = size_t{1} << kChunkBits, kUnit = size_t{1} << kUnitBits;
  const size_t bytes = (sizeof(Record) + text.size() + kUnit - 1) & ~(kUnit - 1);
  if (chunks_.empty() || used_ + bytes > last_chunk_size_) {
    if (chunks_.size() >= (size_t{1} << (32 - kPlaceBits)))
      throw std::length_error("more than 16 GB of distinct strings");
    last_chunk_size_ = std::max(kChunk, bytes);
    chunks_.push_back(std::make_unique<char[]>(last_chunk_size_));
    used_ = chunks_.size() == 1 ? kUnit : 0;  // place 0 is never a record: slot 0 is empty
  }
  auto* r = reinterpret_cast<Record*>(chunks_.back().get() + used_);
  const uint32_t place =
      static_cast<uint32_t>((chunks_.size() - 1) << kPlaceBits | used_ >> kUnitBits);
  used_ += bytes;
  r->code = static_cast<Code>(offsets_.size());
  r->size = static_cast<uint32_t>(text.size());
  if (!text.empty()) std::memcpy(reinterpret_cast<char*>(r + 1), text.data(), text.size());
  offsets_.push_back(place);
  slots_[slot] = uint64_t{high} << 32 | place;
  if (offsets_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);  // load at most 1/2
  return r->code;
}

// Slots are moved in their order, reading no record: the writes go to nearby slots too.
void StringTable::rehash(size_t capacity) {
  std::vector<uint64_t, HugePageAllocator<uint64_t>> old(capacity, 0);
  old.swap(slots_);
  mask_ = capacity - 1;
  for (const uint64_t s : old) {
    if (s == 0) continue;
    size_t i = (s >> 32) & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

void StringTable::reserve(size_t strings) {
  offsets_.reserve(strings);
  size_t capacity = slots_.size();
  while (capacity < strings * 2) capacity *= 2;
  if (capacity > slots_.size()) rehash(capacity);
}

void StringTable::shrink_index() {
  size_t capacity = 64;
  while (capacity * 7 < size() * 8) capacity *= 2;
  if (capacity < slots_.size()) rehash(capacity);
}

std::vector<Code> StringTable::merge(const StringTable& other) {
  const size_t n = other.size();
  std::vector<Code> codes(n);
  reserve(size() + n);  // at most all new: no growing midway
  // The other table's strings are hashed a few ahead of their lookup, so that the slot each
  // needs is on its way from memory meanwhile (most are cache misses in a large table).
  constexpr size_t kAhead = 16;
  uint64_t hashes[kAhead];
  auto hash_of = [&](size_t i) { return hash(other.text(static_cast<Code>(i))); };
  for (size_t i = 0; i < n && i < kAhead; ++i) {
    hashes[i] = hash_of(i);
    prefetch(hashes[i]);
  }
  for (size_t i = 0; i < n; ++i) {
    const uint64_t h = hashes[i % kAhead];
    if (i + kAhead < n) {
      const uint64_t next = hash_of(i + kAhead);
      hashes[i % kAhead] = next;
      prefetch(next);
    }
    codes[i] = intern(other.text(static_cast<Code>(i)), h);
  }
  return codes;
}

}  // namespace scorecard::values
