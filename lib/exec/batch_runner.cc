#include "cim/exec/batch_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "cim/exec/executor.h"

namespace cim {
namespace {

/// What one run covers: images [begin, end) cut into batches of batch_size.
struct RunPlan {
  const Program& program;
  const XbarEngine& engine;
  const ImageSet& images;
  int64_t begin, end, batch_size, num_batches;
  const BatchRunner::OutputFn& on_output;
};

/// Shared state of one run: the batch counter, the first error and progress.
struct RunState {
  std::atomic<int64_t> next_batch{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::condition_variable changed;
  int64_t images_done = 0;   // guarded by mu
  int threads_running = 0;   // guarded by mu
  int64_t error_batch = -1;  // guarded by mu; lowest failed batch
  Status error;              // guarded by mu
};

/// One thread's loop: take the next batch until none is left or one failed.
void WorkOnBatches(const RunPlan& plan, RunState& state, XbarWorker& worker) {
  Executor executor(plan.program, worker);
  std::vector<double> outputs;
  const int64_t size = executor.OutputSize();
  while (!state.failed.load()) {
    const int64_t batch = state.next_batch.fetch_add(1);
    if (batch >= plan.num_batches) break;
    const int64_t first = plan.begin + batch * plan.batch_size;
    const int64_t n = std::min(plan.batch_size, plan.end - first);
    Status s =
        executor.Run(plan.images.pixels + first * plan.images.ImageBytes(), n, first, &outputs);
    if (s.ok() && plan.on_output) {
      for (int64_t i = 0; i < n; ++i)
        plan.on_output(first + i, std::span<const double>(outputs.data() + i * size,
                                                          static_cast<size_t>(size)));
    }
    std::lock_guard<std::mutex> lock(state.mu);
    if (!s.ok()) {
      state.failed.store(true);
      plan.engine.CancelRun();  // later batches may be waiting for this one
      if (state.error_batch < 0 || batch < state.error_batch) {
        state.error_batch = batch;
        state.error = s;
      }
    } else {
      state.images_done += n;
    }
    state.changed.notify_all();
  }
  std::lock_guard<std::mutex> lock(state.mu);
  --state.threads_running;
  state.changed.notify_all();
}

/// Waits for the threads, calling on_progress (on this thread, without the
/// lock held) whenever the number of images done changed.
void ReportProgressUntilDone(RunState& state, const BatchRunner::ProgressFn& on_progress) {
  std::unique_lock<std::mutex> lock(state.mu);
  int64_t reported = -1;
  while (true) {
    if (state.images_done != reported) {
      reported = state.images_done;
      if (on_progress) {
        lock.unlock();
        on_progress(reported);
        lock.lock();
      }
    }
    if (state.threads_running == 0) return;
    state.changed.wait(lock,
                       [&] { return state.threads_running == 0 || state.images_done != reported; });
  }
}

}  // namespace

Prediction PredictTop5(std::span<const double> output) {
  Prediction p;
  std::vector<bool> taken(output.size(), false);
  for (size_t rank = 0; rank < p.top5.size() && rank < output.size(); ++rank) {
    size_t best = output.size();
    for (size_t i = 0; i < output.size(); ++i) {
      // Strictly greater keeps the lowest index on ties.
      if (!taken[i] && (best == output.size() || output[i] > output[best])) best = i;
    }
    taken[best] = true;
    p.top5[rank] = static_cast<int32_t>(best);
  }
  p.top1 = p.top5[0];
  return p;
}

BatchRunner::BatchRunner(const Program& program, const XbarEngine& engine,
                         BatchRunnerOptions options)
    : program_(program), engine_(engine), batch_size_(std::max<int64_t>(1, options.batch_size)) {
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int t = 0; t < threads; ++t) workers_.push_back(engine.NewWorker());
}

Status BatchRunner::Run(const ImageSet& images, int64_t begin, int64_t end,
                        const OutputFn& on_output, const ProgressFn& on_progress) {
  CIM_RETURN_IF_ERROR(CheckInputMatches(program_.input, images.h, images.w, images.c));
  if (begin < 0 || begin > end || end > images.count)
    return InvalidArgument("image range [" + std::to_string(begin) + ", " + std::to_string(end) +
                           ") is outside the dataset's " + std::to_string(images.count) +
                           " images");
  const int64_t num_batches = (end - begin + batch_size_ - 1) / batch_size_;
  const RunPlan plan{program_, engine_, images, begin, end, batch_size_, num_batches, on_output};
  engine_.BeginRun(begin);
  const int spawned = static_cast<int>(std::min<int64_t>(threads(), num_batches));
  RunState state;
  state.threads_running = spawned;
  std::vector<std::thread> pool;
  for (int t = 0; t < spawned; ++t)
    pool.emplace_back(WorkOnBatches, std::cref(plan), std::ref(state),
                      std::ref(*workers_[static_cast<size_t>(t)]));
  ReportProgressUntilDone(state, on_progress);
  for (std::thread& t : pool) t.join();
  return state.error;
}

Result<std::vector<Prediction>> BatchRunner::Predict(const ImageSet& images, int64_t begin,
                                                     int64_t end, const ProgressFn& on_progress) {
  std::vector<Prediction> predictions(static_cast<size_t>(std::max<int64_t>(0, end - begin)));
  // Each image index is written by exactly one thread: no lock needed.
  CIM_RETURN_IF_ERROR(Run(
      images, begin, end,
      [&](int64_t image, std::span<const double> out) {
        predictions[static_cast<size_t>(image - begin)] = PredictTop5(out);
      },
      on_progress));
  return predictions;
}

Result<std::vector<std::vector<double>>> BatchRunner::Outputs(const ImageSet& images, int64_t begin,
                                                              int64_t end,
                                                              const ProgressFn& on_progress) {
  std::vector<std::vector<double>> outputs(static_cast<size_t>(std::max<int64_t>(0, end - begin)));
  CIM_RETURN_IF_ERROR(Run(
      images, begin, end,
      [&](int64_t image, std::span<const double> out) {
        outputs[static_cast<size_t>(image - begin)].assign(out.begin(), out.end());
      },
      on_progress));
  return outputs;
}

}  // namespace cim
