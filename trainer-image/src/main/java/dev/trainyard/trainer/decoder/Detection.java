package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.data.ImageMeta;

/**
 * A decoded object box in input-image pixels.
 *
 * @param categoryId COCO category id (field index + 1)
 * @param x left edge
 * @param y top edge
 * @param width box width
 * @param height box height
 * @param score detection score
 */
public record Detection(int categoryId, double x, double y, double width, double height, double score) {

    /** {@code [x, y, width, height]}. */
    public double[] bbox() {
        return new double[] {x, y, width, height};
    }

    /** This box in the pixels of the original image (the reference's {@code inverse_transform}). */
    public Detection toOriginal(ImageMeta meta) {
        double[] box = new OriginalCoordinates(meta).box(x, y, width, height);
        return new Detection(categoryId, box[0], box[1], box[2], box[3], score);
    }
}
