package dev.trainyard.trainer.network;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import dev.trainyard.trainer.BadInputException;

/**
 * The normalisation layers a backbone can use, with the reference's defaults for models built
 * from scratch ({@code nets.model_defaults}).
 */
public enum NormKind {
    /** {@code BatchNorm2d} with eps 1e-3 and PyTorch momentum 0.01. */
    BATCH,
    /** {@code GroupNorm} with 4, 29 or 32 groups by width (the reference's rule) and eps 1e-4. */
    GROUP,
    /** {@code InstanceNorm2d(affine, track_running_stats)} with eps 1e-4 and PyTorch momentum 0.01. */
    INSTANCE;

    /** BatchNorm epsilon: max(PyTorch's 1e-5, 1e-3), as the reference sets for every model it builds. */
    public static final float BATCH_EPSILON = 1e-3f;

    /** Epsilon of group and instance norm. */
    public static final float GROUP_INSTANCE_EPSILON = 1e-4f;

    /**
     * Running-statistics step size in PyTorch's convention (new = (1 - m) * old + m * batch).
     * DJL's BatchNorm counts momentum the other way round, so it receives {@code 1 - m}.
     */
    public static final float TORCH_MOMENTUM = 0.01f;

    /**
     * A new normalisation block for {@code channels} feature maps; BatchNorm is synchronised
     * across processes inside {@link SyncBatchNorm#across}.
     */
    public Block create(int channels) {
        return switch (this) {
            case BATCH -> SyncBatchNorm.building() != null
                    ? new SyncBatchNorm(BATCH_EPSILON, TORCH_MOMENTUM, SyncBatchNorm.building())
                    : BatchNorm.builder()
                            .optEpsilon(BATCH_EPSILON)
                            .optMomentum(1f - TORCH_MOMENTUM)
                            .build();
            case GROUP -> new GroupNorm2d(groupNormGroups(channels), GROUP_INSTANCE_EPSILON);
            case INSTANCE -> new InstanceNorm2d(GROUP_INSTANCE_EPSILON, TORCH_MOMENTUM);
        };
    }

    /** The reference's group count: 32 (or 29 when 32 does not divide) above 100 channels, else 4. */
    static int groupNormGroups(int channels) {
        int groups = channels > 100 ? (channels % 32 == 0 ? 32 : 29) : 4;
        if (channels % groups != 0) {
            throw new BadInputException("group norm cannot split " + channels + " channels into "
                    + groups + " groups; use batch norm for this backbone");
        }
        return groups;
    }
}
