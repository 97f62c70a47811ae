package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.encoder.DetectionAnnRescaler.Detection;
import dev.trainyard.trainer.head.CifDetMeta;
import java.util.List;

/**
 * Encodes object boxes into CifDet targets: a 5x5 patch at each box centre regressing the offset
 * to the centre and the box size, its corner cells (beyond radius 2) ignored.
 */
public final class CifDetEncoder implements FieldEncoder {

    /** The reference's b_min in input pixels (it has no flag). */
    public static final double DEFAULT_BMIN = 1.0;
    /** Patches reaching further than this many cells outside the map are dropped, as in the reference. */
    static final int PADDING = 10;
    static final int SIDE_LENGTH = 5;
    /** Target channel: confidence. */
    public static final int C = 0;
    /** Target channels: offset from the cell to the box centre. */
    public static final int DX = 1;
    public static final int DY = 2;
    /** Target channels: box width and height. */
    public static final int W = 3;
    public static final int H = 4;
    /** Target channels: b_min of the centre and of the size regression. */
    public static final int BMIN_REG = 5;
    public static final int BMIN_WH = 6;

    private final CifDetMeta meta;
    private final double bmin;
    private final DetectionAnnRescaler rescaler;

    /**
     * @param meta the head
     * @param bmin lower bound of the regression b_min in input pixels (reference 1.0)
     */
    public CifDetEncoder(CifDetMeta meta, double bmin) {
        this.meta = meta;
        this.bmin = bmin;
        this.rescaler = new DetectionAnnRescaler(meta.stride(), meta.nFields());
    }

    @Override
    public CifDetMeta meta() {
        return meta;
    }

    /**
     * Encodes the sample's object boxes.
     *
     * @return targets {@code [categories, 7, (h - 1) / stride + 1, (w - 1) / stride + 1]} with
     *     channels c, dx, dy, w, h, bmin_reg, bmin_wh (field units)
     * @throws IllegalArgumentException for a non-crowd box without positive width and height, or
     *     a category outside the head's
     */
    @Override
    public FieldTargets encode(Sample sample) {
        int imageWidth = sample.image().width();
        int imageHeight = sample.image().height();
        List<Detection> detections = rescaler.detections(sample.annotations());
        BackgroundMask mask = rescaler.backgroundMask(
                sample.annotations(), imageWidth, imageHeight, (SIDE_LENGTH - 1) / 2.0);
        TargetBuffer buffer = new TargetBuffer(meta.nFields(), meta.targetChannels(),
                meta.fieldSize(imageHeight), meta.fieldSize(imageWidth), mask);

        double bminCells = bmin / meta.stride();
        for (Detection detection : detections) {
            if (!(detection.width() > 0) || !(detection.height() > 0)) {
                throw new IllegalArgumentException("cifdet needs boxes with positive width and height, got "
                        + detection.width() * meta.stride() + "x" + detection.height() * meta.stride() + " px");
            }
            fillDetection(buffer, detection, bminCells);
        }
        return buffer.finish(meta, rescaler.validArea(sample.meta()));
    }

    private static void fillDetection(TargetBuffer buffer, Detection detection, double bminCells) {
        float x = detection.x() + 0.5f * detection.width();
        float y = detection.y() + 0.5f * detection.height();
        float coreRadius = (SIDE_LENGTH - 1) / 2.0f;
        int minX = (int) Math.rint(x - coreRadius);
        int minY = (int) Math.rint(y - coreRadius);
        if (minX < -PADDING || minY < -PADDING
                || minX + SIDE_LENGTH > buffer.width + PADDING || minY + SIDE_LENGTH > buffer.height + PADDING) {
            return;
        }
        float bmin = (float) Math.max(0.1 * 0.5 * Math.min(detection.width(), detection.height()), bminCells);
        int field = detection.field();
        float[] data = buffer.data;
        int cells = buffer.height * buffer.width;
        int confidence = buffer.plane(field, C);
        for (int cy = minY; cy < minY + SIDE_LENGTH; cy++) {
            for (int cx = minX; cx < minX + SIDE_LENGTH; cx++) {
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
                // the fringe beyond the core radius regresses but does not count as positive or negative
                data[i] = distance > coreRadius ? Float.NaN : 1.0f;
                data[i + DX * cells] = dx;
                data[i + DY * cells] = dy;
                data[i + W * cells] = detection.width();
                data[i + H * cells] = detection.height();
                data[i + BMIN_REG * cells] = bmin;
                data[i + BMIN_WH * cells] = bmin;
            }
        }
    }
}
