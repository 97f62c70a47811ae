package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Crops each side longer than {@code edge} to {@code edge} pixels, placed around the area of interest
 * (the hull of all non-crowd boxes, grown by 50 px), as the reference's {@code Crop}. Boxes are
 * clipped to the new valid area and annotations whose box becomes empty are dropped.
 *
 * <p>The reference's offset draw is reproduced with its quirk: the relative position is
 * {@code clip(U(-0.1, 0.1), 0, 1)}, so half of the crops sit at the smallest allowed offset and the
 * rest within the first 10% of the allowed range, rather than uniformly over it. Like the
 * reference, the 1-D placement is computed on {@code length - 1}.
 */
public record Crop(int edge, boolean useAreaOfInterest) implements Transform {

    private static final double AREA_OF_INTEREST_MARGIN = 50;
    private static final double TAIL = 0.1;

    public Crop {
        if (edge <= 0) {
            throw new IllegalArgumentException("crop edge must be positive, got " + edge);
        }
    }

    /** A crop around the area of interest, as {@code cocokp} trains. */
    public Crop(int edge) {
        this(edge, true);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        RgbImage image = sample.image();
        int w = image.width();
        int h = image.height();
        ImageMeta meta = sample.meta();
        double[] va = meta.validArea();
        double[] aoi = useAreaOfInterest ? areaOfInterest(sample.annotations(), va) : va;

        int x0 = w > edge ? randomLocation(w - 1, va[0], va[2], aoi[0], aoi[2], rng) : 0;
        int y0 = h > edge ? randomLocation(h - 1, va[1], va[3], aoi[1], aoi[3], rng) : 0;
        int nw = Math.min(edge, w - x0);
        int nh = Math.min(edge, h - y0);

        double vx = Math.max(0, va[0] - x0);
        double vy = Math.max(0, va[1] - y0);
        double vr = Math.min(nw, Math.max(vx, va[0] + va[2] - x0));
        double vb = Math.min(nh, Math.max(vy, va[1] + va[3] - y0));
        meta = meta.withOffset(meta.offsetX() - x0, meta.offsetY() - y0)
                .withValidArea(vx, vy, vr - vx, vb - vy);

        List<Annotation> kept = new ArrayList<>();
        for (Annotation ann : AnnotationGeometry.translate(sample.annotations(), -x0, -y0)) {
            float[] b = ann.bbox();
            double bx = Math.max(vx, b[0]);
            double by = Math.max(vy, b[1]);
            double br = Math.min(vr, Math.max(bx, b[0] + b[2]));
            double bb = Math.min(vb, Math.max(by, b[1] + b[3]));
            float[] box = {(float) bx, (float) by, (float) (br - bx), (float) (bb - by)};
            if (box[2] > 0 && box[3] > 0) {
                kept.add(ann.withGeometry(ann.keypoints(), box));
            }
        }
        RgbImage cropped = x0 == 0 && y0 == 0 && nw == w && nh == h ? image : crop(image, x0, y0, nw, nh);
        return new Sample(cropped, kept, meta);
    }

    /** Hull of the non-crowd boxes plus the margin, kept inside the valid area; the valid area when there are none. */
    static double[] areaOfInterest(List<Annotation> annotations, double[] validArea) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (Annotation ann : annotations) {
            if (ann.crowd()) {
                continue;
            }
            float[] b = ann.bbox();
            minX = Math.min(minX, Math.min(b[0], b[0] + b[2]));
            minY = Math.min(minY, Math.min(b[1], b[1] + b[3]));
            maxX = Math.max(maxX, Math.max(b[0], b[0] + b[2]));
            maxY = Math.max(maxY, Math.max(b[1], b[1] + b[3]));
            any = true;
        }
        if (!any) {
            return validArea;
        }
        double left = clip(minX - AREA_OF_INTEREST_MARGIN, validArea[0], validArea[0] + validArea[2] - 1);
        double top = clip(minY - AREA_OF_INTEREST_MARGIN, validArea[1], validArea[1] + validArea[3] - 1);
        double right = clip(maxX + AREA_OF_INTEREST_MARGIN, left + 1, validArea[0] + validArea[2]);
        double bottom = clip(maxY + AREA_OF_INTEREST_MARGIN, top + 1, validArea[1] + validArea[3]);
        return new double[] {left, top, right - left, bottom - top};
    }

    /** The reference's {@code random_location_1d} with {@code tail = 0.1}, {@code shift = 0}. */
    int randomLocation(double imageLength, double validMin, double validLength,
                       double interestMin, double interestLength, RandomGenerator rng) {
        if (imageLength <= edge) {
            return 0;
        }
        validMin = clip(validMin, 0, imageLength);
        validLength = clip(validLength, 0, imageLength - validMin);
        interestMin = clip(interestMin, 0, imageLength);
        interestLength = clip(interestLength, 0, imageLength - interestMin);

        double sticky = clip(-TAIL + 2 * TAIL * rng.nextDouble(), 0, 1);
        if (interestLength > edge) {
            return (int) (interestMin + (interestLength - edge) * sticky);
        }

        double minV = interestMin + interestLength - edge;
        double maxV = interestMin;
        if (validLength > edge) {
            minV = Math.max(minV, validMin);
            maxV = Math.max(minV, Math.min(maxV, validMin + validLength - edge));
        } else {
            minV = Math.max(minV, 0);
            maxV = Math.max(minV, Math.min(maxV, imageLength - edge));
        }
        minV = clip(minV, 0, imageLength - edge);
        maxV = clip(maxV, 0, imageLength - edge);
        return (int) (minV + (maxV - minV) * sticky);
    }

    /** numpy's clip: the lower bound first, so an empty range yields {@code hi}. */
    private static double clip(double v, double lo, double hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    private static RgbImage crop(RgbImage image, int x0, int y0, int nw, int nh) {
        int w = image.width();
        int h = image.height();
        float[] in = image.data();
        float[] out = new float[3 * nw * nh];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < nh; y++) {
                System.arraycopy(in, (c * h + y + y0) * w + x0, out, (c * nh + y) * nw, nw);
            }
        }
        return new RgbImage(nw, nh, out);
    }
}
