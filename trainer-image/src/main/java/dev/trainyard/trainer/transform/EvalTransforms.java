package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the evaluation preprocessing of the reference ({@code cocokp.common_eval_preprocess} followed
 * by normalisation); predictions map back to original pixels through the resulting meta.
 *
 * <p>The square pad of batched evaluation fills with a random grey, as the reference does; pass a
 * generator from {@link SampleRandom#of} to make it repeatable.
 */
public final class EvalTransforms {

    /** {@code --coco-eval-long-edge} default. */
    public static final int DEFAULT_LONG_EDGE = 641;
    /** Padding multiple of single-image evaluation: sizes become {@code 16k + 1}. */
    public static final int PAD_MULTIPLE = 16;

    private EvalTransforms() {}

    /**
     * Rescales the long edge to {@code longEdge} (0 = keep the size), then pads: to {@code 16k + 1}
     * per side for batch size 1, to a {@code longEdge} square otherwise (so images stack).
     *
     * @throws dev.trainyard.trainer.BadInputException when batching without a long edge, which cannot give equal sizes
     */
    public static Transform coco(int longEdge, int batchSize) {
        return coco(longEdge, batchSize, false, false);
    }

    /**
     * As {@link #coco(int, int)}, with the reference's {@code --coco-eval-extended-scale} (half of the
     * images, chosen by id, at half the long edge) and {@code --coco-eval-orientation-invariant}
     * (images turned by 0, 90, 180 or 270 degrees, chosen by id, after padding).
     */
    public static Transform coco(int longEdge, int batchSize, boolean extendedScale, boolean orientationInvariant) {
        if (longEdge < 0) {
            throw new BadInputException("--coco-eval-long-edge must be non-negative, got " + longEdge);
        }
        if ((batchSize > 1 || extendedScale) && longEdge == 0) {
            throw new BadInputException("batch size " + batchSize + (extendedScale ? " with --coco-eval-extended-scale" : "")
                    + " needs --coco-eval-long-edge > 0");
        }
        List<Transform> steps = new ArrayList<>();
        if (extendedScale) {
            steps.add(new DeterministicEqualChoice(
                    List.of(new RescaleAbsolute(longEdge), new RescaleAbsolute((longEdge - 1) / 2 + 1)), 1));
        } else if (longEdge > 0) {
            steps.add(new RescaleAbsolute(longEdge));
        }
        steps.add(batchSize == 1 ? new CenterPadTight(PAD_MULTIPLE) : new CenterPad(longEdge));
        if (orientationInvariant) {
            steps.add(new DeterministicEqualChoice(Arrays.asList(
                    null, RotateBy90.fixed(90), RotateBy90.fixed(180), RotateBy90.fixed(270)), 3));
        }
        steps.add(new Normalize());
        return new Compose(steps);
    }
}
