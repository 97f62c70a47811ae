package dev.trainyard.trainer.train;

import java.util.List;

/**
 * The reference's learning-rate schedule, stepped after every batch: {@code lr = lr0 * lambda(s)}
 * with s the global batch index and N batches per epoch.
 *
 * <p>Warm-up: {@code lambda = f} for {@code s <= W0}, the geometric ramp
 * {@code f^(1 - (s - W0) / Wn)} while {@code W0 < s < W0 + Wn}, then 1 (W0 = start epoch x N,
 * Wn = warm-up epochs x N, f the warm-up factor). Each decay epoch d (D = d x N) multiplies by
 * {@code gamma^((s - D) / T)} while {@code D < s < D + T} and by gamma from {@code D + T} on
 * (T = decay epochs x N): a log-linear step spread over T batches. Each warm restart r
 * (R = r x N) replaces the factor by {@code lambda^((s - R) / U)} while {@code R <= s < R + U}
 * (U = restart duration x N): the learning rate jumps back to lr0 at R and falls geometrically to
 * the scheduled value over U.
 *
 * <p>Resuming at epoch e continues at {@code s = e x N}, so a refined run follows the same curve.
 *
 * @param learningRate lr0, {@code --lr}
 * @param batchesPerEpoch N, the training batches of one epoch
 * @param warmUpStartEpoch {@code --lr-warm-up-start-epoch}
 * @param warmUpEpochs {@code --lr-warm-up-epochs}; 0 disables the warm-up
 * @param warmUpFactor {@code --lr-warm-up-factor}
 * @param decayEpochs {@code --lr-decay}: epochs at which a decay starts
 * @param decayFactor {@code --lr-decay-factor}
 * @param decayDuration {@code --lr-decay-epochs}: epochs over which each decay is spread
 * @param warmRestarts {@code --lr-warm-restarts}: epochs at which the learning rate restarts
 * @param warmRestartDuration {@code --lr-warm-restart-duration}: epochs back to the schedule
 */
public record LearningRateSchedule(
        double learningRate, int batchesPerEpoch, double warmUpStartEpoch, double warmUpEpochs, double warmUpFactor,
        List<Double> decayEpochs, double decayFactor, double decayDuration,
        List<Double> warmRestarts, double warmRestartDuration) {

    public LearningRateSchedule {
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("batches per epoch must be positive, got " + batchesPerEpoch);
        }
        decayEpochs = List.copyOf(decayEpochs);
        warmRestarts = List.copyOf(warmRestarts);
    }

    /** A schedule without warm restarts. */
    public LearningRateSchedule(
            double learningRate, int batchesPerEpoch, double warmUpStartEpoch, double warmUpEpochs,
            double warmUpFactor, List<Double> decayEpochs, double decayFactor, double decayDuration) {
        this(learningRate, batchesPerEpoch, warmUpStartEpoch, warmUpEpochs, warmUpFactor, decayEpochs, decayFactor,
                decayDuration, List.of(), 0.5);
    }

    /** The reference's defaults around a learning rate: warm-up over the first epoch from 1e-3 x lr, no decay. */
    public static LearningRateSchedule warmUpOnly(double learningRate, int batchesPerEpoch) {
        return new LearningRateSchedule(learningRate, batchesPerEpoch, 0, 1, 1e-3, List.of(), 0.1, 1);
    }

    /** This schedule for another number of batches per epoch. */
    public LearningRateSchedule withBatchesPerEpoch(int n) {
        return new LearningRateSchedule(learningRate, n, warmUpStartEpoch, warmUpEpochs, warmUpFactor, decayEpochs,
                decayFactor, decayDuration, warmRestarts, warmRestartDuration);
    }

    /** The learning rate of global batch {@code step} (0 is the first batch of epoch 0). */
    public double at(long step) {
        return learningRate * lambda(step);
    }

    /** The factor on lr0 at global batch {@code step}. */
    public double lambda(long step) {
        double n = batchesPerEpoch;
        double s = step;
        double lambda = 1;
        if (warmUpEpochs > 0) {
            double start = warmUpStartEpoch * n;
            double length = warmUpEpochs * n;
            if (s <= start) {
                lambda *= warmUpFactor;
            } else if (s < start + length) {
                lambda *= Math.pow(warmUpFactor, 1 - (s - start) / length);
            }
        }
        double t = decayDuration * n;
        for (double decay : decayEpochs) {
            double d = decay * n;
            if (s >= d + t) {
                lambda *= decayFactor;
            } else if (s > d) {
                lambda *= Math.pow(decayFactor, (s - d) / t);
            }
        }
        double u = warmRestartDuration * n;
        for (double restart : warmRestarts) {
            double r = restart * n;
            if (s >= r && s < r + u) {
                lambda = Math.pow(lambda, (s - r) / u);
            }
        }
        return lambda;
    }
}
