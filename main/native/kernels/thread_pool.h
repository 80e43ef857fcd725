// A small persistent pool of worker threads for the large kernels. Created on first use, it lives
// while a Node environment holds it (its threads sleep on a condition variable between jobs).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "spin_barrier.h"

namespace bp {

// How many threads a parallel job uses, the calling thread included: the BPSTUDIO_THREADS
// environment variable if set (1..64), else the hardware's count.
int poolThreadCount();

// Runs task(i) for every i in [0, count), spread over the pool's threads and the caller's; returns
// when all have finished. When another job holds the pool (a second addon instance, e.g. in a
// worker thread), the tasks run on the calling thread alone. If a task throws (e.g. bad_alloc),
// the first exception is rethrown on the calling thread once every task has finished.
void parallelFor(int count, const std::function<void(int)>& task);

// Runs task(i) for every i in [0, count) each on a thread of its own, all at once, so that tasks
// may wait for one another (SpinBarrier); returns false, running nothing, when the pool cannot:
// fewer threads than tasks, or another job holds it. Tasks must not throw.
bool runTogether(int count, const std::function<void(int)>& task);

// A task that runs beside its caller (runInBackground). Destroying it waits until the task has
// returned.
class BackgroundTask {
 public:
  struct State {
    std::function<void()> task;
    std::mutex mutex;
    std::condition_variable returned;
    bool done = false;  // guarded by mutex
    // Says the task has returned.
    void finish();
  };
  explicit BackgroundTask(std::shared_ptr<State> state) : state_(std::move(state)) {}
  ~BackgroundTask();
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;
  // Where no pool worker was free: the task's own thread.
  void runOnThread() {
    thread_ = std::thread([state = state_.get()] {
      state->task();
      state->finish();
    });
  }

 private:
  std::shared_ptr<State> state_;
  std::thread thread_;
};

// Runs `task` (which must not throw) beside the caller: on a pool worker when one is free, else on
// a thread of its own. A worker is awake on a core of its own already; a thread started for each
// task cost its start, and the sleeping worker it left then woke on the caller's busy core for the
// next steps (227 µs of each step for up to ~40 steps, until the scheduler moved it). While the
// task runs, runTogether counts its worker out.
std::unique_ptr<BackgroundTask> runInBackground(std::function<void()> task);

// Every Node environment that loads the addon holds the pool from its start to its teardown (an
// environment cleanup hook). The last release stops and joins the pool's threads, so none runs
// this library's code when Node unloads it; a later kernel call starts a new pool.
void holdThreadPool();
void releaseThreadPool();

}  // namespace bp
