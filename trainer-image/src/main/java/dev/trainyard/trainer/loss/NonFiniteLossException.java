package dev.trainyard.trainer.loss;

import java.util.List;
import java.util.Map;

/** Thrown when a loss component evaluates to NaN or infinity; training cannot continue from this batch. */
public class NonFiniteLossException extends RuntimeException {

    private final List<String> components;

    /**
     * @param components names of the non-finite components
     * @param values this batch's component values (null where absent)
     * @param previous the previous batch's component values, or null on the first batch
     */
    public NonFiniteLossException(List<String> components, Map<String, Double> values, Map<String, Double> previous) {
        super("found a loss that is not finite: " + String.join(", ", components)
                + "; losses " + values + ", previous " + previous);
        this.components = List.copyOf(components);
    }

    /** Names of the components that are not finite. */
    public List<String> components() {
        return components;
    }
}
