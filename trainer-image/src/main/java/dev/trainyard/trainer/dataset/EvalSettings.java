package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;

/**
 * How evaluation reads a dataset, the reference's {@code --coco-eval-*} flags.
 *
 * @param longEdge {@code --coco-eval-long-edge}: rescale the long edge to this (0 = keep)
 * @param batchSize images per forward pass (1 pads each image to 16k + 1, more pad to a square)
 * @param workers loader threads
 * @param annotationFilter only images with annotations ({@code --coco-no-eval-annotation-filter} turns it off)
 * @param maxImages {@code --eval-n-images}: the first n images, 0 for all
 * @param extendedScale {@code --coco-eval-extended-scale}
 * @param orientationInvariant {@code --coco-eval-orientation-invariant}
 */
public record EvalSettings(
        int longEdge, int batchSize, int workers, boolean annotationFilter, int maxImages, boolean extendedScale,
        boolean orientationInvariant) {

    public EvalSettings {
        if (batchSize < 1) {
            throw new BadInputException("--batch-size must be positive, got " + batchSize);
        }
        if (maxImages < 0) {
            throw new BadInputException("--eval-n-images must be >= 0, got " + maxImages);
        }
    }
}
