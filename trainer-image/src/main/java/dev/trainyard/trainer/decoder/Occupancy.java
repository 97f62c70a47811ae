package dev.trainyard.trainer.decoder;

import java.util.Arrays;

/**
 * The reference's occupancy map at half the input resolution: per field, squares around accepted
 * joints (or boxes) that later seeds and NMS test against. Positions and sizes are in input pixels.
 *
 * <p>Cleared in O(1) by a revision counter: a cell is occupied when it holds a value above the
 * current revision.
 */
final class Occupancy {

    static final double REDUCTION = 2.0;
    /** Smallest half-width of a marked square, input pixels. */
    static final double MIN_SCALE = 4.0;
    private static final double MIN_SCALE_REDUCED = MIN_SCALE / REDUCTION;

    private int[] cells = new int[0];
    private int fields;
    private int height;
    private int width;
    private int revision;

    /** Sizes the map for a {@code [fields, hrHeight, hrWidth]} high-resolution map and clears it. */
    void reset(int nFields, int hrHeight, int hrWidth) {
        fields = nFields;
        height = (int) (hrHeight / REDUCTION) + 1;
        width = (int) (hrWidth / REDUCTION) + 1;
        int size = fields * height * width;
        if (cells.length < size) {
            cells = new int[size];
            revision = 0;
        }
        clear();
    }

    /** Frees every cell. */
    void clear() {
        revision++;
        if (revision == Integer.MAX_VALUE) {
            Arrays.fill(cells, 0);
            revision = 0;
        }
    }

    int fields() {
        return fields;
    }

    /**
     * Marks the square of half-width {@code max(4, sigma)} px around {@code (x, y)} px (rounded
     * down to the reduced grid as the reference does, at least one cell).
     */
    void set(int f, double x, double y, double sigma) {
        double rx = x / REDUCTION;
        double ry = y / REDUCTION;
        // as C's fmax, a NaN scale gives the minimum
        double rs = sigma / REDUCTION > MIN_SCALE_REDUCED ? sigma / REDUCTION : MIN_SCALE_REDUCED;
        int minX = Math.clamp((long) (rx - rs), 0, width - 1);
        int minY = Math.clamp((long) (ry - rs), 0, height - 1);
        // the query rounds down too, so the upper bound is exclusive without rounding up
        int maxX = Math.clamp((long) (rx + rs), minX + 1, width);
        int maxY = Math.clamp((long) (ry + rs), minY + 1, height);
        int mark = revision + 1;
        int plane = f * height * width;
        for (int yy = minY; yy < maxY; yy++) {
            Arrays.fill(cells, plane + yy * width + minX, plane + yy * width + maxX, mark);
        }
    }

    /** Whether {@code (x, y)} px is occupied in field {@code f}; fields beyond the map count as occupied. */
    boolean get(int f, double x, double y) {
        if (f >= fields) {
            return true;
        }
        int xi = Math.clamp((long) (x / REDUCTION), 0, width - 1);
        int yi = Math.clamp((long) (y / REDUCTION), 0, height - 1);
        return cells[(f * height + yi) * width + xi] > revision;
    }
}
