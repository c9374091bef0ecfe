//===- Execute.cpp - Running compiled code on ciphertexts -----------------===//

#include "compiler/Driver/Execute.h"
#include "compiler/Driver/Specification.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace shade::driver {

namespace {

/// Bytes per element of a clear buffer: the smallest of 1, 2, 4 and 8 that
/// holds `width` bits.
size_t clearElementSize(unsigned width) {
  return width <= 8 ? 1 : width <= 16 ? 2 : width <= 32 ? 4 : 8;
}

/// One argument or result of the compiled function, as the calling
/// convention lays it out: u64 words, large enough for the bytes of a clear
/// buffer too.
struct Buffer {
  std::vector<uint64_t> words;
};

Buffer layOutInput(const TensorSpec &spec, const runtime::Tensor &tensor) {
  if (spec.encrypted)
    return Buffer{tensor.data};
  size_t elementSize = clearElementSize(spec.width);
  Buffer buffer;
  buffer.words.resize((tensor.data.size() * elementSize + 7) / 8);
  auto *bytes = reinterpret_cast<unsigned char *>(buffer.words.data());
  // Little-endian: the low bytes of each pattern are the narrow integer.
  for (size_t i = 0; i < tensor.data.size(); ++i)
    std::memcpy(bytes + i * elementSize, &tensor.data[i], elementSize);
  return buffer;
}

Buffer allocateOutput(const TensorSpec &spec,
                      const std::vector<CryptoParameters> &sets) {
  uint64_t count = countElements(spec.shape);
  if (spec.encrypted)
    return Buffer{std::vector<uint64_t>(count * ciphertextSize(spec, sets))};
  return Buffer{
      std::vector<uint64_t>((count * clearElementSize(spec.width) + 7) / 8)};
}

runtime::Tensor readOutput(const TensorSpec &spec, Buffer &buffer,
                           const std::vector<CryptoParameters> &sets) {
  runtime::Tensor tensor = makeTensor(spec, sets);
  if (spec.encrypted) {
    tensor.data = std::move(buffer.words);
    return tensor;
  }
  size_t elementSize = clearElementSize(spec.width);
  auto *bytes = reinterpret_cast<const unsigned char *>(buffer.words.data());
  uint64_t count = countElements(spec.shape);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t pattern = 0;
    std::memcpy(&pattern, bytes + i * elementSize, elementSize);
    tensor.data.push_back(spec.width >= 64
                              ? pattern
                              : pattern & ((uint64_t(1) << spec.width) - 1));
  }
  return tensor;
}

/// The bootstraps `context` has completed since it was made. The call
/// cannot fail on a context that exists, which executeCompiled has checked.
uint64_t bootstrapCount(const shade_rt_context *context) {
  uint64_t count = 0;
  shade_rt_context_get_bootstrap_count(context, &count);
  return count;
}

/// Calls the progress callback about four times a second from its own
/// thread while it lives, and a last time when it ends. The bootstraps done
/// are those the context completes meanwhile; the estimate is the cost
/// model's until the first ones are done, then the measured rate's.
class ProgressMonitor {
public:
  ProgressMonitor(const ExecuteOptions &options, const ClientSpec &spec,
                  const shade_rt_context *context, unsigned threads)
      : callback(options.progress), context(context),
        total(spec.report.bootstraps), start(std::chrono::steady_clock::now()),
        modelSeconds(spec.report.cost * 1e-9 / std::max(threads, 1u)) {
    if (!callback)
      return;
    countAtStart = bootstrapCount(context);
    monitor = std::thread([this] { watch(); });
  }

  ~ProgressMonitor() {
    if (!callback)
      return;
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    monitor.join();
    report(/*finished=*/true);
  }

private:
  void watch() {
    std::unique_lock<std::mutex> lock(mutex);
    while (!wake.wait_for(lock, std::chrono::milliseconds(250),
                          [this] { return stopping; }))
      report(/*finished=*/false);
  }

  void report(bool finished) {
    Progress progress;
    progress.bootstraps = total;
    progress.bootstrapsDone = bootstrapCount(context) - countAtStart;
    progress.secondsElapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    progress.secondsEstimated = progress.bootstrapsDone == 0
                                    ? modelSeconds
                                    : progress.secondsElapsed * double(total) /
                                          double(progress.bootstrapsDone);
    progress.finished = finished;
    callback(progress);
  }

  ProgressCallback callback;
  const shade_rt_context *context;
  uint64_t total;
  uint64_t countAtStart = 0;
  std::chrono::steady_clock::time_point start;
  double modelSeconds;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread monitor;
};

} // namespace

std::vector<runtime::Tensor>
executeCompiled(const ClientSpec &spec, execution::PackedEntryPoint entryPoint,
                shade_rt_context *context,
                const std::vector<runtime::Tensor> &args,
                const ExecuteOptions &options, const std::string &source) {
  const std::vector<CryptoParameters> &sets = spec.report.parameters;
  checkTensors(args, spec.inputs, sets, "input", source);
  if (llvm::Error error = execution::checkContextParameters(
          context, toParameterSets(sets),
          toKeyPatterns(spec.report.keyPatterns)))
    throw Error("the evaluation keys: " + llvm::toString(std::move(error)));
  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  // Setting the count restarts the context's threads: only when it changes
  // (keys kept in memory serve many executions).
  uint32_t currentThreads = 0;
  checkStatus(shade_rt_context_get_thread_count(context, &currentThreads),
              "--threads");
  if (currentThreads != threads)
    checkStatus(shade_rt_context_set_thread_count(context, threads),
                "--threads");

  std::vector<Buffer> buffers;
  for (const TensorSpec &input : spec.inputs)
    buffers.push_back(layOutInput(input, *findTensor(args, input.name)));
  for (const TensorSpec &output : spec.outputs)
    buffers.push_back(allocateOutput(output, sets));
  std::vector<void *> pointers;
  for (Buffer &buffer : buffers)
    pointers.push_back(buffer.words.data());

  {
    ProgressMonitor monitor(options, spec, context, threads);
    if (llvm::Error error =
            execution::invoke(entryPoint, spec.function, context, pointers))
      throw Error(source + ": the execution failed: " +
                  llvm::toString(std::move(error)));
  }

  std::vector<runtime::Tensor> results;
  for (size_t i = 0; i < spec.outputs.size(); ++i)
    results.push_back(
        readOutput(spec.outputs[i], buffers[spec.inputs.size() + i], sets));
  return results;
}

} // namespace shade::driver
