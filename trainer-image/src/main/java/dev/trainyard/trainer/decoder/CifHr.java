package dev.trainyard.trainer.decoder;

import java.util.Arrays;

/**
 * The reference's high-resolution confidence map: {@code [fields, (h - 1) * stride + 1,
 * (w - 1) * stride + 1]} in input pixels, to which every confident cell adds a truncated Gaussian
 * (1 sigma) at the position it regresses, capped at 1.
 *
 * <p>Reused from image to image without a clearing pass: each 32x32 tile carries the number of
 * the image that last wrote it; a tile from an earlier image reads as 0 and is zeroed just before
 * its first write (when it is about to be in cache anyway). The reference instead offsets the
 * values by a revision number, which costs float precision.
 */
final class CifHr {

    /** Cells voting for one keypoint in the reference's 4x4 patches: each adds c / 16. */
    static final float NEIGHBORS = 16.0f;
    private static final int TILE_SHIFT = 5;

    private float[] values = new float[0];
    /** Squared x distances of one Gaussian's columns. */
    private float[] dx2 = new float[64];
    /** Per tile of every field: the image ({@link #stamp}) that last wrote it. */
    private int[] tileStamp = new int[0];
    private int stamp;
    private int fields;
    private int height;
    private int width;
    private int tilesX;
    private int tilesY;

    /** Starts a new image (all values 0) with fields of {@code fieldHeight x fieldWidth} cells. */
    void reset(int nFields, int fieldHeight, int fieldWidth, int stride) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(tileStamp, 0);
            stamp = 1;
        }
        fields = nFields;
        height = (fieldHeight - 1) * stride + 1;
        width = (fieldWidth - 1) * stride + 1;
        tilesX = ((width - 1) >> TILE_SHIFT) + 1;
        tilesY = ((height - 1) >> TILE_SHIFT) + 1;
        int size = fields * height * width;
        if (values.length < size) {
            values = new float[size];
        }
        if (tileStamp.length < fields * tilesX * tilesY) {
            tileStamp = new int[fields * tilesX * tilesY];
        }
    }

    int fields() {
        return fields;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /**
     * Accumulates CIF fields {@code [keypoints, 5, h, w]}: cells with c >= {@code threshold} add
     * c / 16 with sigma = max(1, s * stride / 2) px.
     */
    void accumulateCif(HeadFields cif, double threshold) {
        int stride = cif.meta().stride();
        int cells = cif.height() * cif.width();
        float[] data = cif.data();
        float th = (float) threshold;
        for (int f = 0; f < cif.meta().nFields(); f++) {
            int c = cif.plane(f, 1);
            int x = cif.plane(f, 2);
            int y = x + cells;
            int s = cif.plane(f, 4);
            for (int i = 0; i < cells; i++) {
                float v = data[c + i];
                // scales below 0 (the reference's min_scale) are skipped; NaN fails both tests
                float scale = data[s + i];
                if (!(v >= th) || !(scale >= 0.0f)) {
                    continue;
                }
                float sigma = Math.max(1.0f, 0.5f * scale * stride);
                addGauss(f, v / NEIGHBORS, data[x + i] * stride, data[y + i] * stride, sigma);
            }
        }
    }

    /**
     * Accumulates CifDet fields {@code [categories, 6, h, w]}: cells with c >= {@code threshold}
     * add c / 16 with sigma = max(1, 0.1 * min(w, h) * stride) px.
     */
    void accumulateCifDet(HeadFields det, double threshold) {
        int stride = det.meta().stride();
        int cells = det.height() * det.width();
        float[] data = det.data();
        float th = (float) threshold;
        for (int f = 0; f < det.meta().nFields(); f++) {
            int c = det.plane(f, 1);
            int x = det.plane(f, 2);
            int y = x + cells;
            int w = det.plane(f, 4);
            int h = w + cells;
            for (int i = 0; i < cells; i++) {
                float v = data[c + i];
                float bw = data[w + i];
                float bh = data[h + i];
                if (!(v >= th) || !(bw >= 0.0f) || !(bh >= 0.0f)) {
                    continue;
                }
                float sigma = Math.max(1.0f, 0.1f * Math.min(bw, bh) * stride);
                addGauss(f, v / NEIGHBORS, data[x + i] * stride, data[y + i] * stride, sigma);
            }
        }
    }

    /**
     * Adds {@code v * exp(-d² / (2 sigma²))} within one sigma of {@code (x, y)} px, the nearest
     * pixel getting {@code v}, each pixel capped at 1. Bounds and distances in float32 as the
     * reference, so the same pixels are reached.
     *
     * <p>The exponential is the reference's approximation {@code (1 + t / 8)^8} (t stays in
     * [-0.5, 0] within one sigma, where it applies). The loop runs branch-free over the bounding
     * box, adding 0 outside the circle, which leaves those pixels as they were.
     */
    void addGauss(int f, float v, float x, float y, float sigma) {
        if (Float.isNaN(x) || Float.isNaN(y)) {
            return;
        }
        int minX = Math.clamp((long) (x - sigma), 0, width - 1);
        int minY = Math.clamp((long) (y - sigma), 0, height - 1);
        int maxX = Math.clamp((long) (x + sigma + 1), minX + 1, width);
        int maxY = Math.clamp((long) (y + sigma + 1), minY + 1, height);
        claimTiles(f, minX, minY, maxX, maxY);

        // the nearest pixel gets the full value instead of its Gaussian share: remember it to redo it
        int nx = Math.round(x);
        int ny = Math.round(y);
        float ndx = nx - x;
        float ndy = ny - y;
        int nearest = -1;
        float nearestBefore = 0.0f;
        if (ndx * ndx < 0.25f && ndy * ndy < 0.25f && nx >= minX && nx < maxX && ny >= minY && ny < maxY) {
            nearest = (f * height + ny) * width + nx;
            nearestBefore = values[nearest];
        }

        int columns = maxX - minX;
        if (dx2.length < columns) {
            dx2 = new float[2 * columns];
        }
        for (int i = 0; i < columns; i++) {
            float dx = minX + i - x;
            dx2[i] = dx * dx;
        }
        float sigma2 = sigma * sigma;
        // -1 / (2 sigma²) / 8: the approximation's t / 8 in one product (dividing by 8 is exact)
        float k = -0.0625f / sigma2;
        int plane = f * height * width;
        for (int yy = minY; yy < maxY; yy++) {
            float dy = yy - y;
            float dy2 = dy * dy;
            int row = plane + yy * width + minX;
            for (int i = 0; i < columns; i++) {
                float d2 = dx2[i] + dy2;
                float e = 1.0f + d2 * k;
                e *= e;
                e *= e;
                e *= e;
                float sum = values[row + i] + (d2 <= sigma2 ? v * e : 0.0f);
                values[row + i] = sum > 1.0f ? 1.0f : sum;
            }
        }
        if (nearest >= 0) {
            values[nearest] = Math.min(nearestBefore + v, 1.0f);
        }
    }

    /**
     * The value at the pixel nearest to {@code (x, y)}, or {@code defaultValue} outside the map
     * (more than half a pixel beyond its edge) or for a field it does not have.
     */
    float value(int f, float x, float y, float defaultValue) {
        if (f >= fields || !(x >= -0.49f) || !(y >= -0.49f) || x > width - 0.51f || y > height - 0.51f) {
            return defaultValue;
        }
        int xi = (int) (x + 0.5f);
        int yi = (int) (y + 0.5f);
        if (tileStamp[(f * tilesY + (yi >> TILE_SHIFT)) * tilesX + (xi >> TILE_SHIFT)] != stamp) {
            return 0.0f;
        }
        return values[(f * height + yi) * width + xi];
    }

    /** Zeroes the tiles of the box {@code [minX, maxX) x [minY, maxY)} that an earlier image wrote. */
    private void claimTiles(int f, int minX, int minY, int maxX, int maxY) {
        int tile = 1 << TILE_SHIFT;
        int plane = f * height * width;
        for (int ty = minY >> TILE_SHIFT; ty <= (maxY - 1) >> TILE_SHIFT; ty++) {
            for (int tx = minX >> TILE_SHIFT; tx <= (maxX - 1) >> TILE_SHIFT; tx++) {
                int t = (f * tilesY + ty) * tilesX + tx;
                if (tileStamp[t] == stamp) {
                    continue;
                }
                tileStamp[t] = stamp;
                int x0 = tx << TILE_SHIFT;
                int x1 = Math.min(width, x0 + tile);
                int y1 = Math.min(height, (ty << TILE_SHIFT) + tile);
                for (int yy = ty << TILE_SHIFT; yy < y1; yy++) {
                    Arrays.fill(values, plane + yy * width + x0, plane + yy * width + x1, 0.0f);
                }
            }
        }
    }
}
