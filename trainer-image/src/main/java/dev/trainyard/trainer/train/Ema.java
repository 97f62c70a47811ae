package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's exponential moving average of the trainable weights ({@code --ema}, decay d):
 * after every optimizer step {@code ema = (1 - d) ema + d p}. It starts as a copy of the weights
 * after each epoch's first batch; at the end of the epoch the averaged weights are swapped in for
 * the checkpoint and validation, and the raw weights come back when training continues.
 * BatchNorm running statistics are not averaged.
 */
public final class Ema {

    private static final NDIndex ALL = new NDIndex("...");

    private final List<NDArray> parameters;
    private final float decay;
    private List<NDArray> average;
    private List<NDArray> raw;

    /**
     * @param parameters the network's trainable arrays
     * @param decay d, 0 disables the average
     */
    public Ema(List<NDArray> parameters, double decay) {
        if (decay < 0 || decay > 1) {
            throw new IllegalArgumentException("--ema must be in [0, 1], got " + decay);
        }
        this.parameters = List.copyOf(parameters);
        this.decay = (float) decay;
    }

    public boolean enabled() {
        return decay > 0;
    }

    /** Whether the average has started this epoch. */
    public boolean started() {
        return average != null;
    }

    /** Starts the average from the current weights (after an epoch's first batch). */
    public void start() {
        if (!enabled()) {
            return;
        }
        discard();
        average = copies(parameters);
    }

    /** One averaging step after an optimizer step; nothing before {@link #start()}. */
    public void update() {
        if (average == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            try (NDManager scratch = p.getManager().newSubManager()) {
                p.tempAttach(scratch);
                average.get(i).muli(1 - decay).addi(p.mul(decay));
            }
        }
    }

    /** Swaps the averaged weights in, keeping the raw ones for {@link #restore()}. */
    public void apply() {
        if (average == null) {
            return;
        }
        if (raw != null) {
            throw new IllegalStateException("the average is applied already");
        }
        raw = copies(parameters);
        copyInto(average, parameters);
    }

    /** Puts the raw weights back after {@link #apply()} and ends this epoch's average. */
    public void restore() {
        if (raw != null) {
            copyInto(raw, parameters);
            raw.forEach(NDArray::close);
            raw = null;
        }
        discard();
    }

    private void discard() {
        if (average != null) {
            average.forEach(NDArray::close);
            average = null;
        }
    }

    private static List<NDArray> copies(List<NDArray> arrays) {
        List<NDArray> copies = new ArrayList<>(arrays.size());
        for (NDArray p : arrays) {
            NDManager owner = p.getManager();
            NDArray copy = owner.zeros(p.getShape(), p.getDataType(), p.getDevice());
            try (NDManager scratch = owner.newSubManager()) {
                copy.tempAttach(scratch);
                copy.set(ALL, p);
            }
            copies.add(copy);
        }
        return copies;
    }

    private static void copyInto(List<NDArray> sources, List<NDArray> targets) {
        for (int i = 0; i < targets.size(); i++) {
            NDArray target = targets.get(i);
            try (NDManager scratch = target.getManager().newSubManager()) {
                target.tempAttach(scratch);
                target.set(ALL, sources.get(i));
            }
        }
    }
}
