package dev.trainyard.trainer.loss;

import dev.trainyard.trainer.BadInputException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The loss flags of {@code train} (a picocli mixin), with the reference's names and defaults. */
public final class LossOptions {

    private static final Logger LOG = LoggerFactory.getLogger(LossOptions.class);

    @Option(names = "--lambdas", arity = "1..*", paramLabel = "<lambda>",
            description = "Prefactor of each head's loss, one per head, applied to all its components (default: 1).")
    List<Double> lambdas;

    @Option(names = "--component-lambdas", arity = "1..*", paramLabel = "<lambda>",
            description = "Prefactor of each loss component ({dataset}.{head}.c/.vec/.scales, in order).")
    List<Double> componentLambdas;

    @Option(names = "--auto-tune-mtl",
            description = "[experimental] Weigh the components with Kendall's learned task uncertainties.")
    boolean autoTuneMtl;

    @Option(names = "--auto-tune-mtl-variance",
            description = "[experimental] Weigh the components by the inverse spread of their recent values.")
    boolean autoTuneMtlVariance;

    @Option(names = "--task-sparsity-weight", paramLabel = "<weight>", defaultValue = "0",
            description = "[experimental] Not implemented, as in the reference: only 0 is accepted.")
    double taskSparsityWeight;

    @Option(names = "--focal-alpha", paramLabel = "<alpha>", defaultValue = "0.5",
            description = "Scale parameter of the focal loss; 0 leaves it unscaled (default: ${DEFAULT-VALUE}).")
    double focalAlpha;

    @Option(names = "--focal-gamma", paramLabel = "<gamma>", defaultValue = "1",
            description = "Focusing parameter of the focal loss, >= 0 (default: ${DEFAULT-VALUE}).")
    double focalGamma;

    @Option(names = "--bce-soft-clamp", paramLabel = "<value>", defaultValue = "5",
            description = "Soft clamp of the confidence loss; 0 disables it (default: ${DEFAULT-VALUE}).")
    double bceSoftClamp;

    @Option(names = "--bce-background-clamp", paramLabel = "<logit>", defaultValue = "-15",
            description = "Background logits below this get no loss; 0 disables it (default: ${DEFAULT-VALUE}).")
    double bceBackgroundClamp;

    @Option(names = "--b-scale", paramLabel = "<b>", defaultValue = "1",
            description = "Laplace width b of the scale loss (default: ${DEFAULT-VALUE}).")
    double bScale;

    @Option(names = "--scale-log", description = "Compare scales in log space instead of relative differences.")
    boolean scaleLog;

    @Option(names = "--scale-soft-clamp", paramLabel = "<value>", defaultValue = "5",
            description = "Soft clamp of the scale and regression losses; 0 disables it (default: ${DEFAULT-VALUE}).")
    double scaleSoftClamp;

    @Option(names = "--regression-soft-clamp", paramLabel = "<value>",
            description = "Accepted but ignored, as in the reference: the regression loss uses --scale-soft-clamp.")
    Double regressionSoftClamp;

    /**
     * The immutable configuration these flags describe.
     *
     * @throws BadInputException naming the flag when a value is out of range or flags conflict
     */
    public LossConfig toConfig() {
        if (autoTuneMtl && autoTuneMtlVariance) {
            throw new BadInputException("--auto-tune-mtl and --auto-tune-mtl-variance exclude each other: give one");
        }
        if (regressionSoftClamp != null && regressionSoftClamp != scaleSoftClamp) {
            LOG.warn("--regression-soft-clamp {} is ignored: the regression loss uses --scale-soft-clamp {}"
                    + " (as the reference does)", regressionSoftClamp, scaleSoftClamp);
        }
        LossConfig.AutoTune autoTune = autoTuneMtl ? LossConfig.AutoTune.KENDALL
                : autoTuneMtlVariance ? LossConfig.AutoTune.VARIANCE
                : LossConfig.AutoTune.NONE;
        return new LossConfig(
                lambdas == null ? List.of() : lambdas,
                componentLambdas == null ? List.of() : componentLambdas,
                autoTune,
                taskSparsityWeight,
                focalAlpha,
                focalGamma,
                bceSoftClamp,
                bceBackgroundClamp,
                bScale,
                scaleLog,
                scaleSoftClamp);
    }
}
