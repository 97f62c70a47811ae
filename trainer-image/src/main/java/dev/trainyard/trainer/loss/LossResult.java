package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one multi-head loss evaluation: the differentiable total and every component.
 *
 * <p>Components keep the loss's order ({@link MultiHeadLoss#componentNames()}); a component whose
 * head had no targets this batch maps to null. The arrays are attached to the manager of the
 * first prediction.
 *
 * @param total scalar total to back-propagate, or null when no head had targets
 * @param components component name to scalar loss (null when absent)
 * @param values component name to loss value (null when absent), for logging {@code head_losses}
 */
public record LossResult(NDArray total, Map<String, NDArray> components, Map<String, Double> values) {

    public LossResult {
        // copies that keep the order and allow the nulls of absent components
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of the total, NaN when no head had targets. */
    public double totalValue() {
        return total == null ? Double.NaN : total.getFloat();
    }
}
