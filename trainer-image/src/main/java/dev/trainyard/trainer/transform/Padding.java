package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;

/** Centre padding shared by {@link CenterPad}, {@link CenterPadTight} and the rotation pre-pad. */
final class Padding {

    private Padding() {}

    /**
     * Pads to at least {@code targetWidth x targetHeight} with the image centred, as the reference's
     * {@code center_pad}: {@code left = max(0, int((tw - w) / 2))}, the remainder right; an axis
     * already larger than the target is left as is.
     */
    static Sample centerPad(Sample sample, int targetWidth, int targetHeight, float r, float g, float b) {
        int w = sample.image().width();
        int h = sample.image().height();
        int left = Math.max(0, (int) ((targetWidth - w) / 2.0));
        int top = Math.max(0, (int) ((targetHeight - h) / 2.0));
        int right = Math.max(0, targetWidth - w - left);
        int bottom = Math.max(0, targetHeight - h - top);
        return pad(sample, left, top, right, bottom, r, g, b);
    }

    static Sample pad(Sample sample, int left, int top, int right, int bottom, float r, float g, float b) {
        RgbImage image = sample.image();
        ImageMeta meta = sample.meta();
        double[] va = meta.validArea();
        meta = meta.withOffset(meta.offsetX() + left, meta.offsetY() + top)
                .withValidArea(va[0] + left, va[1] + top, va[2], va[3]);
        return new Sample(
                padImage(image, left, top, right, bottom, r, g, b),
                AnnotationGeometry.translate(sample.annotations(), left, top),
                meta);
    }

    private static RgbImage padImage(RgbImage image, int left, int top, int right, int bottom,
                                     float r, float g, float b) {
        int w = image.width();
        int h = image.height();
        int nw = w + left + right;
        int nh = h + top + bottom;
        RgbImage padded = new RgbImage(nw, nh);
        padded.fill(r, g, b);
        float[] in = image.data();
        float[] out = padded.data();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, (c * h + y) * w, out, (c * nh + y + top) * nw + left, w);
            }
        }
        return padded;
    }
}
