// Chooses how many pool tasks a repeated parallel job runs on: as many as it may use, or one. On a
// quiet machine two tasks make a training step faster; on a busy one the second thread's spin and
// wait for a core cost more than it saves (the default job took 5.7 s on two threads against 2.1 s
// on one, load average 11). The results do not depend on the choice, so it is made by the clock:
// at the end of every cycle of kCycle jobs, kProbe run on one task and then kProbe on all, and the
// next cycle uses whichever had the lower median. Each run's first kWarm jobs are not counted: they
// pay for moving the data the other setting left in another core's cache. The first probe comes
// after kFirstProbe jobs on all tasks, once the caches are warm: a probe over the first cold jobs
// chose one task in one run of three and kept it for the first 2,048 steps. Medians, not sums: a
// job slowed by the system once is no reason to change.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>

namespace bp {

class TaskCountChooser {
 public:
  // The tasks for the next job, at most `most`.
  int next(int most) {
    most_ = most;
    if (most <= 1) return 1;
    const int probe = job_ - kProbesStart;
    if (probe < 0) return chosenMost_ ? most : 1;
    return probe < kProbe ? 1 : most;
  }
  // The job just run on next()'s tasks took `seconds`.
  void record(double seconds) {
    if (most_ <= 1) return;
    const int probe = job_ - kProbesStart;
    if (probe >= 0 && probe % kProbe >= kWarm) (probe < kProbe ? one_ : all_)[probe % kProbe - kWarm] = seconds;
    if (++job_ == kCycle) {
      chosenMost_ = median(all_) <= median(one_);
      job_ = 0;
    }
  }

 private:
  static constexpr int kCycle = 2048;
  static constexpr int kProbe = 16;
  static constexpr int kWarm = 4;
  static constexpr int kProbesStart = kCycle - 2 * kProbe;
  static constexpr int kFirstProbe = 64;
  using Times = std::array<double, kProbe - kWarm>;

  static double median(Times times) {
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
  }

  int job_ = kProbesStart - kFirstProbe;
  int most_ = 1;
  bool chosenMost_ = true;
  Times one_{}, all_{};
};

// Seconds since `start` on the steady clock.
inline double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace bp
