package dev.trainyard.trainer.loss;

import static dev.trainyard.trainer.loss.LossMath.channel;
import static dev.trainyard.trainer.loss.LossMath.logSigma2;
import static dev.trainyard.trainer.loss.LossMath.smoothL1;
import static dev.trainyard.trainer.loss.LossMath.softClamp;
import static dev.trainyard.trainer.loss.LossMath.where;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The confidence term: a focal loss whose gradient is delivered through a Gaussian pseudo-target.
 *
 * <p>With the logit {@code x} detached, the focal-loss gradient {@code g = -σ p̄ m} is turned into
 * a pseudo-target {@code τ = x + σ p̄ m}; the element loss {@code smoothL1(x - τ) = (p̄ m)² / 2}
 * then has exactly the α-weighted focal-loss gradient with respect to {@code x}. This lets the
 * foreground term share the field's Gaussian uncertainty {@code s} with the regressions.
 *
 * <p>Prediction channels read: 0 (raw uncertainty w), 1 (logit). Target channel read: 0 (c).
 * Valid elements have {@code c >= 0}, foreground {@code c > 0}.
 */
final class ConfidenceLoss implements ElementLoss {

    private final double alpha;
    private final double gamma;
    private final double softClampMax;
    private final double backgroundClamp;

    ConfidenceLoss(LossConfig config) {
        // the reference skips the α factor when α is 0 rather than zeroing the loss
        this.alpha = config.focalAlpha() == 0.0 ? 1.0 : config.focalAlpha();
        this.gamma = config.focalGamma();
        this.softClampMax = config.bceSoftClamp();
        this.backgroundClamp = config.bceBackgroundClamp();
    }

    @Override
    public NDArray apply(NDArray prediction, NDArray target) {
        NDArray t = channel(target, 0);
        NDArray x = channel(prediction, 1);
        NDArray valid = t.gte(0.0);
        NDArray foreground = t.gt(0.0);

        NDArray sign = foreground.toType(x.getDataType(), false).mul(2.0).sub(1.0);
        NDArray xDetached = x.stopGradient();
        NDArray signedX = sign.mul(xDetached);
        NDArray step = focalStep(signedX);
        // x - x_detached is 0 in value but carries the gradient 1 with respect to x
        NDArray loss = smoothL1(x.sub(xDetached).sub(sign.mul(step)));

        if (backgroundClamp != 0.0) {
            // background already this confident stops being pushed further towards -inf
            loss = where(foreground.logicalOr(xDetached.gte(backgroundClamp)), loss, 0.0);
        }
        loss = softClamp(loss, softClampMax);

        NDArray s = logSigma2(channel(prediction, 0));
        NDArray withUncertainty = loss.mul(s.neg().exp()).add(s).mul(0.5);
        loss = where(foreground, withUncertainty, loss);
        return where(valid, loss, 0.0);
    }

    /**
     * The pseudo-target step {@code p̄ m = α (p̄^(γ+1) + γ p̄^γ p (-ln p))} for {@code σx} = signedX.
     *
     * <p>Equal to the reference's {@code p̄ · α (p̄^γ + γ p̄^(γ-1) p (-ln p))}, but without the
     * negative power that turns into {@code inf · 0 = NaN} once p̄ underflows (|x| ≳ 90, γ < 1).
     *
     * @param signedX {@code σ_t · x}, detached, {@code [batch, fields, h, w]}
     * @return {@code [batch, fields, h, w]}
     */
    private NDArray focalStep(NDArray signedX) {
        NDArray pBar = Activation.sigmoid(signedX.neg());
        if (gamma == 0.0) {
            return pBar.mul(alpha);
        }
        NDArray p = pBar.neg().add(1.0);
        NDArray negLnP = Activation.softPlus(signedX.neg());
        NDArray pBarGamma = gamma == 1.0 ? pBar : pBar.pow(gamma);
        return pBarGamma.mul(pBar.add(p.mul(negLnP).mul(gamma))).mul(alpha);
    }
}
