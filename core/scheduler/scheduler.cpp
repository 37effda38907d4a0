#include "core/scheduler/scheduler.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace scorecard::scheduler {

size_t workers_for(size_t tasks, int threads) {
  const size_t wanted = threads > 0 ? static_cast<size_t>(threads)
                                    : std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(1, std::min(tasks, wanted));
}

void run(size_t n, int threads, const std::function<void(size_t)>& task) {
  if (n == 0) return;
  std::atomic<size_t> next{0};
  std::mutex mutex;  // guards the two below
  size_t failed_index = n;
  std::exception_ptr failure;
  auto loop = [&] {
    for (size_t i = next++; i < n; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (i < failed_index) {
          failed_index = i;
          failure = std::current_exception();
        }
      }
    }
  };
  const size_t workers = workers_for(n, threads);
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  try {
    for (size_t t = 1; t < workers; ++t) pool.emplace_back(loop);
  } catch (...) {
    // No thread to be had (std::system_error): the threads started and this one do the work.
  }
  loop();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace scorecard::scheduler
