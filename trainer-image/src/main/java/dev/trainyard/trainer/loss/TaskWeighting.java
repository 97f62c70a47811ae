package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * How the component losses of a multi-head loss add up to the total that is optimised.
 *
 * <p>Implementations multiply the 0-dim losses by {@code float} constants: a {@code double} becomes
 * a 0-dim float64 tensor, and two 0-dim operands promote the total to float64.
 */
sealed interface TaskWeighting permits FixedWeighting, KendallWeighting, VarianceWeighting {

    /**
     * Combines the component losses into the total.
     *
     * @param losses one scalar per component, null where a head had no targets this batch
     * @param values the same losses as numbers (null where absent), already checked to be finite
     * @param lambdas the fixed per-component factors
     * @return the scalar total, or null when no component is present
     */
    NDArray combine(List<NDArray> losses, List<Double> values, double[] lambdas);

    /** Learnable parameters the training loop must optimise along with the network. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Values to log with each training batch, e.g. {@code mtl_sigmas}. */
    default Map<String, Object> batchMeta() {
        return Map.of();
    }

    /** Rounds like the reference's logs: three decimals. */
    static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
