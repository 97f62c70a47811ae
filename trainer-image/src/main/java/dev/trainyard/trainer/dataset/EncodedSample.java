package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.encoder.FieldTargets;
import java.util.List;

/**
 * One preprocessed training example: the normalised network input and the targets of every head.
 *
 * @param image normalised input {@code [3, height, width]}
 * @param targets one entry per head, in head order, each {@code [fields, channels, h, w]}
 */
public record EncodedSample(float[] image, int height, int width, List<FieldTargets> targets, ImageMeta meta) {

    public EncodedSample {
        if (image.length != 3 * height * width) {
            throw new IllegalArgumentException("image needs 3x" + height + "x" + width + " values, got " + image.length);
        }
        targets = List.copyOf(targets);
    }
}
