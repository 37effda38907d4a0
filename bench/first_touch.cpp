// What the kernel (and, in a virtual machine, the host) costs the first time a process
// touches memory: MB/s writing one byte a page into fresh anonymous memory, with 4 KB pages
// and with transparent huge pages asked for (MADV_HUGEPAGE, as the loader's hash tables do),
// three rounds each (each round unmaps its memory: later rounds may get the same pages back),
// and a second pass over the touched memory for comparison.
//   first_touch [MB]   (default 1024)
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  const size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1024;
  const size_t bytes = mb << 20;
  for (const bool huge : {false, true}) {
    for (int round = 1; round <= 3; ++round) {
      void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) {
        std::perror("mmap");
        return 1;
      }
      if (huge) madvise(p, bytes, MADV_HUGEPAGE);
      char* c = static_cast<char*>(p);
      auto t = std::chrono::steady_clock::now();
      for (size_t i = 0; i < bytes; i += 4096) c[i] = 1;
      const double first = seconds_since(t);
      t = std::chrono::steady_clock::now();
      std::memset(c, 2, bytes);
      const double again = seconds_since(t);
      std::printf(
          "%s pages, round %d: first touch of %zu MB %.3f s (%.0f MB/s); memset again %.3f s (%.0f "
          "MB/s)\n",
          huge ? "2 MB" : "4 KB", round, mb, first, mb / first, again, mb / again);
      munmap(p, bytes);
    }
  }
}
