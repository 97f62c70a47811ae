package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** A head tensor {@code [batch, fields, channels, h, w]} as a flat float array, for building test inputs. */
record FieldTensor(int batch, int fields, int channels, int height, int width, float[] data) {

    static FieldTensor zeros(int batch, int fields, int channels, int height, int width) {
        float[] data = new float[batch * fields * channels * height * width];
        return new FieldTensor(batch, fields, channels, height, width, data);
    }

    /**
     * One batch item, one field, one row: channel c holds {@code channels[c]}, one value per column.
     * The quickest way to lay out hand-computed cases side by side.
     */
    static FieldTensor row(float[]... channels) {
        FieldTensor t = zeros(1, 1, channels.length, 1, channels[0].length);
        for (int c = 0; c < channels.length; c++) {
            for (int j = 0; j < channels[c].length; j++) {
                t.set(0, 0, c, 0, j, channels[c][j]);
            }
        }
        return t;
    }

    /** Uniform values in [lo, hi). */
    static FieldTensor uniform(SplittableRandom random, int batch, int fields, int channels, int height, int width,
            double lo, double hi) {
        FieldTensor t = zeros(batch, fields, channels, height, width);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) random.nextDouble(lo, hi);
        }
        return t;
    }

    int index(int b, int f, int c, int i, int j) {
        return (((b * fields + f) * channels + c) * height + i) * width + j;
    }

    double get(int b, int f, int c, int i, int j) {
        return data[index(b, f, c, i, j)];
    }

    void set(int b, int f, int c, int i, int j, double value) {
        data[index(b, f, c, i, j)] = (float) value;
    }

    /** Sets one channel to {@code value} wherever {@code random} draws below {@code probability}. */
    void sprinkle(SplittableRandom random, int c, double probability, double value) {
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < fields; f++) {
                for (int i = 0; i < height; i++) {
                    for (int j = 0; j < width; j++) {
                        if (random.nextDouble() < probability) {
                            set(b, f, c, i, j, value);
                        }
                    }
                }
            }
        }
    }

    NDArray toArray(NDManager manager) {
        return manager.create(data, new Shape(batch, fields, channels, height, width));
    }
}
