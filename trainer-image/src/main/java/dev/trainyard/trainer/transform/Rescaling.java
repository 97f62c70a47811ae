package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;

/** The resize shared by {@link RescaleRelative} and {@link RescaleAbsolute} (the reference's {@code _scale}). */
final class Rescaling {

    private Rescaling() {}

    static Sample rescale(Sample sample, int targetWidth, int targetHeight) {
        RgbImage image = sample.image();
        int w = image.width();
        int h = image.height();
        int tw = Math.max(1, targetWidth);
        int th = Math.max(1, targetHeight);
        RgbImage resized = tw == w && th == h ? image : Bilinear.resize(image, tw, th);

        // Corner-aligned factors: the first and last pixel centres stay first and last.
        double sx = factor(w, tw);
        double sy = factor(h, th);
        ImageMeta meta = sample.meta();
        double[] va = meta.validArea();
        meta = meta.withOffset(meta.offsetX() * sx, meta.offsetY() * sy)
                .withScale(meta.scaleX() * sx, meta.scaleY() * sy)
                .withValidArea(va[0] * sx, va[1] * sy, va[2] * sx, va[3] * sy);
        return new Sample(resized, AnnotationGeometry.scale(sample.annotations(), sx, sy), meta);
    }

    /** {@code (target - 1) / (size - 1)}; a one-pixel axis has no extent, so it uses the size ratio. */
    private static double factor(int size, int target) {
        return size > 1 ? (target - 1) / (double) (size - 1) : target / (double) size;
    }
}
