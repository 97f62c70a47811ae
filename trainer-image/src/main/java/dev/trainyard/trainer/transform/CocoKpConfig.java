package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.BadInputException;

/**
 * The augmentation settings of the {@code cocokp} data module, named after the reference's flags.
 *
 * @param squareEdge {@code --cocokp-square-edge}: side of the square training input (385)
 * @param extendedScale {@code --cocokp-extended-scale}: rescale range [0.25, 2] instead of [0.4, 2]
 * @param orientationInvariant {@code --cocokp-orientation-invariant}: probability of a random 90-degree rotation (0)
 * @param blur {@code --cocokp-blur}: probability of a random blur (0)
 * @param augmentation {@code --cocokp-no-augmentation} negated: false trains on rescaled, padded images only
 * @param rescaleImages {@code --cocokp-rescale-images}: factor on the rescale range (1)
 */
public record CocoKpConfig(
        int squareEdge,
        boolean extendedScale,
        double orientationInvariant,
        double blur,
        boolean augmentation,
        double rescaleImages) {

    /** Shares the rotation choice with the 0.4 chance of RotateUniform, so at most 0.6 is left. */
    public static final double MAX_ORIENTATION_INVARIANT = 0.6;

    public CocoKpConfig {
        checkFlags("cocokp", squareEdge, orientationInvariant, MAX_ORIENTATION_INVARIANT, blur, rescaleImages);
    }

    /**
     * Checks the augmentation flags that modules augmenting like {@code cocokp} share, naming them
     * {@code --MODULE-...}.
     *
     * @param maxOrientationInvariant what the uniform rotation leaves of the rotation choice
     * @throws BadInputException naming the first flag with an invalid value
     */
    public static void checkFlags(String module, int squareEdge, double orientationInvariant,
                                  double maxOrientationInvariant, double blur, double rescaleImages) {
        String flag = "--" + module + "-";
        if (squareEdge <= 0) {
            throw new BadInputException(flag + "square-edge must be positive, got " + squareEdge);
        }
        if (!(orientationInvariant >= 0 && orientationInvariant <= maxOrientationInvariant)) {
            throw new BadInputException(flag + "orientation-invariant must be in [0, " + maxOrientationInvariant
                    + "], got " + orientationInvariant);
        }
        if (!(blur >= 0 && blur <= 1)) {
            throw new BadInputException(flag + "blur must be in [0, 1], got " + blur);
        }
        if (!(rescaleImages > 0)) {
            throw new BadInputException(flag + "rescale-images must be positive, got " + rescaleImages);
        }
    }

    /** The reference's defaults: edge 385, no extended scale, no 90-degree rotations, no blur, augmentation on, rescale 1. */
    public static CocoKpConfig defaults() {
        return new CocoKpConfig(385, false, 0.0, 0.0, true, 1.0);
    }

    public CocoKpConfig withSquareEdge(int edge) {
        return new CocoKpConfig(edge, extendedScale, orientationInvariant, blur, augmentation, rescaleImages);
    }

    public CocoKpConfig withAugmentation(boolean enabled) {
        return new CocoKpConfig(squareEdge, extendedScale, orientationInvariant, blur, enabled, rescaleImages);
    }
}
