#include "thread_pool.h"

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace bp {

namespace {

int configuredThreadCount() {
  const char* fromEnv = std::getenv("BPSTUDIO_THREADS");
  if (fromEnv != nullptr) {
    int wanted = std::atoi(fromEnv);
    if (wanted >= 1 && wanted <= 64) return wanted;
  }
  unsigned hardware = std::thread::hardware_concurrency();
  if (hardware == 0) return 1;
  return hardware > 64 ? 64 : static_cast<int>(hardware);
}

class ThreadPool {
 public:
  explicit ThreadPool(int threads) : threads_(threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
  }

  int threads() const { return threads_; }

  void run(int count, const std::function<void(int)>& task) {
    std::unique_lock<std::mutex> busy(jobMutex_, std::try_to_lock);
    if (!busy.owns_lock() || threads_ == 1 || count <= 1) {
      for (int i = 0; i < count; ++i) task(i);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = &task;
      count_ = count;
      next_.store(0);
      unfinishedWorkers_ = threads_ - 1;
      ++generation_;
    }
    wake_.notify_all();
    drain(task, count);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return unfinishedWorkers_ == 0; });
    task_ = nullptr;
  }

 private:
  void drain(const std::function<void(int)>& task, int count) {
    for (int i = next_.fetch_add(1); i < count; i = next_.fetch_add(1)) task(i);
  }

  void workerLoop() {
    unsigned long long seen = 0;
    for (;;) {
      const std::function<void(int)>* task;
      int count;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        task = task_;
        count = count_;
      }
      drain(*task, count);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (--unfinishedWorkers_ == 0) done_.notify_one();
      }
    }
  }

  const int threads_;
  std::vector<std::thread> workers_;
  std::mutex jobMutex_;  // one job at a time
  std::mutex mutex_;     // guards the fields below
  std::condition_variable wake_;
  std::condition_variable done_;
  unsigned long long generation_ = 0;
  const std::function<void(int)>* task_ = nullptr;
  int count_ = 0;
  int unfinishedWorkers_ = 0;
  std::atomic<int> next_{0};
};

ThreadPool& pool() {
  // Deliberately never destroyed: its threads sleep until the process ends, so no exit path
  // (Node, Electron, worker threads) has to join them.
  static ThreadPool* instance = new ThreadPool(configuredThreadCount());
  return *instance;
}

}  // namespace

int poolThreadCount() { return pool().threads(); }

void parallelFor(int count, const std::function<void(int)>& task) { pool().run(count, task); }

}  // namespace bp
