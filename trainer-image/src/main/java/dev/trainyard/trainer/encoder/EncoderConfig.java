package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.BadInputException;

/**
 * Immutable encoder settings, the reference's {@code --cocokp-bmin}, {@code --cif-side-length} and
 * {@code --caf-min-size}.
 *
 * @param keypointBmin b_min of the CIF and CAF regressions in input pixels ({@code --cocokp-bmin})
 * @param cifSideLength edge of the square CIF patch in field cells ({@code --cif-side-length})
 * @param cafMinSize edge of the square neighbourhood dilated around each CAF sample
 *     ({@code --caf-min-size})
 * @param suppressSelfHidden apply the reference's self-hidden rule (a hidden keypoint within 32 px
 *     of another person's visible keypoint of the same type is not encoded); the reference's
 *     {@code AnnRescaler.suppress_selfhidden}, on for training. Off, the targets hold every
 *     labelled keypoint, which is what a ground-truth round trip measures.
 */
public record EncoderConfig(double keypointBmin, int cifSideLength, int cafMinSize, boolean suppressSelfHidden) {

    /** The reference defaults: b_min 0.1 px, 4x4 CIF patches, 3x3 CAF neighbourhoods. */
    public static final EncoderConfig DEFAULT = new EncoderConfig(0.1, 4, 3);

    /** Settings with the reference's self-hidden rule on. */
    public EncoderConfig(double keypointBmin, int cifSideLength, int cafMinSize) {
        this(keypointBmin, cifSideLength, cafMinSize, true);
    }

    /** These settings with another b_min (a data module's {@code --NAME-bmin}). */
    public EncoderConfig withKeypointBmin(double bmin) {
        return new EncoderConfig(bmin, cifSideLength, cafMinSize, suppressSelfHidden);
    }

    /** These settings with the self-hidden rule on or off. */
    public EncoderConfig withSuppressSelfHidden(boolean suppress) {
        return new EncoderConfig(keypointBmin, cifSideLength, cafMinSize, suppress);
    }

    public EncoderConfig {
        if (!(keypointBmin > 0) || Double.isInfinite(keypointBmin)) {
            throw new BadInputException("--cocokp-bmin must be a positive number of pixels, got " + keypointBmin);
        }
        if (cifSideLength < 1) {
            throw new BadInputException("--cif-side-length must be at least 1, got " + cifSideLength);
        }
        if (cafMinSize < 1) {
            throw new BadInputException("--caf-min-size must be at least 1, got " + cafMinSize);
        }
    }
}
