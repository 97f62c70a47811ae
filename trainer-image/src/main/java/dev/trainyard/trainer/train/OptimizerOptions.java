package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The reference's optimizer and learning-rate schedule flags, as a picocli mixin. */
public final class OptimizerOptions {

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR",
            description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "M",
            description = "SGD momentum, beta1 for Adam (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--beta2", defaultValue = "0.999", paramLabel = "B",
            description = "Adam beta2 (default: ${DEFAULT-VALUE})")
    double beta2;

    @Option(names = "--adam-eps", defaultValue = "1e-6", paramLabel = "EPS",
            description = "Adam eps (default: ${DEFAULT-VALUE})")
    double adamEps;

    @Option(names = "--no-nesterov", description = "do not use Nesterov momentum for SGD")
    boolean noNesterov;

    @Option(names = "--weight-decay", defaultValue = "0.0", paramLabel = "WD",
            description = "L2 weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--adam", description = "use the Adam optimizer")
    boolean adam;

    @Option(names = "--amsgrad", description = "use Adam with the AMSGrad variant")
    boolean amsgrad;

    @Option(names = "--lr-decay", arity = "1..*", paramLabel = "EPOCH",
            description = "epochs at which the learning rate decays by --lr-decay-factor")
    List<Double> lrDecay = new ArrayList<>();

    @Option(names = "--lr-decay-factor", defaultValue = "0.1", paramLabel = "F",
            description = "learning rate decay factor (default: ${DEFAULT-VALUE})")
    double lrDecayFactor;

    @Option(names = "--lr-decay-epochs", defaultValue = "1.0", paramLabel = "N",
            description = "epochs over which each decay is spread log-linearly (default: ${DEFAULT-VALUE})")
    double lrDecayEpochs;

    @Option(names = "--lr-warm-up-start-epoch", defaultValue = "0", paramLabel = "EPOCH",
            description = "epoch at which the warm-up starts (default: ${DEFAULT-VALUE})")
    double lrWarmUpStartEpoch;

    @Option(names = "--lr-warm-up-epochs", defaultValue = "1", paramLabel = "N",
            description = "epochs of geometric learning rate warm-up, 0 for none (default: ${DEFAULT-VALUE})")
    double lrWarmUpEpochs;

    @Option(names = "--lr-warm-up-factor", defaultValue = "0.001", paramLabel = "F",
            description = "learning rate factor at the start of the warm-up (default: ${DEFAULT-VALUE})")
    double lrWarmUpFactor;

    @Option(names = "--lr-warm-restarts", arity = "1..*", paramLabel = "EPOCH",
            description = "epochs at which the learning rate restarts from --lr")
    List<Double> lrWarmRestarts = new ArrayList<>();

    @Option(names = "--lr-warm-restart-duration", defaultValue = "0.5", paramLabel = "N",
            description = "epochs a warm restart takes to return to the schedule (default: ${DEFAULT-VALUE})")
    double lrWarmRestartDuration;

    public double learningRate() {
        return lr;
    }

    /** The optimizer the flags select, over {@code parameters}. */
    public Optimizer create(List<NDArray> parameters) {
        if (!(lr > 0)) {
            throw new BadInputException("--lr must be positive, got " + lr);
        }
        if (weightDecay < 0) {
            throw new BadInputException("--weight-decay must be >= 0, got " + weightDecay);
        }
        if (adam || amsgrad) {
            if (momentum < 0 || momentum >= 1 || beta2 < 0 || beta2 >= 1) {
                throw new BadInputException("Adam needs --momentum (beta1) and --beta2 in [0, 1), got " + momentum
                        + " and " + beta2);
            }
            return new Adam(parameters, (float) momentum, (float) beta2, (float) adamEps, (float) weightDecay, amsgrad);
        }
        if (momentum < 0) {
            throw new BadInputException("--momentum must be >= 0, got " + momentum);
        }
        if (!noNesterov && momentum == 0) {
            throw new BadInputException("Nesterov momentum needs --momentum above 0; add --no-nesterov for plain SGD");
        }
        return new Sgd(parameters, (float) momentum, (float) weightDecay, !noNesterov);
    }

    /** The schedule for {@code batchesPerEpoch} batches per epoch. */
    public LearningRateSchedule schedule(int batchesPerEpoch) {
        if (!(lrDecayFactor > 0) || !(lrDecayEpochs > 0) || lrWarmUpEpochs < 0 || !(lrWarmUpFactor > 0)
                || !(lrWarmRestartDuration > 0)) {
            throw new BadInputException("--lr-decay-factor, --lr-decay-epochs, --lr-warm-up-factor and"
                    + " --lr-warm-restart-duration must be positive and --lr-warm-up-epochs >= 0");
        }
        return new LearningRateSchedule(lr, batchesPerEpoch, lrWarmUpStartEpoch, lrWarmUpEpochs, lrWarmUpFactor,
                lrDecay, lrDecayFactor, lrDecayEpochs, lrWarmRestarts, lrWarmRestartDuration);
    }
}
