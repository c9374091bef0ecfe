//===- ThreadPool.cpp - Fixed-size pool of worker threads -----------------===//

#include "shade/runtime/ThreadPool.h"

#include <stdexcept>

namespace shade::runtime {

namespace {
/// The pool whose job the current thread is running, to refuse nested calls
/// that would otherwise wait for themselves.
thread_local const ThreadPool *poolOfCurrentJob = nullptr;
} // namespace

ThreadPool::ThreadPool(unsigned threadCount) { startWorkers(threadCount); }

ThreadPool::~ThreadPool() { stopWorkers(); }

unsigned ThreadPool::defaultThreadCount() {
  unsigned count = std::thread::hardware_concurrency();
  return count == 0 ? 1 : count;
}

void ThreadPool::setThreadCount(unsigned count) {
  if (poolOfCurrentJob == this)
    throw std::logic_error("ThreadPool::setThreadCount called from inside a "
                           "parallelFor body of the same pool");
  std::lock_guard<std::mutex> callLock(callMutex);
  stopWorkers();
  startWorkers(count);
}

void ThreadPool::startWorkers(unsigned count) {
  totalThreads = count == 0 ? defaultThreadCount() : count;
  unsigned long currentGeneration;
  {
    std::lock_guard<std::mutex> lock(stateMutex);
    stopping = false;
    currentGeneration = generation;
  }
  try {
    workers.reserve(totalThreads - 1);
    for (unsigned worker = 1; worker < totalThreads; ++worker)
      workers.emplace_back([this, worker, currentGeneration] {
        workerLoop(worker, currentGeneration);
      });
  } catch (...) {
    // Joins the threads already started: a std::thread destroyed while
    // joinable would terminate the process.
    stopWorkers();
    totalThreads = 1;
    throw;
  }
}

void ThreadPool::stopWorkers() {
  {
    std::lock_guard<std::mutex> lock(stateMutex);
    stopping = true;
  }
  jobStarted.notify_all();
  for (std::thread &worker : workers)
    worker.join();
  workers.clear();
}

void ThreadPool::workerLoop(unsigned worker, unsigned long seenGeneration) {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(stateMutex);
      jobStarted.wait(lock,
                      [&] { return stopping || generation != seenGeneration; });
      if (stopping)
        return;
      seenGeneration = generation;
    }
    work(worker);
    std::lock_guard<std::mutex> lock(stateMutex);
    if (--busyWorkers == 0)
      jobFinished.notify_one();
  }
}

void ThreadPool::work(unsigned worker) {
  poolOfCurrentJob = this;
  while (!failed.load(std::memory_order_relaxed)) {
    size_t index = nextIndex.fetch_add(1, std::memory_order_relaxed);
    if (index >= jobCount)
      break;
    try {
      jobTrampoline(jobContext, worker, index);
    } catch (...) {
      std::lock_guard<std::mutex> lock(stateMutex);
      if (!firstError)
        firstError = std::current_exception();
      failed.store(true, std::memory_order_relaxed);
    }
  }
  poolOfCurrentJob = nullptr;
}

void ThreadPool::run(size_t count, void *context, Trampoline trampoline) {
  if (poolOfCurrentJob == this)
    throw std::logic_error(
        "ThreadPool::parallelFor called from inside a parallelFor body of the "
        "same pool");
  if (count == 0)
    return;
  std::lock_guard<std::mutex> callLock(callMutex);
  // A job of one index runs on the caller alone.
  bool useWorkers = count > 1 && !workers.empty();
  {
    std::lock_guard<std::mutex> lock(stateMutex);
    jobCount = count;
    jobContext = context;
    jobTrampoline = trampoline;
    nextIndex.store(0, std::memory_order_relaxed);
    failed.store(false, std::memory_order_relaxed);
    firstError = nullptr;
    busyWorkers = useWorkers ? static_cast<unsigned>(workers.size()) : 0;
    if (useWorkers)
      ++generation;
  }
  if (useWorkers)
    jobStarted.notify_all();
  work(0);
  std::exception_ptr error;
  {
    std::unique_lock<std::mutex> lock(stateMutex);
    jobFinished.wait(lock, [&] { return busyWorkers == 0; });
    error = firstError;
    firstError = nullptr;
  }
  if (error)
    std::rethrow_exception(error);
}

} // namespace shade::runtime
