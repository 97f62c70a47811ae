package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.dist.GradientAllReduce;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.network.PoseNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Times training steps (forward, composite loss, backward, Nesterov SGD) of a network on one
 * prepared batch, so that the numbers measure the network and not the data pipeline.
 */
public final class TrainingBenchmark {

    private final PoseNetwork network;
    private final MultiHeadLoss loss;
    private final NDManager manager;

    private GradientAllReduce gradients;

    public TrainingBenchmark(PoseNetwork network, MultiHeadLoss loss, NDManager manager) {
        this.network = network;
        this.loss = loss;
        this.manager = manager;
    }

    /**
     * Averages the gradients over the processes of a data-parallel job between backward pass and
     * update, as {@code train --ddp} does; the time it takes is reported on its own.
     */
    public TrainingBenchmark averaging(GradientAllReduce gradients) {
        this.gradients = gradients;
        return this;
    }

    /**
     * Runs {@code warmup + steps} training steps on {@code batch} and returns the timed ones.
     *
     * @param afterStep called with the step number (1-based, warm-up included) after each step
     */
    public Result run(HostBatch batch, int warmup, int steps, float learningRate, IntConsumer afterStep) {
        Sgd sgd = new Sgd(TrainableParameters.of(network, loss).all(), 0.9f, 0f, true);
        TrainingStep step = new TrainingStep(network, loss, sgd, manager);
        List<TrainingStep.StepResult> timed = new ArrayList<>(steps);
        List<TrainingStep.StepResult> all = new ArrayList<>(warmup + steps);
        List<Long> averaging = new ArrayList<>(warmup + steps);
        for (int i = 0; i < warmup + steps; i++) {
            // Every intermediate tensor of the step lives on this scope and is freed with it.
            try (NDManager scope = manager.newSubManager()) {
                TrainingStep.StepResult result = step.backward(batch.toNDArrays(scope));
                long start = System.nanoTime();
                if (gradients != null) {
                    gradients.average();
                }
                long averaged = System.nanoTime();
                sgd.step(learningRate);
                result = result.withOptimizerNanos(System.nanoTime() - averaged);
                all.add(result);
                averaging.add(averaged - start);
                if (i >= warmup) {
                    timed.add(result);
                }
            }
            afterStep.accept(i + 1);
        }
        return new Result(batch.batchSize(), warmup, all, timed, averaging);
    }

    /**
     * Timings of a benchmark run.
     *
     * @param all every step, warm-up first
     * @param timed the steps after the warm-up, which the statistics use
     * @param averagingNanos per step (warm-up first) the time of gradient averaging
     */
    public record Result(int batchSize, int warmup, List<TrainingStep.StepResult> all, List<TrainingStep.StepResult> timed,
            List<Long> averagingNanos) {

        /** Gradient averaging over the processes (0 alone). */
        public double medianAveragingMillis() {
            return median(averagingNanos.subList(warmup, averagingNanos.size()).stream().mapToLong(Long::longValue)
                    .toArray());
        }

        public double medianForwardMillis() {
            return median(timed.stream().mapToLong(TrainingStep.StepResult::forwardNanos).toArray());
        }

        public double medianLossMillis() {
            return median(timed.stream().mapToLong(TrainingStep.StepResult::lossNanos).toArray());
        }

        public double medianBackwardMillis() {
            return median(timed.stream().mapToLong(TrainingStep.StepResult::backwardNanos).toArray());
        }

        public double medianOptimizerMillis() {
            return median(timed.stream().mapToLong(TrainingStep.StepResult::optimizerNanos).toArray());
        }

        /** Forward, loss, backward, gradient averaging and update. */
        public double medianStepMillis() {
            long[] steps = new long[timed.size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = timed.get(i).totalNanos() + averagingNanos.get(warmup + i);
            }
            return median(steps);
        }

        /** Training images per second at the median step time. */
        public double imagesPerSecond() {
            return batchSize / (medianStepMillis() / 1000.0);
        }

        private static double median(long[] nanos) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double mid = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            return mid / 1e6;
        }
    }
}
