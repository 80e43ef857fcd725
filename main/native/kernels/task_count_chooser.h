// Chooses how many pool tasks a repeated parallel job runs on: as many as it may use, or one. On a
// quiet machine two tasks make a training step faster; on a busy one the second thread's spin and
// wait for a core cost more than it saves (the default job took 5.7 s on two threads against 2.1 s
// on one, load average 11). The results do not depend on the choice, so it is made by the clock:
// every kCycle jobs, kProbe run on one task and then kProbe on all, and the rest of the cycle uses
// whichever took less time. Each run's first kWarm jobs are not counted: they pay for moving the
// data the other setting left in another core's cache (alternating the two, as this did before,
// charged that to both and made one task look slower than it is).
#pragma once

#include <chrono>

namespace bp {

class TaskCountChooser {
 public:
  // The tasks for the next job, at most `most`.
  int next(int most) {
    most_ = most;
    if (most <= 1) return current_ = 1;
    if (job_ < kProbe) return current_ = 1;
    if (job_ < 2 * kProbe) return current_ = most;
    return current_ = chosenMost_ ? most : 1;
  }
  // The job just run on next()'s tasks took `seconds`.
  void record(double seconds) {
    if (most_ <= 1) return;
    if (job_ < 2 * kProbe && job_ % kProbe >= kWarm) (job_ < kProbe ? one_ : all_) += seconds;
    if (++job_ == 2 * kProbe) {
      chosenMost_ = all_ <= one_;
      one_ = all_ = 0.0;
    }
    if (job_ == kCycle) job_ = 0;
  }

 private:
  static constexpr int kCycle = 2048;
  static constexpr int kProbe = 8;
  static constexpr int kWarm = 2;
  int job_ = 0;
  int most_ = 1;
  int current_ = 1;
  bool chosenMost_ = true;
  double one_ = 0.0, all_ = 0.0;
};

// Seconds since `start` on the steady clock.
inline double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace bp
