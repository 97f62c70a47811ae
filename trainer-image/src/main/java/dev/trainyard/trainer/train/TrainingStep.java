package dev.trainyard.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.dataset.DeviceBatch;
import dev.trainyard.trainer.loss.LossResult;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import java.util.Map;

/**
 * One optimisation step of a pose network: forward, composite loss, backward, optimizer update.
 * The training loop calls it once per batch; the benchmark times its phases.
 */
public final class TrainingStep {

    private final Block network;
    private final MultiHeadLoss loss;
    private final Optimizer optimizer;
    private final ParameterStore parameterStore;

    /**
     * @param network an initialised network
     * @param loss the composite loss of the network's heads
     * @param optimizer updates the {@link TrainableParameters} of the same network and loss
     */
    public TrainingStep(Block network, MultiHeadLoss loss, Optimizer optimizer, NDManager manager) {
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        // No copy and no parameter server: the forward pass uses the parameters' own arrays, so
        // gradients land on them and the optimizer updates them in place.
        this.parameterStore = new ParameterStore(manager, false);
    }

    /**
     * Trains on one batch: {@link #backward} then an optimizer step.
     *
     * @param batch input {@code [batch, 3, h, w]} and per-head targets; its manager owns every
     *     intermediate tensor, so closing it after the step frees them
     * @param learningRate the learning rate of this step
     */
    public StepResult run(DeviceBatch batch, float learningRate) {
        StepResult gradients = backward(batch);
        long start = System.nanoTime();
        optimizer.step(learningRate);
        return gradients.withOptimizerNanos(System.nanoTime() - start);
    }

    /**
     * Forward pass, composite loss and backward pass: afterwards every trainable array holds (has
     * added, as PyTorch accumulates) the gradient of this batch's loss. The caller clips and steps.
     *
     * @throws IllegalStateException when no head of the network has targets in the batch
     */
    public StepResult backward(DeviceBatch batch) {
        long start = System.nanoTime();
        long forwardDone;
        long lossDone;
        LossResult result;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList predictions = network.forward(parameterStore, new NDList(batch.images()), true);
            forwardDone = System.nanoTime();
            result = loss.evaluate(predictions, batch.targets());
            lossDone = System.nanoTime();
            if (result.total() == null) {
                throw new IllegalStateException("no head of the network has targets in this batch");
            }
            collector.backward(result.total());
        }
        long backwardDone = System.nanoTime();
        return new StepResult(result.totalValue(), result.values(),
                forwardDone - start, lossDone - forwardDone, backwardDone - lossDone, 0);
    }

    /**
     * The loss on a batch without updating anything, as the reference validates: the network in
     * training mode (BatchNorm uses batch statistics), no gradients recorded.
     */
    public StepResult validate(DeviceBatch batch) {
        long start = System.nanoTime();
        NDList predictions = network.forward(parameterStore, new NDList(batch.images()), true);
        long forwardDone = System.nanoTime();
        LossResult result = loss.evaluate(predictions, batch.targets());
        return new StepResult(result.totalValue(), result.values(), forwardDone - start, System.nanoTime() - forwardDone, 0, 0);
    }

    /**
     * Losses and timings of one step.
     *
     * @param loss the weighted total loss
     * @param components per component ({@code cocokp.cif.c}, ...) its value, null for heads without targets
     * @param forwardNanos the network's forward pass
     * @param lossNanos the composite loss
     * @param backwardNanos the backward pass through loss and network
     * @param optimizerNanos the parameter update
     */
    public record StepResult(
            double loss, Map<String, Double> components, long forwardNanos, long lossNanos, long backwardNanos,
            long optimizerNanos) {

        public long totalNanos() {
            return forwardNanos + lossNanos + backwardNanos + optimizerNanos;
        }

        /** This result with the optimizer's time. */
        public StepResult withOptimizerNanos(long nanos) {
            return new StepResult(loss, components, forwardNanos, lossNanos, backwardNanos, nanos);
        }
    }
}
