#include "base/parallel.h"

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace mw {

int WorkerCount() {
  static const int count = [] {
    if (const char* v = std::getenv("MAPWARDEN_THREADS")) {
      int n = std::atoi(v);
      if (n > 0) return std::min(n, 256);
    }
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(std::min(hw, 64u));
  }();
  return count;
}

namespace {

// Threads with large stacks, made when first needed and kept: a phase's
// threads cost more to make and unmap (a 1 GB stack each, the pages a
// recursion touched, a malloc arena) than the shorter phases take, and a
// run has a dozen phases. Workers wait for copies of a job to run; a job
// waits until all its copies are done. The pool grows whenever a job has
// more copies waiting than workers idle, so a worker that starts a nested
// job and waits for it never waits for itself.
class LargeStackPool {
 public:
  // Runs `copies` copies of `work`, each on a thread of its own, and
  // waits. A caller on a worker (`caller_helps`) runs copies itself, those
  // no other worker has taken: it never waits for work nobody can do. Any
  // other caller (its stack may be small) only waits; false, with nothing
  // run, if no worker could be made for it.
  bool Run(int copies, const std::function<void()>& work, bool caller_helps) {
    Job job{&work, copies, copies};
    std::unique_lock<std::mutex> lock(mu_);
    jobs_.push_back(&job);
    waiting_ += copies;
    while (idle_ + (caller_helps ? 1 : 0) < waiting_ && StartWorker()) ++idle_;
    if (!caller_helps && idle_ == 0) {
      jobs_.pop_back();
      waiting_ -= copies;
      return false;
    }
    work_cv_.notify_all();
    while (caller_helps && job.unstarted > 0) {
      Take(&job);
      lock.unlock();
      work();
      lock.lock();
      --job.unfinished;
    }
    done_cv_.wait(lock, [&] { return job.unfinished == 0; });
    return true;
  }

  static bool OnWorker() { return on_worker_; }

 private:
  struct Job {
    const std::function<void()>* work;
    int unstarted;   // copies no worker has taken
    int unfinished;  // copies not done
  };

  // One copy of `job` is started. Under mu_.
  void Take(Job* job) {
    if (--job->unstarted == 0) jobs_.erase(std::find(jobs_.begin(), jobs_.end(), job));
    --waiting_;
  }

  bool StartWorker() {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    // Reserved, not committed: only the pages a deep recursion touches are used.
    pthread_attr_setstacksize(&attr, size_t{1} << 30);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    auto main = [](void* pool) -> void* {
      static_cast<LargeStackPool*>(pool)->Serve();
      return nullptr;
    };
    const bool ok = pthread_create(&thread, &attr, main, this) == 0;
    pthread_attr_destroy(&attr);
    return ok;
  }

  // A worker's loop; it never ends (the process exits around it).
  void Serve() {
    on_worker_ = true;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      work_cv_.wait(lock, [&] { return !jobs_.empty(); });
      Job* job = jobs_.front();
      Take(job);
      --idle_;
      lock.unlock();
      (*job->work)();
      lock.lock();
      ++idle_;
      if (--job->unfinished == 0) done_cv_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Job*> jobs_;  // with copies not started
  int waiting_ = 0;        // copies not started, over all jobs
  int idle_ = 0;           // workers waiting for a copy (or about to)
  static thread_local bool on_worker_;
};

thread_local bool LargeStackPool::on_worker_ = false;

LargeStackPool& Pool() {
  // Never destroyed: its workers outlive every caller.
  static LargeStackPool* pool = new LargeStackPool();
  return *pool;
}

}  // namespace

void RunWithLargeStack(const std::function<void()>& fn) { RunOnLargeStacks(1, fn); }

void RunOnLargeStacks(int threads, const std::function<void()>& work) {
  threads = std::max(threads, 1);
  // A worker's stack is large already.
  if (LargeStackPool::OnWorker()) {
    if (threads == 1) return work();
    Pool().Run(threads, work, /*caller_helps=*/true);
    return;
  }
  // No thread could be made: the caller's stack.
  if (!Pool().Run(threads, work, /*caller_helps=*/false)) work();
}

void RunTasks(int threads, std::initializer_list<std::function<void()>> tasks) {
  const std::function<void()>* begin = tasks.begin();
  std::atomic<size_t> next{0};
  RunOnLargeStacks(std::min<int>(threads, static_cast<int>(tasks.size())), [&] {
    for (size_t i; (i = next.fetch_add(1)) < tasks.size();) begin[i]();
  });
}

std::vector<size_t> LargestFirst(const std::vector<size_t>& sizes) {
  std::vector<size_t> order(sizes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

AdaptiveMutex::AdaptiveMutex() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
  pthread_mutex_init(&mu_, &attr);
  pthread_mutexattr_destroy(&attr);
}

AdaptiveMutex::~AdaptiveMutex() { pthread_mutex_destroy(&mu_); }

}  // namespace mw
