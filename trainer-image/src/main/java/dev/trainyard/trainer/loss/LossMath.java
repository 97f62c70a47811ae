package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Element-wise building blocks shared by the loss components.
 *
 * <p>Every function is written so that its backward pass stays finite wherever its forward pass
 * is finite: a masked-out branch must never feed an infinite local derivative into a zero upstream
 * gradient, because {@code 0 * inf = NaN} would then poison the whole gradient.
 */
final class LossMath {

    /** The reference's ln 2 in {@code log b = s / 2 + ln 2}, kept at its five digits. */
    static final double LN2 = 0.69314;

    private LossMath() {}

    /** One channel of a head tensor: {@code [batch, fields, channels, h, w] -> [batch, fields, h, w]}. */
    static NDArray channel(NDArray headTensor, int channel) {
        return headTensor.get(new NDIndex(":, :, {}", channel));
    }

    /**
     * The Euclidean norm of two channels taken element by element, e.g. the size of a (W, H) pair.
     *
     * @return {@code [batch, fields, h, w]}
     */
    static NDArray pairNorm(NDArray headTensor, int first, int second) {
        return channel(headTensor, first).square().add(channel(headTensor, second).square()).sqrt();
    }

    /** The soft-clamped log-variance {@code s = 3 tanh(w / 3)} of a raw uncertainty {@code w}. */
    static NDArray logSigma2(NDArray rawWidth) {
        return rawWidth.div(3.0).tanh().mul(3.0);
    }

    /**
     * SoftClamp: {@code v} below {@code max}, {@code max + ln(v - max + 1)} above; {@code max = 0} disables it.
     *
     * <p>Written as {@code min(v, max) + ln(1 + max(v - max, 0))} rather than a {@code where}: the
     * unused logarithm branch of a {@code where} reaches {@code ln(0)} at {@code v = max - 1}.
     */
    static NDArray softClamp(NDArray v, double max) {
        if (max == 0.0) {
            return v;
        }
        return v.minimum(max).add(v.sub(max).maximum(0.0).add(1.0).log());
    }

    /** Smooth L1 against zero with beta 1: {@code d^2 / 2} for {@code |d| < 1}, else {@code |d| - 1/2}. */
    static NDArray smoothL1(NDArray d) {
        NDArray abs = d.abs();
        NDArray quadratic = abs.minimum(1.0);
        return quadratic.square().mul(0.5).add(abs.sub(quadratic));
    }

    /** True where the element is neither NaN nor infinite. */
    static NDArray isFinite(NDArray a) {
        return a.abs().lt(Double.POSITIVE_INFINITY);
    }

    /** {@code a} where {@code mask} holds, else {@code fill}; {@code a} and {@code mask} share one shape. */
    static NDArray where(NDArray mask, NDArray a, double fill) {
        NDArray scalar = a.getManager().full(new Shape(), (float) fill, a.getDataType());
        return a.getNDArrayInternal().where(mask, scalar);
    }

    /** {@code a} where {@code mask} holds, else {@code b}; all three share one shape. */
    static NDArray where(NDArray mask, NDArray a, NDArray b) {
        return a.getNDArrayInternal().where(mask, b);
    }
}
