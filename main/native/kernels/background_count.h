// A count over image sets beside the caller (on a pool worker, runInBackground), while the caller
// goes on: the training loop's accuracy passes run on the second core while the steps go on on the
// first (on two tasks, a step pays for its second task only part of the time; the passes use a
// whole core).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "image_set.h"
#include "thread_pool.h"

namespace bp {

class BackgroundCount {
 public:
  // count(set, cancelled) is called for each set in turn beside the caller; it should return soon
  // after cancelled() turns true (its result is then not used).
  using Count = std::function<size_t(const ImageSet&, const std::function<bool()>& cancelled)>;

  BackgroundCount(std::vector<std::shared_ptr<const ImageSet>> sets, Count count);
  // Cancels the count and waits for it to return (a chunk of rows at most).
  ~BackgroundCount();
  BackgroundCount(const BackgroundCount&) = delete;
  BackgroundCount& operator=(const BackgroundCount&) = delete;

  bool done() const { return done_.load(std::memory_order_acquire); }
  // Waits up to `milliseconds` (forever if infinite) for the count: one result per set once it is
  // done, else nothing. Rethrows what the count threw (e.g. bad_alloc).
  std::optional<std::vector<size_t>> waitFor(double milliseconds);

 private:
  std::vector<std::shared_ptr<const ImageSet>> sets_;
  Count count_;
  std::vector<size_t> results_;
  std::exception_ptr error_;
  std::atomic<bool> done_{false};
  std::atomic<bool> cancel_{false};
  std::mutex mutex_;
  std::condition_variable finished_;
  std::unique_ptr<BackgroundTask> task_;  // last: started once everything it uses is in place
};

}  // namespace bp
