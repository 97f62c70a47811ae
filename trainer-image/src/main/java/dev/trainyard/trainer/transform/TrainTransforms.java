package dev.trainyard.trainer.transform;

import java.util.List;

/** Builds the training pipelines of the reference's {@code cocokp} and {@code cocodet} data modules. */
public final class TrainTransforms {

    /** The probability of a uniform ±30-degree rotation in training. */
    private static final double ROTATE_UNIFORM_PROBABILITY = 0.4;
    private static final double MAX_ROTATION = 30.0;
    private static final double DETECTION_MAX_ROTATION = 10.0;
    /** Boxes not both wider and taller than this many pixels become crowds in {@code cocodet}. */
    private static final double DETECTION_MIN_SIDE = 4.0;
    /** Boxes keeping at most this fraction of their area after cropping become crowds in {@code cocodet}. */
    private static final double DETECTION_UNCLIPPED_THRESHOLD = 0.75;

    private TrainTransforms() {}

    /**
     * The training pipeline ({@code cocokp._preprocess} without the encoders): a sample from a
     * {@link dev.trainyard.trainer.data.SampleSource} in, a {@code squareEdge x squareEdge} sample
     * with a normalised {@code [3, h, w]} image out.
     */
    public static Transform cocokp(CocoKpConfig config) {
        return keypoints(config, HFlip.coco());
    }

    /**
     * The {@code cocokp} pipeline for any keypoint skeleton: {@code hflip} mirrors the dataset's
     * keypoints (left and right swapped by name).
     */
    public static Transform keypoints(CocoKpConfig config, HFlip hflip) {
        int edge = config.squareEdge();
        if (!config.augmentation()) {
            return unaugmented(edge);
        }
        return Compose.of(
                new RandomApply(hflip, 0.5),
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

    /**
     * The training pipeline of {@code cocodet} ({@code cocodet._preprocess} without the encoder):
     * a narrower rescale and rotation than {@code cocokp}, then objects left tiny or mostly cropped
     * away become crowd regions (ignored by the encoder).
     */
    public static Transform cocodet(CocoDetConfig config) {
        int edge = config.squareEdge();
        if (!config.augmentation()) {
            return unaugmented(edge);
        }
        return Compose.of(
                new RandomApply(HFlip.coco(), 0.5),
                RescaleRelative.cocodet(config.extendedScale(), config.rescaleImages()),
                new RandomApply(new Blur(), config.blur()),
                new RandomChoice(
                        List.of(RotateBy90.random(), new RotateUniform(DETECTION_MAX_ROTATION)),
                        List.of(config.orientationInvariant(), CocoDetConfig.ROTATE_UNIFORM_PROBABILITY)),
                new Crop(edge),
                new CenterPad(edge),
                new MinSize(DETECTION_MIN_SIDE),
                new UnclippedArea(DETECTION_UNCLIPPED_THRESHOLD),
                imageAugmentation(),
                new Normalize());
    }

    /** Without augmentation: the long edge rescaled to {@code edge}, padded square, normalised. */
    private static Transform unaugmented(int edge) {
        return Compose.of(
                new RescaleAbsolute(edge),
                new CenterPad(edge),
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
