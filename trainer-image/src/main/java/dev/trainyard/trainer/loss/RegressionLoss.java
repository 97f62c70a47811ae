package dev.trainyard.trainer.loss;

import static dev.trainyard.trainer.loss.LossMath.LN2;
import static dev.trainyard.trainer.loss.LossMath.channel;
import static dev.trainyard.trainer.loss.LossMath.isFinite;
import static dev.trainyard.trainer.loss.LossMath.logSigma2;
import static dev.trainyard.trainer.loss.LossMath.pairNorm;
import static dev.trainyard.trainer.loss.LossMath.softClamp;
import static dev.trainyard.trainer.loss.LossMath.where;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import dev.trainyard.trainer.head.HeadMeta;

/**
 * The Laplace regression term of one vector, with a b_min floor and the field's shared uncertainty.
 *
 * <p>{@code d = |(x̂ - t_x, ŷ - t_y, b_min)|}, {@code l = SoftClamp(d / (k · t_scale))} with k = ½
 * (keypoints) or 0.1 (detection), and {@code L = l e^(-log b) + log b} where {@code log b = s/2 + ln 2}.
 * Only elements whose two target offsets are finite count. A NaN target scale is imputed with
 * softplus of the (detached) predicted scale, a NaN b_min with 0.1.
 *
 * @param vectorChannel prediction channel of the vector's x (y follows)
 * @param predictedScaleChannels one prediction scale channel, or the (W, H) pair whose norm is the scale
 * @param targetChannel target channel of the vector's x (y follows)
 * @param bminChannel target channel of the vector's b_min
 * @param targetScaleChannels one target scale channel, or the (W, H) pair whose norm is the scale
 * @param sigmaFromScale k: the regression σ as a fraction of the target scale
 * @param softClampMax SoftClamp of the scaled distance; 0 disables it
 */
record RegressionLoss(
        int vectorChannel,
        int[] predictedScaleChannels,
        int targetChannel,
        int bminChannel,
        int[] targetScaleChannels,
        double sigmaFromScale,
        double softClampMax)
        implements ElementLoss {

    /** b_min assumed where the target does not give one. */
    static final double DEFAULT_BMIN = 0.1;

    /** The loss of vector {@code vector} of a keypoint or association head: its own scale, σ = scale / 2. */
    static RegressionLoss keypoint(HeadMeta meta, int vector, double softClampMax) {
        int nVectors = meta.nVectors();
        return new RegressionLoss(
                2 + 2 * vector,
                new int[] {2 + 2 * nVectors + vector},
                1 + 2 * vector,
                1 + 2 * nVectors + vector,
                new int[] {1 + 3 * nVectors + vector},
                0.5,
                softClampMax);
    }

    /**
     * The loss of vector {@code vector} of a detection head (centre offset, then W/H): both are
     * measured against σ = 0.1·|(W, H)|, the box size.
     */
    static RegressionLoss detection(int vector, double softClampMax) {
        return new RegressionLoss(
                2 + 2 * vector, new int[] {4, 5}, 1 + 2 * vector, 5 + vector, new int[] {3, 4}, 0.1, softClampMax);
    }

    @Override
    public NDArray apply(NDArray prediction, NDArray target) {
        NDArray tx = channel(target, targetChannel);
        NDArray ty = channel(target, targetChannel + 1);
        NDArray valid = isFinite(tx).logicalAnd(isFinite(ty));

        // Ignored elements get harmless stand-ins so that no NaN or inf enters the arithmetic.
        NDArray bmin = channel(target, bminChannel);
        NDArray bminImputed = where(valid.logicalAnd(bmin.isNaN().logicalNot()), bmin, DEFAULT_BMIN);
        NDArray targetScale = scale(target, targetScaleChannels);
        NDArray imputedScale = Activation.softPlus(scale(prediction, predictedScaleChannels).stopGradient());
        NDArray scaleOrImputed = where(targetScale.isNaN(), imputedScale, targetScale);
        NDArray sigma = where(valid, scaleOrImputed, 1.0).mul(sigmaFromScale);

        NDArray dx = channel(prediction, vectorChannel).sub(where(valid, tx, 0.0));
        NDArray dy = channel(prediction, vectorChannel + 1).sub(where(valid, ty, 0.0));
        // norm() rather than sqrt(sum of squares): its gradient stays finite at a zero distance
        NDArray distance = NDArrays.stack(new NDList(dx, dy, bminImputed), 4).norm(2, new int[] {4}, false);
        NDArray l = softClamp(distance.div(sigma), softClampMax);

        NDArray logB = logSigma2(channel(prediction, 0)).mul(0.5).add(LN2);
        NDArray loss = l.mul(logB.neg().exp()).add(logB);
        return where(valid, loss, 0.0);
    }

    /** A scale channel, or the norm of a (W, H) channel pair: {@code [batch, fields, h, w]}. */
    private static NDArray scale(NDArray headTensor, int[] channels) {
        return channels.length == 1
                ? channel(headTensor, channels[0])
                : pairNorm(headTensor, channels[0], channels[1]);
    }
}
