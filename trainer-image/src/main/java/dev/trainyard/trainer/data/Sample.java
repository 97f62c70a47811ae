package dev.trainyard.trainer.data;

import java.util.List;

/**
 * An image with its annotations and transform bookkeeping: what flows from the dataset through
 * the transforms into the encoders.
 */
public record Sample(RgbImage image, List<Annotation> annotations, ImageMeta meta) {

    public Sample {
        annotations = List.copyOf(annotations);
    }

    public Sample withImage(RgbImage newImage) {
        return new Sample(newImage, annotations, meta);
    }

    public Sample withAnnotations(List<Annotation> newAnnotations) {
        return new Sample(image, newAnnotations, meta);
    }

    public Sample withMeta(ImageMeta newMeta) {
        return new Sample(image, annotations, newMeta);
    }
}
