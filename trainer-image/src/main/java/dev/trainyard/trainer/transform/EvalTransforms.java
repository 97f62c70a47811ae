package dev.trainyard.trainer.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the evaluation preprocessing of the reference ({@code cocokp.common_eval_preprocess} followed
 * by normalisation); predictions map back to original pixels through the resulting meta.
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
     * @throws IllegalArgumentException when batching without a long edge, which cannot give equal sizes
     */
    public static Transform coco(int longEdge, int batchSize) {
        if (longEdge < 0) {
            throw new IllegalArgumentException("--coco-eval-long-edge must be non-negative, got " + longEdge);
        }
        if (batchSize > 1 && longEdge == 0) {
            throw new IllegalArgumentException("evaluating with batch size " + batchSize
                    + " needs --coco-eval-long-edge > 0 so that images can be padded to one size");
        }
        List<Transform> steps = new ArrayList<>();
        steps.add(new NormalizeAnnotations());
        if (longEdge > 0) {
            steps.add(new RescaleAbsolute(longEdge));
        }
        steps.add(batchSize == 1 ? new CenterPadTight(PAD_MULTIPLE) : new CenterPad(longEdge));
        steps.add(new Normalize());
        return new Compose(steps);
    }
}
