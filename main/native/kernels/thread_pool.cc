#include "thread_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "spin_wait.h"

namespace bp {

namespace {

constexpr auto kRecheck = std::chrono::milliseconds(50);

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

// One parallelFor call. Workers hold it by shared_ptr, so one that wakes after the job is over only
// finds no task left; the caller waits for the tasks, never for workers that have not started.
struct Job {
  const std::function<void(int)>* task;
  int count;
  std::atomic<int> next{0};
  std::atomic<int> finished{0};
  std::mutex errorMutex;
  std::exception_ptr error;  // the first task's exception (e.g. bad_alloc), rethrown by the caller
};

class ThreadPool {
 public:
  explicit ThreadPool(int threads) : threads_(threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
  }

  // Stops and joins the threads. Only when no job runs: the last environment holding the pool is
  // gone (see releaseThreadPool), and with it every caller.
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      ++generation_;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return threads_; }

  // With `together`, each task on a thread of its own or none (returns false).
  bool run(int count, const std::function<void(int)>& task, bool together) {
    std::unique_lock<std::mutex> busy(jobMutex_, std::try_to_lock);
    // Workers running a background task take no tasks of a job until it returns.
    if (together && busy.owns_lock() && count > threads_ - reserved_.load(std::memory_order_acquire)) return false;
    if (!busy.owns_lock() || threads_ == 1 || count <= 1) {
      if (together && count > 1) return false;
      for (int i = 0; i < count; ++i) task(i);
      return true;
    }
    if (together && count == 2) {
      runPair(task);
      return true;
    }
    // The caller and the workers each take one task and keep it until it returns; a thread takes
    // a second only after its first is done, so with a thread per task none waits on a task that
    // has not started.
    auto job = std::make_shared<Job>();
    job->task = &task;
    job->count = count;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = job;
      ++generation_;
    }
    wake_.notify_all();
    drain(*job);
    spinUntil([&] { return job->finished.load() == count; });
    {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, [&] { return job->finished.load() == count; });
      job_.reset();
    }
    if (job->error) std::rethrow_exception(job->error);
    return true;
  }

  // Hands `state` to a free worker; false when every worker has a background task (or there are none).
  bool startBackground(std::shared_ptr<BackgroundTask::State> state) {
    // Not while a job's tasks run: run() counts the free workers once, at its start.
    std::lock_guard<std::mutex> busy(jobMutex_);
    if (threads_ - 1 - reserved_.load(std::memory_order_relaxed) < 1) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      background_.push_back(std::move(state));
      reserved_.fetch_add(1, std::memory_order_relaxed);
      ++generation_;
    }
    wake_.notify_all();
    return true;
  }

 private:
  // A step's two tasks (runTogether's common case): the second is handed to a spinning worker
  // through two lines of their own, with none of a Job's allocation, mutex and shared counters
  // (they cost a few hundred nanoseconds at each end of a 50 µs step).
  void runPair(const std::function<void(int)>& task) {
    pair_.task = &task;
    const unsigned long long seq = ++pairPosted_;
    pair_.posted.store(seq, std::memory_order_seq_cst);
    if (sleeping_.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      wake_.notify_all();
    }
    task(0);
    waitUntil([&] { return pair_.done.load(std::memory_order_acquire) == seq; });
  }

  // Whether a pair's second task waits for a worker.
  bool pairPending() const {
    return pair_.posted.load(std::memory_order_seq_cst) != pair_.claimed.load(std::memory_order_relaxed);
  }

  // Runs the posted pair task, if this worker is the first to claim it.
  void takePair() {
    unsigned long long claimed = pair_.claimed.load(std::memory_order_relaxed);
    const unsigned long long posted = pair_.posted.load(std::memory_order_acquire);
    if (posted == claimed || !pair_.claimed.compare_exchange_strong(claimed, posted)) return;
    (*pair_.task)(1);
    pair_.done.store(posted, std::memory_order_release);
  }

  void drain(Job& job) {
    for (int i = job.next.fetch_add(1); i < job.count; i = job.next.fetch_add(1)) {
      try {
        (*job.task)(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(job.errorMutex);
        if (!job.error) job.error = std::current_exception();
      }
      if (job.finished.fetch_add(1) + 1 == job.count) {
        std::lock_guard<std::mutex> lock(mutex_);
        done_.notify_all();
      }
    }
  }

  void workerLoop() {
    unsigned long long seen = 0;
    for (;;) {
      spinUntil([&] { return generation_.load(std::memory_order_acquire) != seen || pairPending(); });
      if (pairPending()) {
        takePair();
        continue;
      }
      std::shared_ptr<Job> job;
      std::shared_ptr<BackgroundTask::State> background;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        // Bounded waits: a sleeping thread rechecks now and then, so a lost wake-up (glibc before
        // 2.41 can lose one, sourceware bug 25847) costs a pause, never a hang at teardown. A pair
        // poster reads sleeping_ after posting, this thread the post after raising it (both
        // sequentially consistent), so one of them sees the other.
        sleeping_.fetch_add(1, std::memory_order_seq_cst);
        while (!wake_.wait_for(lock, kRecheck, [&] { return generation_ != seen || pairPending() || !background_.empty(); })) {
        }
        sleeping_.fetch_sub(1, std::memory_order_relaxed);
        // Each background task runs, even at teardown: its owner waits for it.
        if (!background_.empty()) {
          background = std::move(background_.front());
          background_.pop_front();
        } else {
          if (stopping_) return;
          if (generation_ == seen) continue;
          seen = generation_;
          job = job_;
        }
      }
      if (background) {
        background->task();
        // Free again before the owner can see the task returned, so that its next runTogether counts it.
        reserved_.fetch_sub(1, std::memory_order_release);
        background->finish();
        continue;
      }
      if (job) drain(*job);
    }
  }

  const int threads_;
  std::mutex jobMutex_;  // one job at a time
  std::mutex mutex_;     // guards job_ and generation_
  std::condition_variable wake_;
  std::condition_variable done_;
  std::atomic<unsigned long long> generation_{0};  // changed under mutex_, read by spinning workers
  std::shared_ptr<Job> job_;
  bool stopping_ = false;  // guarded by mutex_
  struct Pair {
    alignas(64) std::atomic<unsigned long long> posted{0};
    const std::function<void(int)>* task = nullptr;  // written before posted
    alignas(64) std::atomic<unsigned long long> claimed{0};
    alignas(64) std::atomic<unsigned long long> done{0};
  } pair_;
  unsigned long long pairPosted_ = 0;  // the caller's, under jobMutex_
  std::atomic<int> sleeping_{0};
  std::deque<std::shared_ptr<BackgroundTask::State>> background_;  // guarded by mutex_
  std::atomic<int> reserved_{0};  // workers given a background task that has not returned
  std::vector<std::thread> workers_;
};

// The pool exists while some Node environment holds it and a kernel has asked for it. Its threads
// run this library's code, and Node unloads an addon with the last environment that loaded it (a
// worker thread's, say), so they must be joined before that: the last release deletes the pool.
std::mutex lifetimeMutex;
int holders = 0;                           // guarded by lifetimeMutex
std::atomic<ThreadPool*> current{nullptr};  // created under lifetimeMutex

ThreadPool& pool() {
  ThreadPool* existing = current.load(std::memory_order_acquire);
  if (existing != nullptr) return *existing;
  std::lock_guard<std::mutex> lock(lifetimeMutex);
  existing = current.load(std::memory_order_relaxed);
  if (existing == nullptr) {
    existing = new ThreadPool(poolThreadCount());
    current.store(existing, std::memory_order_release);
  }
  return *existing;
}

}  // namespace

int poolThreadCount() {
  static const int count = configuredThreadCount();
  return count;
}

void parallelFor(int count, const std::function<void(int)>& task) { pool().run(count, task, false); }

bool runTogether(int count, const std::function<void(int)>& task) { return pool().run(count, task, true); }

void BackgroundTask::State::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
  }
  returned.notify_all();
}

BackgroundTask::~BackgroundTask() {
  {
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->returned.wait(lock, [this] { return state_->done; });
  }
  if (thread_.joinable()) thread_.join();
}

std::unique_ptr<BackgroundTask> runInBackground(std::function<void()> task) {
  auto state = std::make_shared<BackgroundTask::State>();
  state->task = std::move(task);
  auto handle = std::make_unique<BackgroundTask>(state);
  if (!pool().startBackground(std::move(state))) handle->runOnThread();
  return handle;
}

void holdThreadPool() {
  std::lock_guard<std::mutex> lock(lifetimeMutex);
  ++holders;
}

void releaseThreadPool() {
  ThreadPool* last = nullptr;
  {
    std::lock_guard<std::mutex> lock(lifetimeMutex);
    if (--holders > 0) return;
    last = current.exchange(nullptr, std::memory_order_acq_rel);
  }
  delete last;
}

}  // namespace bp
