package dev.trainyard.trainer.train;

import dev.trainyard.trainer.BadInputException;

/**
 * The training loop's settings, as the reference's trainer flags.
 *
 * @param epochs {@code --epochs}: train up to this epoch count
 * @param trainBatches {@code --train-batches}: at most this many batches per epoch, 0 for all
 * @param valBatches {@code --val-batches}: at most this many validation batches, 0 for all
 * @param valInterval {@code --val-interval}: validate (and checkpoint) every n epochs and at the end
 * @param logInterval {@code --log-interval}: a {@code train} log record every n batches
 * @param clipGradNorm {@code --clip-grad-norm}: largest change of a single parameter, 0 for none
 * @param clipGradValue {@code --clip-grad-value}: gradient element bound, 0 for none
 * @param ema {@code --ema}: decay of the weight average, 0 for none
 * @param strideApply {@code --stride-apply}: apply (accumulated) gradients every n batches
 */
public record TrainerConfig(
        int epochs, int trainBatches, int valBatches, int valInterval, int logInterval, double clipGradNorm,
        double clipGradValue, double ema, int strideApply) {

    public TrainerConfig {
        if (epochs < 1) {
            throw new BadInputException("--epochs must be positive, got " + epochs);
        }
        if (trainBatches < 0 || valBatches < 0) {
            throw new BadInputException("--train-batches and --val-batches must be >= 0 (0: all)");
        }
        if (valInterval < 1 || logInterval < 1 || strideApply < 1) {
            throw new BadInputException("--val-interval, --log-interval and --stride-apply must be positive");
        }
        if (clipGradNorm < 0 || clipGradValue < 0) {
            throw new BadInputException("--clip-grad-norm and --clip-grad-value must be >= 0");
        }
        if (ema < 0 || ema > 1) {
            throw new BadInputException("--ema must be in [0, 1], got " + ema);
        }
    }

    /** Batches per epoch actually trained, for a loader with {@code loaderBatches}. */
    public int batchesPerEpoch(int loaderBatches) {
        return trainBatches > 0 ? Math.min(trainBatches, loaderBatches) : loaderBatches;
    }
}
