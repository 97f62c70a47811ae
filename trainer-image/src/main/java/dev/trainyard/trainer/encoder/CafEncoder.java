package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.Connection;
import java.util.List;

/**
 * Encodes skeleton connections into Composite Association Field targets: cells along each limb
 * regress the offsets to both of its joints, the connection nearest to a cell (perpendicular
 * distance) winning it.
 */
public final class CafEncoder implements FieldEncoder {

    /** Target channel: confidence. */
    public static final int C = 0;
    /** Target channels: offset from the cell to the first joint. */
    public static final int DX1 = 1;
    public static final int DY1 = 2;
    /** Target channels: offset from the cell to the second joint. */
    public static final int DX2 = 3;
    public static final int DY2 = 4;
    /** Target channels: b_min of the two regressions. */
    public static final int BMIN1 = 5;
    public static final int BMIN2 = 6;
    /** Target channels: keypoint scales of the two joints. */
    public static final int SCALE1 = 7;
    public static final int SCALE2 = 8;

    private static final double MIN_MARGIN = 0.25;
    private static final double MAX_MARGIN = 0.4;

    private final CafMeta meta;
    private final int minSize;
    private final double bmin;
    private final AnnRescaler rescaler;
    private final double[] sigmas;
    /** Zero-based joint pairs of the head's connections. */
    private final int[][] connections;
    /** Zero-based joint pairs of the sparse skeleton of a dense head; empty for a sparse head. */
    private final int[][] sparseConnections;
    /** Offsets of the square neighbourhood around each sample, {@code linspace(-(s-1)/2, (s-1)/2, s)}. */
    private final double[] neighbourhood;

    /**
     * @param meta the head
     * @param minSize edge of the neighbourhood around each sample ({@code --caf-min-size}, reference 3)
     * @param bmin regression b_min in input pixels ({@code --cocokp-bmin}, reference 0.1)
     */
    public CafEncoder(CafMeta meta, int minSize, double bmin) {
        this(meta, minSize, bmin, true);
    }

    /**
     * @param suppressSelfHidden whether the reference's self-hidden rule drops hidden keypoints
     *     next to another person's visible ones (see {@link EncoderConfig#suppressSelfHidden()})
     */
    public CafEncoder(CafMeta meta, int minSize, double bmin, boolean suppressSelfHidden) {
        if (minSize < 1) {
            throw new IllegalArgumentException("caf min size must be at least 1, got " + minSize);
        }
        this.meta = meta;
        this.minSize = minSize;
        this.bmin = bmin;
        this.rescaler = new AnnRescaler(meta.stride(), meta.pose(), suppressSelfHidden);
        this.sigmas = meta.sigmas().stream().mapToDouble(Double::doubleValue).toArray();
        this.connections = zeroBased(meta.skeleton());
        this.sparseConnections = zeroBased(meta.sparseSkeleton());
        this.neighbourhood = new double[minSize];
        for (int i = 0; i < minSize; i++) {
            neighbourhood[i] = -0.5 * (minSize - 1) + i;
        }
    }

    @Override
    public CafMeta meta() {
        return meta;
    }

    /**
     * Encodes the sample's person skeletons.
     *
     * @return targets {@code [connections, 9, (h - 1) / stride + 1, (w - 1) / stride + 1]} with
     *     channels c, dx1, dy1, dx2, dy2, bmin1, bmin2, scale1, scale2 (field units; the vectors
     *     point from the cell to the connection's first and second joint)
     */
    @Override
    public FieldTargets encode(Sample sample) {
        int imageWidth = sample.image().width();
        int imageHeight = sample.image().height();
        List<float[]> persons = rescaler.keypointSets(sample.annotations());
        BackgroundMask mask = rescaler.backgroundMask(
                sample.annotations(), imageWidth, imageHeight, (minSize - 1) / 2.0);
        TargetBuffer buffer = new TargetBuffer(meta.nFields(), meta.targetChannels(),
                meta.fieldSize(imageHeight), meta.fieldSize(imageWidth), mask);

        Association association = new Association(buffer, (float) (bmin / meta.stride()));
        for (float[] keypoints : persons) {
            double scale = rescaler.scale(keypoints);
            for (int field = 0; field < connections.length; field++) {
                int j1 = connections[field][0];
                int j2 = connections[field][1];
                if (isEncoded(keypoints, j1, j2, buffer)) {
                    association.fill(field, keypoints, j1, j2,
                            (float) (scale * sigmas[j1]), (float) (scale * sigmas[j2]));
                }
            }
        }
        return buffer.finish(meta, rescaler.validArea(sample.meta()));
    }

    private boolean isEncoded(float[] keypoints, int j1, int j2, TargetBuffer buffer) {
        if (!(keypoints[3 * j1 + 2] > 0) || !(keypoints[3 * j2 + 2] > 0)) {
            return false;
        }
        if (meta.dense()) {
            float d = distance(keypoints, j1, j2) / (float) meta.denseToSparseRadius();
            if (shortestSparse(keypoints, j1) < d && shortestSparse(keypoints, j2) < d) {
                return false;
            }
        }
        // a joint outside the image can only be inferred along a limb that is partly visible
        boolean out1 = outOfView(keypoints, j1, buffer);
        boolean out2 = outOfView(keypoints, j2, buffer);
        if (out1 && out2) {
            return false;
        }
        return !(meta.onlyInFieldOfView() && (out1 || out2));
    }

    /** Length of the shortest sparse connection at {@code joint} with both ends labelled, +inf if none. */
    private float shortestSparse(float[] keypoints, int joint) {
        float shortest = Float.POSITIVE_INFINITY;
        for (int[] c : sparseConnections) {
            if ((c[0] == joint || c[1] == joint)
                    && keypoints[3 * c[0] + 2] > 0 && keypoints[3 * c[1] + 2] > 0) {
                shortest = Math.min(shortest, distance(keypoints, c[0], c[1]));
            }
        }
        return shortest;
    }

    private static boolean outOfView(float[] keypoints, int joint, TargetBuffer buffer) {
        float x = keypoints[3 * joint];
        float y = keypoints[3 * joint + 1];
        return x < 0 || y < 0 || x > buffer.width - 1 || y > buffer.height - 1;
    }

    /** Euclidean distance between two joints in float32, as numpy's norm of float32 keypoints. */
    private static float distance(float[] keypoints, int j1, int j2) {
        float dx = keypoints[3 * j2] - keypoints[3 * j1];
        float dy = keypoints[3 * j2 + 1] - keypoints[3 * j1 + 1];
        return (float) Math.sqrt(dx * dx + dy * dy);
    }

    private static int[][] zeroBased(List<Connection> skeleton) {
        return skeleton.stream().map(c -> new int[] {c.fromIndex(), c.toIndex()}).toArray(int[][]::new);
    }

    /** Fills connection instances into one buffer; holds the per-call visited-cell stamps. */
    private final class Association {

        private final TargetBuffer buffer;
        private final float bminCells;
        /** Stamp of the connection instance that last visited each cell, so a cell counts once per instance. */
        private final int[] visited;
        private int stamp;

        Association(TargetBuffer buffer, float bminCells) {
            this.buffer = buffer;
            this.bminCells = bminCells;
            this.visited = new int[buffer.height * buffer.width];
        }

        /**
         * Samples {@code max(2, ceil(len))} points on the limb between margins of
         * {@code clip((s / 2) / len, 0.25, 0.4)}, dilates each by the neighbourhood and claims
         * every cell for which this limb is at most as far (perpendicular) as the current owner.
         */
        void fill(int field, float[] keypoints, int j1, int j2, float scale1, float scale2) {
            stamp++;
            float x1 = keypoints[3 * j1];
            float y1 = keypoints[3 * j1 + 1];
            float x2 = keypoints[3 * j2];
            float y2 = keypoints[3 * j2 + 1];
            float offsetX = x2 - x1;
            float offsetY = y2 - y1;
            float length = (float) Math.sqrt(offsetX * offsetX + offsetY * offsetY);

            int num = Math.max(2, (int) Math.ceil(length));
            double margin = Math.clamp((minSize / 2.0) / (length + Math.ulp(1.0)), MIN_MARGIN, MAX_MARGIN);
            double step = ((1.0 - margin) - margin) / (num - 1);
            int width = buffer.width;
            for (int k = 0; k < num; k++) {
                // numpy's linspace: start + k * step, with the end point exact
                double f = k == num - 1 ? 1.0 - margin : margin + k * step;
                double sampleX = x1 + f * offsetX;
                double sampleY = y1 + f * offsetY;
                for (double dy : neighbourhood) {
                    int cy = (int) Math.rint(sampleY + dy);
                    for (double dx : neighbourhood) {
                        int cx = (int) Math.rint(sampleX + dx);
                        if (!buffer.contains(cx, cy) || visited[cy * width + cx] == stamp) {
                            continue;
                        }
                        visited[cy * width + cx] = stamp;
                        double perpendicular = Math.abs(offsetY * (cx - (double) x1) - offsetX * (cy - (double) y1))
                                / (length + 0.01);
                        int bestIndex = buffer.bestIndex(field, cy, cx);
                        if (perpendicular > buffer.best[bestIndex]) {
                            continue;
                        }
                        buffer.best[bestIndex] = (float) perpendicular;
                        write(field, cx, cy, x1, y1, x2, y2, scale1, scale2);
                    }
                }
            }
        }

        private void write(int field, int cx, int cy, float x1, float y1, float x2, float y2,
                           float scale1, float scale2) {
            float[] data = buffer.data;
            int cells = buffer.height * buffer.width;
            int i = buffer.plane(field, C) + cy * buffer.width + cx;
            data[i] = 1.0f;
            data[i + DX1 * cells] = x1 - cx;
            data[i + DY1 * cells] = y1 - cy;
            data[i + DX2 * cells] = x2 - cx;
            data[i + DY2 * cells] = y2 - cy;
            data[i + BMIN1 * cells] = bminCells;
            data[i + BMIN2 * cells] = bminCells;
            data[i + SCALE1 * cells] = scale1;
            data[i + SCALE2 * cells] = scale2;
        }
    }
}
