// The barrier of the thread pool's runTogether jobs (thread_pool.h).
#pragma once

#include <atomic>

namespace bp {

// Where the tasks of one runTogether job wait until all of them have arrived. It spins (with a
// yield now and then): its waits are the few microseconds by which one task's share of a step
// outlasts another's, far less than a wake-up from sleep.
class SpinBarrier {
 public:
  explicit SpinBarrier(int parties) : parties_(parties) {}
  void arriveAndWait();

 private:
  const int parties_;
  std::atomic<int> arrived_{0};
  std::atomic<unsigned> phase_{0};
};

}  // namespace bp
