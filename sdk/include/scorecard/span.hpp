// scorecard SDK: two small value types whose layout is the C boundary's (abi.h), so that the
// host's arrays (the care index) are read by a plugin in place, whichever compiler built it:
// Span<T> (a pointer and a count, as a read-only array) and Optional<T> (a value and a flag,
// read like std::optional).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <stdexcept>

namespace scorecard {

// A read-only array the host owns: size(), [], at(), iteration, data().
template <typename T>
class Span {
 public:
  constexpr Span() = default;
  constexpr Span(const T* data, size_t size) : data_(data), size_(size) {}

  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const T* data() const { return data_; }
  constexpr const T& operator[](size_t i) const { return data_[i]; }
  const T& at(size_t i) const {
    if (i >= size_) throw std::out_of_range("index out of range");
    return data_[i];
  }
  constexpr const T& front() const { return data_[0]; }
  constexpr const T& back() const { return data_[size_ - 1]; }
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }
  auto rbegin() const { return std::reverse_iterator<const T*>(end()); }
  auto rend() const { return std::reverse_iterator<const T*>(begin()); }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

// A value or none, laid out as the C boundary's scorecard_opt_* (the value, then a flag).
// Reads as std::optional: if (v), *v, v->, has_value(), value_or(); converts to and from it.
template <typename T>
class Optional {
 public:
  constexpr Optional() = default;
  constexpr Optional(std::nullopt_t) {}                    // NOLINT: as std::optional
  constexpr Optional(T value) : value_(value), has_(1) {}  // NOLINT: as std::optional
  constexpr Optional(const std::optional<T>& v)
      : value_(v ? *v : T{}), has_(v ? 1 : 0) {}  // NOLINT
  constexpr operator std::optional<T>() const {   // NOLINT: as std::optional
    return has_ ? std::optional<T>(value_) : std::nullopt;
  }

  constexpr bool has_value() const { return has_ != 0; }
  constexpr explicit operator bool() const { return has_ != 0; }
  constexpr const T& operator*() const { return value_; }
  constexpr const T* operator->() const { return &value_; }
  const T& value() const {
    if (!has_) throw std::bad_optional_access();
    return value_;
  }
  constexpr T value_or(T other) const { return has_ ? value_ : other; }
  void reset() { *this = Optional(); }

  friend constexpr bool operator==(const Optional& a, const Optional& b) {
    return a.has_ == b.has_ && (!a.has_ || a.value_ == b.value_);
  }
  friend constexpr bool operator!=(const Optional& a, const Optional& b) { return !(a == b); }
  friend constexpr bool operator==(const Optional& a, std::nullopt_t) { return !a.has_; }
  friend constexpr bool operator!=(const Optional& a, std::nullopt_t) { return a.has_; }

 private:
  T value_{};
  uint8_t has_ = 0;
};

}  // namespace scorecard
