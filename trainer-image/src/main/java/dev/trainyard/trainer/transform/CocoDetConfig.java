package dev.trainyard.trainer.transform;

/**
 * The augmentation settings of the {@code cocodet} data module, named after the reference's flags;
 * the same knobs as {@link CocoKpConfig} with detection's defaults and limits.
 *
 * @param squareEdge {@code --cocodet-square-edge}: side of the square training input (513)
 * @param extendedScale {@code --cocodet-extended-scale}: rescale range [0.5, 2] instead of [0.7, 1.5]
 * @param orientationInvariant {@code --cocodet-orientation-invariant}: probability of a random
 *     90-degree rotation (0); at most 0.8, since the uniform rotation takes 0.2 of the same choice
 * @param blur {@code --cocodet-blur}: probability of a random blur (0)
 * @param augmentation {@code --cocodet-no-augmentation} negated: false trains on rescaled, padded images only
 * @param rescaleImages {@code --cocodet-rescale-images}: factor on the rescale range (1)
 */
public record CocoDetConfig(
        int squareEdge,
        boolean extendedScale,
        double orientationInvariant,
        double blur,
        boolean augmentation,
        double rescaleImages) {

    /** The chance of the uniform ±10-degree rotation, which shares a choice with the 90-degree ones. */
    static final double ROTATE_UNIFORM_PROBABILITY = 0.2;

    public CocoDetConfig {
        CocoKpConfig.checkFlags("cocodet", squareEdge, orientationInvariant, 1 - ROTATE_UNIFORM_PROBABILITY,
                blur, rescaleImages);
    }

    /** The reference's defaults: edge 513, no extended scale, no 90-degree rotations, no blur, augmentation on, rescale 1. */
    public static CocoDetConfig defaults() {
        return new CocoDetConfig(513, false, 0.0, 0.0, true, 1.0);
    }

    public CocoDetConfig withSquareEdge(int edge) {
        return new CocoDetConfig(edge, extendedScale, orientationInvariant, blur, augmentation, rescaleImages);
    }

    public CocoDetConfig withAugmentation(boolean enabled) {
        return new CocoDetConfig(squareEdge, extendedScale, orientationInvariant, blur, enabled, rescaleImages);
    }
}
