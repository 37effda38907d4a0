// values: an allocator for the loader's large, randomly accessed arrays (hash-table slots).
// In: a number of elements. Out: memory the kernel may back with 2 MB pages (transparent huge
// pages, when the system allows them on request), so that a random access into a table of
// hundreds of megabytes misses the cache but not also the TLB. Small arrays are allocated as
// usual.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>

namespace scorecard::values {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    void* p = ::operator new(bytes);
    if (bytes >= 2 * kHugePage) {  // before the first touch, so that faults take whole pages
      const auto begin = (reinterpret_cast<uintptr_t>(p) + kHugePage - 1) & ~(kHugePage - 1);
      const auto end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHugePage - 1);
      if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
    }
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { ::operator delete(p); }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
  template <class U>
  bool operator!=(const HugePageAllocator<U>&) const {
    return false;
  }
};

}  // namespace scorecard::values
