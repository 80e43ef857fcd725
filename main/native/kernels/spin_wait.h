// Waiting by spinning, for the waits of the thread pool's tasks: they end within microseconds, far
// less than a wake-up from sleep.
#pragma once

#include <chrono>
#include <thread>

namespace bp {

// How long a thread spins for the next job, or for the last task of its job, before it sleeps on a
// condition variable: a training step hands the pool a job every ~100 µs, and a wake-up from a
// condition variable costs a good part of one.
constexpr auto kSpin = std::chrono::microseconds(200);

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// Spins until done() or for kSpin; returns done().
template <typename Done>
bool spinUntil(Done done) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return true;
      relax();
    }
    if (std::chrono::steady_clock::now() >= until) return done();
  }
}

// Spins until done(), yielding the core between spells (for waits that end as soon as another
// running thread gets there: the tasks of one runTogether job).
template <typename Done>
void waitUntil(Done done) {
  while (!spinUntil(done)) std::this_thread::yield();
}

}  // namespace bp
