package dev.trainyard.trainer.loss;

import static dev.trainyard.trainer.loss.LossMath.channel;
import static dev.trainyard.trainer.loss.LossMath.isFinite;
import static dev.trainyard.trainer.loss.LossMath.smoothL1;
import static dev.trainyard.trainer.loss.LossMath.softClamp;
import static dev.trainyard.trainer.loss.LossMath.where;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The scale term of one scale channel: smooth L1 of the relative (or log-space) scale error.
 *
 * <p>{@code ŝ = softplus(x)}; {@code d = |ŝ - t| / (b (0.1 + t))}, or {@code |ln ŝ - ln t| / b} in
 * log space; then SoftClamp and smooth L1 against 0. Only elements with a finite target count and
 * there is no uncertainty term.
 *
 * @param predictionChannel prediction channel of the raw scale
 * @param targetChannel target channel of the scale
 * @param b the Laplace width {@code --b-scale}
 * @param logSpace compare logarithms, not relative differences ({@code --scale-log})
 * @param softClampMax SoftClamp of the scaled distance; 0 disables it
 */
record ScaleLoss(int predictionChannel, int targetChannel, double b, boolean logSpace, double softClampMax)
        implements ElementLoss {

    /** Keeps the relative error finite for tiny target scales. */
    static final double RELATIVE_EPSILON = 0.1;

    @Override
    public NDArray apply(NDArray prediction, NDArray target) {
        NDArray t = channel(target, targetChannel);
        NDArray valid = isFinite(t);
        NDArray safeTarget = where(valid, t, 1.0);
        NDArray predicted = Activation.softPlus(channel(prediction, predictionChannel));

        NDArray d;
        if (logSpace) {
            // an underflowed softplus must not put ln(0) into an ignored element's gradient
            d = where(valid, predicted, 1.0).log().sub(safeTarget.log()).abs().div(b);
        } else {
            d = predicted.sub(safeTarget).abs().div(safeTarget.add(RELATIVE_EPSILON).mul(b));
        }
        NDArray loss = smoothL1(softClamp(d, softClampMax));
        return where(valid, loss, 0.0);
    }
}
