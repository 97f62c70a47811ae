package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.head.HeadMeta;
import java.util.Arrays;

/**
 * Per-call working state of an encoder: the targets {@code [fields, channels, height, width]}
 * (channel 0 the confidence) and, per cell, the distance of the annotation that currently owns
 * it so that the nearest one wins.
 *
 * <p>The reference writes into maps padded by 10 cells and crops them afterwards; cells in that
 * padding never reach the output, so the encoders here keep only the visible cells and apply the
 * padding only to decide whether a patch fits.
 */
final class TargetBuffer {

    final int fields;
    final int channels;
    final int height;
    final int width;
    /** {@code [fields, channels, height, width]}: confidence 0 (NaN where ignored), everything else NaN. */
    final float[] data;
    /** {@code [fields, height, width]}: +inf, or 1.0 where ignored so only near annotations win there. */
    final float[] best;

    TargetBuffer(int fields, int channels, int height, int width, BackgroundMask mask) {
        this.fields = fields;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = new float[fields * channels * height * width];
        this.best = new float[fields * height * width];
        Arrays.fill(data, Float.NaN);
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        for (int f = 0; f < fields; f++) {
            int confidence = plane(f, 0);
            int distance = f * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int cell = y * width + x;
                    if (mask.isIgnored(f, y, x)) {
                        best[distance + cell] = 1.0f;
                    } else {
                        data[confidence + cell] = 0.0f;
                    }
                }
            }
        }
    }

    /** Flat offset of the {@code [height, width]} plane of {@code (field, channel)} in {@link #data}. */
    int plane(int field, int channel) {
        return (field * channels + channel) * height * width;
    }

    /** Flat index of cell {@code (x, y)} of {@code field} in {@link #best}. */
    int bestIndex(int field, int y, int x) {
        return (field * height + y) * width + x;
    }

    /** Whether {@code (x, y)} lies in the visible (unpadded) map. */
    boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height;
    }

    /**
     * Masks everything outside the valid area (confidence 0 = background, other channels NaN =
     * ignored) and wraps the data as {@code [fields, channels, height, width]} targets.
     */
    FieldTargets finish(HeadMeta meta, ValidArea validArea) {
        for (int f = 0; f < fields; f++) {
            validArea.maskOutside(data, plane(f, 0), height, width, 0.0f);
            for (int c = 1; c < channels; c++) {
                validArea.maskOutside(data, plane(f, c), height, width, Float.NaN);
            }
        }
        return new FieldTargets(meta, height, width, data);
    }
}
