//===- ThreadPool.h - Fixed-size pool of worker threads ---------*- C++ -*-===//
//
// A pool of std::threads that runs one indexed loop at a time. The calling
// thread takes part as worker 0, so a pool of N threads never runs more than
// N threads of work; idle workers sleep on a condition variable.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_THREADPOOL_H
#define SHADE_RUNTIME_THREADPOOL_H

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace shade::runtime {

class ThreadPool {
public:
  /// Makes a pool of `threadCount` threads (the caller of parallelFor and
  /// threadCount - 1 workers); 0 means defaultThreadCount().
  explicit ThreadPool(unsigned threadCount = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  /// The number of cores the hardware reports (at least 1).
  static unsigned defaultThreadCount();

  unsigned threadCount() const { return totalThreads; }

  /// Stops the workers and starts `count` (0: defaultThreadCount()) new ones,
  /// after any running parallelFor has finished. A call from inside a body of
  /// this pool throws std::logic_error.
  void setThreadCount(unsigned count);

  /// Calls body(worker, index) once for every index in [0, count) and returns
  /// when all calls are done. `worker` is in [0, threadCount()) and no two
  /// calls that run at the same time get the same worker, so the body may use
  /// scratch memory owned by that worker. Indices are handed out in increasing
  /// order as workers become free. If a call throws, no further index is
  /// started and the first exception is rethrown here once every running call
  /// has returned. Calls from several threads are served one after the other;
  /// a call from inside a body of the same pool throws std::logic_error.
  template <typename Body> void parallelFor(size_t count, Body &&body) {
    using BodyType = std::remove_reference_t<Body>;
    run(count, &body, [](void *context, unsigned worker, size_t index) {
      (*static_cast<BodyType *>(context))(worker, index);
    });
  }

private:
  using Trampoline = void (*)(void *context, unsigned worker, size_t index);

  void run(size_t count, void *context, Trampoline trampoline);
  void startWorkers(unsigned count);
  void stopWorkers();
  /// Runs every job of a generation after `seenGeneration`.
  void workerLoop(unsigned worker, unsigned long seenGeneration);
  /// Runs indices of the current job until none is left or one failed.
  void work(unsigned worker);

  unsigned totalThreads = 1;
  std::vector<std::thread> workers;

  /// Serialises parallelFor calls from different threads.
  std::mutex callMutex;

  /// Guards every field below.
  std::mutex stateMutex;
  std::condition_variable jobStarted;
  std::condition_variable jobFinished;
  bool stopping = false;
  /// Incremented for every job; a worker runs each generation once.
  unsigned long generation = 0;
  size_t jobCount = 0;
  void *jobContext = nullptr;
  Trampoline jobTrampoline = nullptr;
  /// Workers (not counting the caller) that have not finished the job.
  unsigned busyWorkers = 0;
  std::exception_ptr firstError;

  /// The next index of the current job to hand out; read without the lock.
  std::atomic<size_t> nextIndex{0};
  std::atomic<bool> failed{false};
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_THREADPOOL_H
