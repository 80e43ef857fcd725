// Chooses how many pool tasks a repeated parallel job runs on: as many as it may use, or one. On a
// quiet machine two tasks make a training step faster; on a busy one the second thread's spin and
// wait for a core cost more than it saves (the default job took 5.7 s on two threads against 2.1 s
// on one, load average 11). The weights do not depend on the choice, so it is made by the clock:
// every kCycle jobs the first 2·kProbe run alternately on one task and on all, timed, and the rest
// of the cycle uses whichever took less time.
#pragma once

#include <chrono>

namespace bp {

class TaskCountChooser {
 public:
  // The tasks for the next job, at most `most`.
  int next(int most) {
    most_ = most;
    if (most <= 1) return current_ = 1;
    if (job_ < 2 * kProbe) return current_ = job_ % 2 == 0 ? 1 : most;
    return current_ = chosenMost_ ? most : 1;
  }
  // The job just run on next()'s tasks took `seconds`.
  void record(double seconds) {
    if (most_ <= 1) return;
    if (job_ < 2 * kProbe) (current_ == 1 ? one_ : all_) += seconds;
    if (++job_ == 2 * kProbe) {
      chosenMost_ = all_ <= one_;
      one_ = all_ = 0.0;
    }
    if (job_ == kCycle) job_ = 0;
  }

 private:
  static constexpr int kCycle = 512;
  static constexpr int kProbe = 16;
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
