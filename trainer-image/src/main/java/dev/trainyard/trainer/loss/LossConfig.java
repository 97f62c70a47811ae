package dev.trainyard.trainer.loss;

import dev.trainyard.trainer.BadInputException;
import java.util.List;

/**
 * Settings of the composite multi-head loss, as given by the reference's loss flags.
 *
 * @param lambdas {@code --lambdas}: one weight per head, broadcast to its components; empty = all 1
 * @param componentLambdas {@code --component-lambdas}: one weight per component; empty = from lambdas
 * @param autoTune {@code --auto-tune-mtl} / {@code --auto-tune-mtl-variance}
 * @param taskSparsityWeight {@code --task-sparsity-weight}; only 0 is implemented (as in the reference)
 * @param focalAlpha {@code --focal-alpha}; 0 leaves the loss unscaled, as in the reference
 * @param focalGamma {@code --focal-gamma}, at least 0
 * @param bceSoftClamp {@code --bce-soft-clamp}; 0 disables it
 * @param bceBackgroundClamp {@code --bce-background-clamp}: background logits below it get no loss; 0 disables it
 * @param bScale {@code --b-scale}: the Laplace width of the scale loss
 * @param scaleLog {@code --scale-log}: compare log scales instead of relative differences
 * @param scaleSoftClamp {@code --scale-soft-clamp}: SoftClamp of the scale and (as in the reference)
 *     regression losses; 0 disables it
 */
public record LossConfig(
        List<Double> lambdas,
        List<Double> componentLambdas,
        AutoTune autoTune,
        double taskSparsityWeight,
        double focalAlpha,
        double focalGamma,
        double bceSoftClamp,
        double bceBackgroundClamp,
        double bScale,
        boolean scaleLog,
        double scaleSoftClamp) {

    /** How component losses are weighted against each other. */
    public enum AutoTune {
        /** Fixed lambdas only. */
        NONE,
        /** {@code --auto-tune-mtl}: Kendall et al.'s learned homoscedastic uncertainties. */
        KENDALL,
        /** {@code --auto-tune-mtl-variance}: inverse standard deviations of recent loss values. */
        VARIANCE
    }

    public LossConfig {
        lambdas = List.copyOf(lambdas);
        componentLambdas = List.copyOf(componentLambdas);
        if (autoTune == null) {
            throw new IllegalArgumentException("autoTune must not be null");
        }
        checkLambdas("--lambdas", lambdas);
        checkLambdas("--component-lambdas", componentLambdas);
        if (!lambdas.isEmpty() && !componentLambdas.isEmpty()) {
            throw new BadInputException("--lambdas and --component-lambdas exclude each other: give one of them");
        }
        if (taskSparsityWeight != 0.0) {
            throw new BadInputException("--task-sparsity-weight is not implemented (the reference only supports 0),"
                    + " got " + taskSparsityWeight);
        }
        checkAtLeastZero("--focal-alpha", focalAlpha);
        checkAtLeastZero("--focal-gamma", focalGamma);
        checkAtLeastZero("--bce-soft-clamp", bceSoftClamp);
        checkFinite("--bce-background-clamp", bceBackgroundClamp);
        if (!(bScale > 0.0) || Double.isInfinite(bScale)) {
            throw new BadInputException("--b-scale must be a positive number, got " + bScale);
        }
        checkAtLeastZero("--scale-soft-clamp", scaleSoftClamp);
    }

    /** The reference's defaults: all lambdas 1, no auto-tuning, α ½, γ 1, clamps 5 and -15, b 1. */
    public static LossConfig defaults() {
        return new LossConfig(List.of(), List.of(), AutoTune.NONE, 0.0, 0.5, 1.0, 5.0, -15.0, 1.0, false, 5.0);
    }

    /** This configuration with other per-head lambdas. */
    public LossConfig withLambdas(List<Double> newLambdas) {
        return new LossConfig(newLambdas, componentLambdas, autoTune, taskSparsityWeight, focalAlpha, focalGamma,
                bceSoftClamp, bceBackgroundClamp, bScale, scaleLog, scaleSoftClamp);
    }

    /** This configuration with other per-component lambdas. */
    public LossConfig withComponentLambdas(List<Double> newComponentLambdas) {
        return new LossConfig(lambdas, newComponentLambdas, autoTune, taskSparsityWeight, focalAlpha, focalGamma,
                bceSoftClamp, bceBackgroundClamp, bScale, scaleLog, scaleSoftClamp);
    }

    /** This configuration with another auto-tuning. */
    public LossConfig withAutoTune(AutoTune newAutoTune) {
        return new LossConfig(lambdas, componentLambdas, newAutoTune, taskSparsityWeight, focalAlpha, focalGamma,
                bceSoftClamp, bceBackgroundClamp, bScale, scaleLog, scaleSoftClamp);
    }

    /** This configuration with other focal parameters. */
    public LossConfig withFocal(double alpha, double gamma) {
        return new LossConfig(lambdas, componentLambdas, autoTune, taskSparsityWeight, alpha, gamma,
                bceSoftClamp, bceBackgroundClamp, bScale, scaleLog, scaleSoftClamp);
    }

    /** This configuration with other confidence clamps. */
    public LossConfig withBceClamps(double softClamp, double backgroundClamp) {
        return new LossConfig(lambdas, componentLambdas, autoTune, taskSparsityWeight, focalAlpha, focalGamma,
                softClamp, backgroundClamp, bScale, scaleLog, scaleSoftClamp);
    }

    /** This configuration with other scale-loss settings. */
    public LossConfig withScale(double newBScale, boolean newScaleLog, double newScaleSoftClamp) {
        return new LossConfig(lambdas, componentLambdas, autoTune, taskSparsityWeight, focalAlpha, focalGamma,
                bceSoftClamp, bceBackgroundClamp, newBScale, newScaleLog, newScaleSoftClamp);
    }

    private static void checkLambdas(String flag, List<Double> values) {
        for (Double v : values) {
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new BadInputException(flag + " values must be finite and >= 0, got " + values);
            }
        }
    }

    private static void checkAtLeastZero(String flag, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new BadInputException(flag + " must be a finite number >= 0, got " + value);
        }
    }

    private static void checkFinite(String flag, double value) {
        if (!Double.isFinite(value)) {
            throw new BadInputException(flag + " must be a finite number, got " + value);
        }
    }
}
