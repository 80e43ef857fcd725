#include "spin_barrier.h"

#include "spin_wait.h"

namespace bp {

void SpinBarrier::arriveAndWait() {
  const unsigned phase = phase_.load(std::memory_order_acquire);
  // The last to arrive has seen every other's writes (the increments form one release sequence)
  // and publishes them with the new phase.
  if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == parties_) {
    arrived_.store(0, std::memory_order_relaxed);
    phase_.store(phase + 1, std::memory_order_release);
    return;
  }
  waitUntil([&] { return phase_.load(std::memory_order_acquire) != phase; });
}

}  // namespace bp
