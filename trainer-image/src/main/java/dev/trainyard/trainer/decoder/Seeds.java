package dev.trainyard.trainer.decoder;

import java.util.Arrays;

/**
 * Seed candidates (field, score v, x, y and two sizes) in growable primitive arrays, sorted by v
 * descending; equal scores keep the order they were added in (field, row, column).
 */
final class Seeds {

    private int size;
    private int[] field = new int[64];
    private float[] v = new float[64];
    private float[] x = new float[64];
    private float[] y = new float[64];
    private float[] a = new float[64];
    private float[] b = new float[64];
    private long[] keys = new long[64];
    private int[] order = new int[64];

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Adds a seed with score {@code v} (not NaN) at {@code (x, y)} px with sizes {@code a} and {@code b} (e.g. scale, or box w and h). */
    void add(int f, float score, float px, float py, float sizeA, float sizeB) {
        if (size == field.length) {
            int n = 2 * size;
            field = Arrays.copyOf(field, n);
            v = Arrays.copyOf(v, n);
            x = Arrays.copyOf(x, n);
            y = Arrays.copyOf(y, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            keys = Arrays.copyOf(keys, n);
            order = Arrays.copyOf(order, n);
        }
        field[size] = f;
        v[size] = score;
        x[size] = px;
        y[size] = py;
        a[size] = sizeA;
        b[size] = sizeB;
        size++;
    }

    /** Sorts by score descending, stable; afterwards the accessors take the rank. */
    void sort() {
        for (int i = 0; i < size; i++) {
            // float bits made to order like signed ints, complemented for descending order, index as tie-break
            int bits = Float.floatToIntBits(v[i]);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) ~ordered << 32) | i;
        }
        Arrays.sort(keys, 0, size);
        for (int i = 0; i < size; i++) {
            order[i] = (int) keys[i];
        }
    }

    int field(int rank) {
        return field[order[rank]];
    }

    float v(int rank) {
        return v[order[rank]];
    }

    float x(int rank) {
        return x[order[rank]];
    }

    float y(int rank) {
        return y[order[rank]];
    }

    float a(int rank) {
        return a[order[rank]];
    }

    float b(int rank) {
        return b[order[rank]];
    }
}
