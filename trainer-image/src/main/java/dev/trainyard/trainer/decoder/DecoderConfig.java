package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.BadInputException;
import java.util.List;

/**
 * Immutable decoder settings with the reference's flag names and defaults.
 *
 * @param requests {@code --decoder}: which decoders to run; empty for the reference's choice (the
 *     first candidate, cifcaf before cifdet)
 * @param seedThreshold {@code --seed-threshold}: minimum seed score (CIF confidence and rescored seed)
 * @param cifThreshold {@code --cif-th}: minimum confidence of a cell that votes in the high-resolution map
 * @param cafThreshold {@code --caf-th}: minimum raw and rescored association confidence
 * @param keypointThreshold {@code --keypoint-threshold}: minimum joint score
 * @param keypointThresholdRel {@code --keypoint-threshold-rel}: minimum joint score relative to the joint it grew from
 * @param instanceThreshold {@code --instance-threshold}: minimum mean joint score of a pose, minimum box score
 * @param forceCompletePose {@code --force-complete-pose}: every pose gets every keypoint
 * @param forceCompleteCafThreshold {@code --force-complete-caf-th}: association threshold of the
 *     completion pass; negative uses {@code cafThreshold}
 * @param denseCoupling {@code --dense-connections}: 0 off; above 0 the dense CAF head joins the
 *     skeleton (the value itself is not used, as in the reference's C++ decoder)
 */
public record DecoderConfig(
        List<DecoderRequest> requests,
        double seedThreshold,
        double cifThreshold,
        double cafThreshold,
        double keypointThreshold,
        double keypointThresholdRel,
        double instanceThreshold,
        boolean forceCompletePose,
        double forceCompleteCafThreshold,
        double denseCoupling) {

    public static final double DEFAULT_SEED_THRESHOLD = 0.2;
    public static final double DEFAULT_CIF_THRESHOLD = 0.3;
    public static final double DEFAULT_CAF_THRESHOLD = 0.3;
    public static final double DEFAULT_KEYPOINT_THRESHOLD = 0.15;
    public static final double DEFAULT_KEYPOINT_THRESHOLD_REL = 0.5;
    /** Default instance threshold; 0 with {@code --force-complete-pose}. */
    public static final double DEFAULT_INSTANCE_THRESHOLD = 0.15;
    public static final double DEFAULT_FORCE_COMPLETE_CAF_THRESHOLD = 0.001;

    public DecoderConfig {
        requests = List.copyOf(requests);
        checkThreshold("--seed-threshold", seedThreshold);
        checkThreshold("--cif-th", cifThreshold);
        checkThreshold("--caf-th", cafThreshold);
        checkThreshold("--keypoint-threshold", keypointThreshold);
        checkThreshold("--keypoint-threshold-rel", keypointThresholdRel);
        checkThreshold("--instance-threshold", instanceThreshold);
        if (!Double.isFinite(forceCompleteCafThreshold)) {
            throw new BadInputException("--force-complete-caf-th must be a number, got " + forceCompleteCafThreshold);
        }
        if (!(denseCoupling >= 0) || Double.isInfinite(denseCoupling)) {
            throw new BadInputException("--dense-connections must be a non-negative number, got " + denseCoupling);
        }
    }

    /** The reference defaults: the first decoder candidate, no force-complete, no dense connections. */
    public static DecoderConfig defaults() {
        return new DecoderConfig(List.of(), DEFAULT_SEED_THRESHOLD, DEFAULT_CIF_THRESHOLD, DEFAULT_CAF_THRESHOLD,
                DEFAULT_KEYPOINT_THRESHOLD, DEFAULT_KEYPOINT_THRESHOLD_REL, DEFAULT_INSTANCE_THRESHOLD, false,
                DEFAULT_FORCE_COMPLETE_CAF_THRESHOLD, 0.0);
    }

    /** Whether the dense CAF head joins the skeleton. */
    public boolean denseConnections() {
        return denseCoupling > 0;
    }

    /**
     * Threshold on new joints while growing: 0 with force-complete, and never above the seed
     * threshold (the reference lowers it to the seed threshold, with a warning).
     */
    public double growthKeypointThreshold() {
        return forceCompletePose ? 0.0 : Math.min(keypointThreshold, seedThreshold);
    }

    /** Relative threshold on new joints while growing: 0 with force-complete. */
    public double growthKeypointThresholdRel() {
        return forceCompletePose ? 0.0 : keypointThresholdRel;
    }

    /** Joints at or below this are zeroed after NMS: the keypoint threshold as given, 0 with force-complete. */
    public double nmsKeypointThreshold() {
        return forceCompletePose ? 0.0 : keypointThreshold;
    }

    /** Association threshold of the completion pass. */
    public double completionCafThreshold() {
        return forceCompleteCafThreshold >= 0 ? forceCompleteCafThreshold : cafThreshold;
    }

    private static void checkThreshold(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new BadInputException(flag + " must be a non-negative number, got " + value);
        }
    }
}
