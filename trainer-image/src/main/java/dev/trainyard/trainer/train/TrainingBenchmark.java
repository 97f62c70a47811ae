package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.dataset.HostBatch;
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

    public TrainingBenchmark(PoseNetwork network, MultiHeadLoss loss, NDManager manager) {
        this.network = network;
        this.loss = loss;
        this.manager = manager;
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
        for (int i = 0; i < warmup + steps; i++) {
            // Every intermediate tensor of the step lives on this scope and is freed with it.
            try (NDManager scope = manager.newSubManager()) {
                TrainingStep.StepResult result = step.run(batch.toNDArrays(scope), learningRate);
                all.add(result);
                if (i >= warmup) {
                    timed.add(result);
                }
            }
            afterStep.accept(i + 1);
        }
        return new Result(batch.batchSize(), warmup, all, timed);
    }

    /**
     * Timings of a benchmark run.
     *
     * @param all every step, warm-up first
     * @param timed the steps after the warm-up, which the statistics use
     */
    public record Result(int batchSize, int warmup, List<TrainingStep.StepResult> all, List<TrainingStep.StepResult> timed) {

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

        public double medianStepMillis() {
            return median(timed.stream().mapToLong(TrainingStep.StepResult::totalNanos).toArray());
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
