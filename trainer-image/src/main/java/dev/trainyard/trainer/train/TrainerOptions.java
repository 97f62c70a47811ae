package dev.trainyard.trainer.train;

import picocli.CommandLine.Option;

/** The reference's trainer flags, as a picocli mixin. */
public final class TrainerOptions {

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "number of epochs to train")
    int epochs;

    @Option(names = "--train-batches", defaultValue = "0", paramLabel = "N",
            description = "train batches per epoch (default: all)")
    int trainBatches;

    @Option(names = "--val-batches", defaultValue = "0", paramLabel = "N",
            description = "validation batches (default: all)")
    int valBatches;

    @Option(names = "--val-interval", defaultValue = "1", paramLabel = "N",
            description = "validate and checkpoint every n epochs (default: ${DEFAULT-VALUE})")
    int valInterval;

    @Option(names = "--log-interval", defaultValue = "11", paramLabel = "N",
            description = "log the loss every n batches (default: ${DEFAULT-VALUE})")
    int logInterval;

    @Option(names = "--clip-grad-norm", defaultValue = "0.0", paramLabel = "C",
            description = "largest change of a single parameter per step, 0 for none (default: ${DEFAULT-VALUE})")
    double clipGradNorm;

    @Option(names = "--clip-grad-value", defaultValue = "0.0", paramLabel = "V",
            description = "clamp gradient elements to [-V, V], 0 for none (default: ${DEFAULT-VALUE})")
    double clipGradValue;

    @Option(names = "--stride-apply", defaultValue = "1", paramLabel = "N",
            description = "apply and reset gradients every n batches (default: ${DEFAULT-VALUE})")
    int strideApply;

    @Option(names = "--ema", defaultValue = "0.01", paramLabel = "D",
            description = "decay of the exponential moving average of weights, 0 for none (default: ${DEFAULT-VALUE})")
    double ema;

    public double clipGradValue() {
        return clipGradValue;
    }

    public TrainerConfig toConfig() {
        return new TrainerConfig(epochs, trainBatches, valBatches, valInterval, logInterval, clipGradNorm,
                clipGradValue, ema, strideApply);
    }
}
