// The one scheduler: every task once, on the threads asked for, and a throw on a worker thread
// comes back to the caller instead of ending the process.
#include "core/scheduler/scheduler.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace scorecard::scheduler {
namespace {

TEST(Scheduler, EveryTaskRunsExactlyOnce) {
  std::vector<std::atomic<int>> runs(1000);
  run(runs.size(), 4, [&](size_t i) { ++runs[i]; });
  for (size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << "task " << i;
}

TEST(Scheduler, OneThreadRunsInOrderOnTheCaller) {
  std::vector<size_t> order;
  std::set<std::thread::id> threads;
  run(5, 1, [&](size_t i) {
    order.push_back(i);
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(threads, std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST(Scheduler, UsesTheThreadsAskedForAndNoMoreThanTheTasks) {
  EXPECT_EQ(workers_for(10, 3), 3u);
  EXPECT_EQ(workers_for(2, 8), 2u);
  EXPECT_EQ(workers_for(0, 8), 1u);
  EXPECT_GE(workers_for(100, 0), 1u);  // one per core
  // With 2 threads and tasks that wait for each other, both threads must be running at once.
  std::atomic<int> arrived{0};
  std::mutex mutex;
  std::set<std::thread::id> threads;
  run(2, 2, [&](size_t) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
    }
    ++arrived;
    while (arrived.load() < 2) std::this_thread::yield();
  });
  EXPECT_EQ(threads.size(), 2u);
}

TEST(Scheduler, AThrowOnAWorkerThreadReachesTheCallerAfterTheOthersFinish) {
  // The calling thread's first task waits until a worker thread has thrown, so the throw is
  // certainly on a worker thread; before the scheduler, that ended the process (std::terminate).
  std::atomic<bool> thrown{false};
  std::atomic<size_t> thrower{0};
  std::vector<std::atomic<int>> ran(8);
  const std::thread::id caller = std::this_thread::get_id();
  try {
    run(ran.size(), 2, [&](size_t i) {
      ++ran[i];
      if (std::this_thread::get_id() == caller) {
        while (!thrown.load()) std::this_thread::yield();
        return;
      }
      if (!thrown.exchange(true)) {
        thrower = i;
        throw std::runtime_error("task " + std::to_string(i) + " failed");
      }
    });
    FAIL() << "the worker's exception was not rethrown";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(e.what(), "task " + std::to_string(thrower.load()) + " failed");
  }
  for (size_t i = 0; i < ran.size(); ++i) EXPECT_EQ(ran[i].load(), 1) << "task " << i;
}

TEST(Scheduler, TheLowestNumberedFailureIsTheOneRethrown) {
  // Tasks 2, 5 and 7 throw; whichever thread meets them first, the caller sees task 2's, as a
  // run on one thread would have stopped there first.
  for (int threads : {1, 2, 4}) {
    try {
      run(10, threads, [&](size_t i) {
        if (i == 2 || i == 5 || i == 7) throw std::out_of_range("task " + std::to_string(i));
      });
      FAIL() << "nothing rethrown with " << threads << " threads";
    } catch (const std::out_of_range& e) {
      EXPECT_STREQ(e.what(), "task 2") << threads << " threads";
    }
  }
}

TEST(Scheduler, NoTasksIsNothingToDo) {
  bool called = false;
  run(0, 4, [&](size_t) { called = true; });
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace scorecard::scheduler
