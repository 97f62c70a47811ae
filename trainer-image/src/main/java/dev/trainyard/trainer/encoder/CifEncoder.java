package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CifMeta;
import java.util.List;

/**
 * Encodes keypoints into Composite Intensity Field targets: a binary square patch around each
 * visible keypoint whose cells regress the offset to it, the nearest keypoint winning each cell.
 */
public final class CifEncoder implements FieldEncoder {

    /** Patches reaching further than this many cells outside the map are dropped, as in the reference. */
    static final int PADDING = 10;
    /** Target channel: confidence. */
    public static final int C = 0;
    /** Target channels: offset from the cell to the keypoint. */
    public static final int DX = 1;
    public static final int DY = 2;
    /** Target channel: b_min of the regression. */
    public static final int BMIN = 3;
    /** Target channel: keypoint scale (instance scale x sigma). */
    public static final int SCALE = 4;

    private final CifMeta meta;
    private final int sideLength;
    private final double bmin;
    private final AnnRescaler rescaler;
    private final double[] sigmas;

    /**
     * @param meta the head
     * @param sideLength patch edge in cells ({@code --cif-side-length}, reference 4)
     * @param bmin regression b_min in input pixels ({@code --cocokp-bmin}, reference 0.1)
     */
    public CifEncoder(CifMeta meta, int sideLength, double bmin) {
        this(meta, sideLength, bmin, true);
    }

    /**
     * @param suppressSelfHidden whether the reference's self-hidden rule drops hidden keypoints
     *     next to another person's visible ones (see {@link EncoderConfig#suppressSelfHidden()})
     */
    public CifEncoder(CifMeta meta, int sideLength, double bmin, boolean suppressSelfHidden) {
        if (sideLength < 1) {
            throw new IllegalArgumentException("cif side length must be at least 1, got " + sideLength);
        }
        this.meta = meta;
        this.sideLength = sideLength;
        this.bmin = bmin;
        this.rescaler = new AnnRescaler(meta.stride(), meta.pose(), suppressSelfHidden);
        this.sigmas = meta.sigmas().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public CifMeta meta() {
        return meta;
    }

    /**
     * Encodes the sample's person keypoints.
     *
     * @return targets {@code [keypoints, 5, (h - 1) / stride + 1, (w - 1) / stride + 1]} with
     *     channels c, dx, dy, bmin, scale (field units; dx, dy point from the cell to the keypoint)
     */
    @Override
    public FieldTargets encode(Sample sample) {
        int imageWidth = sample.image().width();
        int imageHeight = sample.image().height();
        List<float[]> persons = rescaler.keypointSets(sample.annotations());
        BackgroundMask mask = rescaler.backgroundMask(
                sample.annotations(), imageWidth, imageHeight, (sideLength - 1) / 2.0);
        TargetBuffer buffer = new TargetBuffer(meta.nFields(), meta.targetChannels(),
                meta.fieldSize(imageHeight), meta.fieldSize(imageWidth), mask);

        float bminCells = (float) (bmin / meta.stride());
        for (float[] keypoints : persons) {
            double scale = rescaler.scale(keypoints);
            for (int f = 0; f < sigmas.length; f++) {
                if (keypoints[3 * f + 2] > 0) {
                    fillKeypoint(buffer, f, keypoints[3 * f], keypoints[3 * f + 1],
                            (float) (scale * sigmas[f]), bminCells);
                }
            }
        }
        return buffer.finish(meta, rescaler.validArea(sample.meta()));
    }

    /** Writes the patch of one keypoint at {@code (x, y)} (field units) where it is the nearest so far. */
    private void fillKeypoint(TargetBuffer buffer, int field, float x, float y, float scale, float bminCells) {
        float centreOffset = (sideLength - 1) / 2.0f;
        // rint: numpy rounds half to even
        int minX = (int) Math.rint(x - centreOffset);
        int minY = (int) Math.rint(y - centreOffset);
        if (minX < -PADDING || minY < -PADDING
                || minX + sideLength > buffer.width + PADDING || minY + sideLength > buffer.height + PADDING) {
            return;
        }
        float[] data = buffer.data;
        int cells = buffer.height * buffer.width;
        int confidence = buffer.plane(field, C);
        for (int cy = minY; cy < minY + sideLength; cy++) {
            for (int cx = minX; cx < minX + sideLength; cx++) {
                if (!buffer.contains(cx, cy)) {
                    continue;
                }
                float dx = x - cx;
                float dy = y - cy;
                double distance = Math.sqrt((double) dx * dx + (double) dy * dy);
                int bestIndex = buffer.bestIndex(field, cy, cx);
                if (!(distance < buffer.best[bestIndex])) {
                    continue;
                }
                buffer.best[bestIndex] = (float) distance;
                int i = confidence + cy * buffer.width + cx;
                data[i] = 1.0f;
                data[i + DX * cells] = dx;
                data[i + DY * cells] = dy;
                data[i + BMIN * cells] = bminCells;
                data[i + SCALE * cells] = scale;
            }
        }
    }
}
