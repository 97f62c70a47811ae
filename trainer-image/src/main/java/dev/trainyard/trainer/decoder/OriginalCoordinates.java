package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.data.ImageMeta;

/**
 * Maps input-image pixels back to the original image through an {@link ImageMeta}, as the
 * reference's {@code inverse_transform}: undo the rotation about the centre of the rotated image,
 * then the offset and scale, then the horizontal flip.
 */
final class OriginalCoordinates {

    private final ImageMeta meta;
    private final double cos;
    private final double sin;
    private final double centreX;
    private final double centreY;

    OriginalCoordinates(ImageMeta meta) {
        this.meta = meta;
        double angle = -meta.rotationAngle();
        if (angle % 90 == 0) {
            // exact quarter turns, so rotated points land on pixel centres again
            int quarter = Math.floorMod((long) (angle / 90), 4);
            this.cos = quarter == 0 ? 1 : quarter == 2 ? -1 : 0;
            this.sin = quarter == 1 ? 1 : quarter == 3 ? -1 : 0;
        } else {
            this.cos = Math.cos(Math.toRadians(angle));
            this.sin = Math.sin(Math.toRadians(angle));
        }
        this.centreX = (meta.rotationWidth() - 1) / 2.0;
        this.centreY = (meta.rotationHeight() - 1) / 2.0;
    }

    boolean hflip() {
        return meta.hflip();
    }

    /** Original x, y of input pixel {@code (x, y)} into {@code out[0..1]}. */
    void point(double x, double y, double[] out) {
        if (meta.rotationAngle() != 0) {
            double dx = x - centreX;
            double dy = y - centreY;
            x = centreX + cos * dx + sin * dy;
            y = centreY - sin * dx + cos * dy;
        }
        x = (x - meta.offsetX()) / meta.scaleX();
        y = (y - meta.offsetY()) / meta.scaleY();
        if (meta.hflip()) {
            x = meta.originalWidth() - 1 - x;
        }
        out[0] = x;
        out[1] = y;
    }

    /** A length along x (e.g. a joint scale) in original pixels. */
    double length(double value) {
        return value / meta.scaleX();
    }

    /** The original {@code [x, y, width, height]} of an input box: bounding box of its rotated corners. */
    double[] box(double x, double y, double width, double height) {
        if (meta.rotationAngle() != 0) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            // the reference turns boxes about ((w - 1) / 2, (h - 1) / 2), as points
            for (int corner = 0; corner < 4; corner++) {
                double dx = x + (corner & 1) * width - centreX;
                double dy = y + (corner >> 1) * height - centreY;
                double cx = centreX + cos * dx + sin * dy;
                double cy = centreY - sin * dx + cos * dy;
                minX = Math.min(minX, cx);
                minY = Math.min(minY, cy);
                maxX = Math.max(maxX, cx);
                maxY = Math.max(maxY, cy);
            }
            x = minX;
            y = minY;
            width = maxX - minX;
            height = maxY - minY;
        }
        x = (x - meta.offsetX()) / meta.scaleX();
        y = (y - meta.offsetY()) / meta.scaleY();
        width /= meta.scaleX();
        height /= meta.scaleY();
        if (meta.hflip()) {
            x = meta.originalWidth() - 1 - (x + width);
        }
        return new double[] {x, y, width, height};
    }
}
