package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Rotation about the image centre {@code ((w - 1) / 2, (h - 1) / 2)}, keeping the image size, shared by
 * {@link RotateBy90} and {@link RotateUniform} (the reference's {@code rotate} and {@code _prepad}).
 *
 * <p>A positive angle turns the content counter-clockwise as seen on screen (y down): a point maps
 * to {@code x' = cx + cos * dx + sin * dy}, {@code y' = cy - sin * dx + cos * dy}. The reference
 * resamples with scipy's cubic spline; this uses bilinear sampling (see {@link Bilinear}), which is
 * exact for multiples of 90 degrees on pixel-aligned grids and otherwise slightly softer.
 */
final class Rotation {

    private Rotation() {}

    /** Rotates by {@code degrees}; uncovered pixels get a random grey in {0, ..., 254}. */
    static Sample rotate(Sample sample, double degrees, RandomGenerator rng) {
        ImageMeta meta = sample.meta();
        if (meta.rotationAngle() != 0) {
            throw new IllegalStateException("sample is already rotated by " + meta.rotationAngle() + " degrees");
        }
        RgbImage image = sample.image();
        int w = image.width();
        int h = image.height();
        double[] cs = cosSin(degrees);
        double cos = cs[0];
        double sin = cs[1];
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;

        RgbImage rotated = image;
        if (degrees != 0) {
            float fill = rng.nextInt(255);
            // Inverse map: output pixel p' samples the input at c + R^-1 (p' - c).
            rotated = Bilinear.affine(image, w, h,
                    cx - cos * cx + sin * cy, cos, -sin,
                    cy - sin * cx - cos * cy, sin, cos, fill);
        }

        List<Annotation> annotations = new ArrayList<>(sample.annotations().size());
        for (Annotation ann : sample.annotations()) {
            float[] kps = ann.keypoints().clone();
            for (int i = 0; i < kps.length; i += 3) {
                double dx = kps[i] - cx;
                double dy = kps[i + 1] - cy;
                kps[i] = (float) (cx + cos * dx + sin * dy);
                kps[i + 1] = (float) (cy - sin * dx + cos * dy);
            }
            double[] box = rotateBox(toDouble(ann.bbox()), w - 1, h - 1, cos, sin);
            annotations.add(ann.withGeometry(kps, toFloat(box)));
        }

        double[] va = rotateBox(meta.validArea(), w - 1, h - 1, cos, sin);
        // The rotated valid area's bounding box is clipped to the image, as in the reference.
        double x0 = clip(va[0], 0, w - 1);
        double y0 = clip(va[1], 0, h - 1);
        double x1 = clip(va[0] + va[2], 0, w - 1);
        double y1 = clip(va[1] + va[3], 0, h - 1);
        meta = meta.withRotation(degrees, w, h).withValidArea(x0, y0, x1 - x0, y1 - y0);
        return new Sample(rotated, annotations, meta);
    }

    /**
     * Pads so that no content is cut by a rotation of {@code degrees}, as the reference's
     * {@code _prepad}: nothing below 0.3 degrees, else a centred pad (random grey) to
     * {@code (int(w cos + h sin) + 1, int(h cos + w sin) + 1)}.
     */
    static Sample prepad(Sample sample, double degrees, RandomGenerator rng) {
        if (Math.abs(degrees) < 0.3) {
            return sample;
        }
        int w = sample.image().width();
        int h = sample.image().height();
        double cos = Math.cos(Math.toRadians(Math.abs(degrees)));
        double sin = Math.sin(Math.toRadians(Math.abs(degrees)));
        int pw = (int) (w * cos + h * sin) + 1;
        int ph = (int) (h * cos + w * sin) + 1;
        return new CenterPad(pw, ph).apply(sample, rng);
    }

    /** Bounding box of the rotated corners of {@code [x, y, w, h]}, about {@code (width / 2, height / 2)}. */
    static double[] rotateBox(double[] box, double width, double height, double cos, double sin) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int corner = 0; corner < 4; corner++) {
            double dx = box[0] + (corner & 1) * box[2] - width / 2;
            double dy = box[1] + (corner >> 1) * box[3] - height / 2;
            double x = width / 2 + cos * dx + sin * dy;
            double y = height / 2 - sin * dx + cos * dy;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        return new double[] {minX, minY, maxX - minX, maxY - minY};
    }

    /** Cosine and sine, exact for multiples of 90 degrees so quarter turns move pixels without blending. */
    static double[] cosSin(double degrees) {
        if (degrees % 90 == 0) {
            int quarter = Math.floorMod((long) (degrees / 90), 4);
            return switch (quarter) {
                case 0 -> new double[] {1, 0};
                case 1 -> new double[] {0, 1};
                case 2 -> new double[] {-1, 0};
                default -> new double[] {0, -1};
            };
        }
        double rad = Math.toRadians(degrees);
        return new double[] {Math.cos(rad), Math.sin(rad)};
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
