// scheduler: the one place where the core runs work on several threads. Loading the datasets
// and evaluating the indicators both go through run(); nothing else starts a std::thread for
// work (the pipeline's detached thread that frees a run's tables is not work).
#pragma once

#include <cstddef>
#include <functional>

namespace scorecard::scheduler {

// How many threads run() uses for `tasks` tasks: `threads` when > 0, else one per core; never
// more than there are tasks, never fewer than one.
size_t workers_for(size_t tasks, int threads);

// Calls task(i) once for each i in [0, n), on up to workers_for(n, threads) threads, the
// calling thread being one of them; tasks are taken in index order. Returns when every task has
// finished. A task that throws does not stop the others: once all have finished, the exception
// of the lowest-numbered task that threw is rethrown here, on the calling thread (a throw on a
// worker thread never reaches std::terminate).
void run(size_t n, int threads, const std::function<void(size_t)>& task);

}  // namespace scorecard::scheduler
