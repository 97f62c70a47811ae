package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * The reference's gradient clipping of the network's parameters (not the loss's), in place on
 * the gradients before the optimizer step:
 * <ul>
 *   <li>{@code --clip-grad-norm c}: the infinity norm (largest absolute gradient element) is
 *       limited to {@code c / lr}, so that no single parameter moves by more than about c in one
 *       step; all gradients are scaled by {@code max / (norm + 1e-6)} when the norm exceeds it.
 *   <li>{@code --clip-grad-value v}: every gradient element is clamped to {@code [-v, v]}.
 * </ul>
 */
public final class GradientClipping {

    private final List<NDArray> parameters;
    private final double clipNorm;
    private final double clipValue;

    /**
     * @param parameters the network's trainable arrays
     * @param clipNorm {@code --clip-grad-norm}, 0 for none
     * @param clipValue {@code --clip-grad-value}, 0 for none
     */
    public GradientClipping(List<NDArray> parameters, double clipNorm, double clipValue) {
        if (clipNorm < 0 || clipValue < 0) {
            throw new IllegalArgumentException("clip values must be >= 0");
        }
        this.parameters = List.copyOf(parameters);
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
    }

    public boolean enabled() {
        return clipNorm > 0 || clipValue > 0;
    }

    /**
     * Clips the current gradients for a step with the given learning rate.
     *
     * @return the infinity norm before clipping (NaN when norm clipping is off) and whether it clipped
     */
    public Result apply(double learningRate) {
        double norm = Double.NaN;
        boolean clipped = false;
        if (clipNorm > 0) {
            double maxNorm = clipNorm / learningRate;
            norm = infinityNorm();
            // As torch: the step counts as clipped when the norm exceeds the bound; the gradients are
            // scaled whenever the coefficient is below 1.
            clipped = norm > maxNorm;
            double coefficient = maxNorm / (norm + 1e-6);
            if (coefficient < 1) {
                for (NDArray p : parameters) {
                    try (NDManager scratch = p.getManager().newSubManager()) {
                        NDArray grad = p.getGradient();
                        grad.attach(scratch);
                        grad.muli((float) coefficient);
                    }
                }
            }
        }
        if (clipValue > 0) {
            float v = (float) clipValue;
            for (NDArray p : parameters) {
                try (NDManager scratch = p.getManager().newSubManager()) {
                    NDArray grad = p.getGradient();
                    grad.attach(scratch);
                    NDArray excess = grad.sub(grad.clip(-v, v));
                    grad.subi(excess);
                }
            }
        }
        return new Result(norm, clipped);
    }

    /** The largest absolute gradient element over all parameters. */
    public double infinityNorm() {
        double max = 0;
        for (NDArray p : parameters) {
            try (NDManager scratch = p.getManager().newSubManager()) {
                NDArray grad = p.getGradient();
                grad.attach(scratch);
                float m = grad.abs().max().getFloat();
                if (Float.isNaN(m)) {
                    return Double.NaN;
                }
                max = Math.max(max, m);
            }
        }
        return max;
    }

    /** @param norm the infinity norm before clipping, NaN when not computed */
    public record Result(double norm, boolean clipped) {}
}
