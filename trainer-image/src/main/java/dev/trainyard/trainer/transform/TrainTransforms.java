package dev.trainyard.trainer.transform;

import java.util.List;

/** Builds the preprocessing pipelines of the reference's {@code cocokp} data module. */
public final class TrainTransforms {

    /** The probability of a uniform ±30-degree rotation in training. */
    private static final double ROTATE_UNIFORM_PROBABILITY = 0.4;
    private static final double MAX_ROTATION = 30.0;

    private TrainTransforms() {}

    /**
     * The training pipeline ({@code cocokp._preprocess} without the encoders): a sample from a
     * {@link dev.trainyard.trainer.data.SampleSource} in, a {@code squareEdge x squareEdge} sample
     * with a normalised {@code [3, h, w]} image out.
     */
    public static Transform cocokp(CocoKpConfig config) {
        int edge = config.squareEdge();
        if (!config.augmentation()) {
            return Compose.of(
                    new RescaleAbsolute(edge),
                    new CenterPad(edge),
                    new Normalize());
        }
        return Compose.of(
                new RandomApply(HFlip.coco(), 0.5),
                RescaleRelative.cocokp(config.extendedScale(), config.rescaleImages()),
                new RandomApply(new Blur(), config.blur()),
                new RandomChoice(
                        List.of(RotateBy90.random(), new RotateUniform(MAX_ROTATION)),
                        List.of(config.orientationInvariant(), ROTATE_UNIFORM_PROBABILITY)),
                new Crop(edge),
                new CenterPad(edge),
                imageAugmentation(),
                new Normalize());
    }

    /** The reference's {@code TRAIN_TRANSFORM} colour steps: jitter, JPEG q50 (p 0.1), greyscale (p 0.01). */
    public static Transform imageAugmentation() {
        return Compose.of(
                ColorJitter.cocokp(),
                new RandomApply(new JpegCompression(50), 0.1),
                new RandomApply(new Grayscale(), 0.01));
    }
}
