// demo: the random streams every part of the simulation draws from, and the small helpers
// for drawing from tables of weights and durations. Header only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scorecard/date.hpp"

namespace scorecard::demo {

// Random numbers: xoshiro256** seeded through splitmix64, drawn only with integer arithmetic
// and exact double comparisons, so a seed gives the same files with any compiler or library.

constexpr uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// What a random stream is for; each thing of a kind has its own stream, by its number.
enum Stream : uint64_t {
  kGeography = 1,
  kSettings,
  kWorkforce,
  kFamily,
  kChildInNeed,
  kSchool,
  kCarer,
  kFutureEntrant,
};

class Random {
 public:
  Random(uint64_t seed, Stream stream, uint64_t index) {
    uint64_t x = splitmix(splitmix(splitmix(seed) ^ stream) ^ index);
    for (uint64_t& s : state_) s = x = splitmix(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  // A whole number in [0, n); 0 when n < 1.
  long below(long n) { return n < 1 ? 0 : static_cast<long>(next() % static_cast<uint64_t>(n)); }
  // A whole number in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(long{hi} - lo + 1)); }
  // True with probability p.
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

template <typename T>
struct Weighted {
  T value;
  int weight;
};

template <typename T, size_t N>
T pick(Random& r, const Weighted<T> (&table)[N]) {
  long total = 0;
  for (const auto& w : table) total += w.weight;
  long x = r.below(total);
  for (const auto& w : table) {
    if (x < w.weight) return w.value;
    x -= w.weight;
  }
  return table[N - 1].value;
}

// A duration: with relative weight `weight`, a whole number of days in [lo, hi].
struct Days {
  int weight, lo, hi;
};

template <size_t N>
int pick_days(Random& r, const Days (&table)[N]) {
  long total = 0;
  for (const auto& d : table) total += d.weight;
  long x = r.below(total);
  for (const auto& d : table) {
    if (x < d.weight) return r.between(d.lo, d.hi);
    x -= d.weight;
  }
  return table[N - 1].hi;
}

using Code = const char*;

inline Date after(Random& r, Date d, int lo, int hi) { return d.add_days(r.between(lo, hi)); }

// The day someone born on `dob` turns `years` (29 February: 1 March in a non-leap year).
inline Date birthday(Date dob, int years) {
  const Date::Ymd b = dob.ymd();
  const int y = b.year + years;
  if (b.month == 2 && b.day == 29 && !Date::is_leap(y)) return Date::from_ymd(y, 3, 1);
  return Date::from_ymd(y, b.month, b.day);
}

inline bool starts_with(std::string_view s, char c) { return !s.empty() && s[0] == c; }

// One of a list, uniformly.
template <typename T>
const T& one_of(Random& r, const std::vector<T>& v) {
  return v[static_cast<size_t>(r.below(static_cast<long>(v.size())))];
}

}  // namespace scorecard::demo
