package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.head.HeadMeta;

/**
 * Encoded training targets of one head for one image, laid out
 * {@code [fields, targetChannels, height, width]}; NaN marks elements the loss ignores.
 */
public record FieldTargets(HeadMeta meta, int height, int width, float[] data) {

    public FieldTargets {
        long expected = (long) meta.nFields() * meta.targetChannels() * height * width;
        if (data.length != expected) {
            throw new IllegalArgumentException("targets of " + meta.fullName() + " need " + expected
                    + " values for " + height + "x" + width + ", got " + data.length);
        }
    }

    /** Flat index of {@code (field, channel, y, x)}. */
    public int index(int field, int channel, int y, int x) {
        return ((field * meta.targetChannels() + channel) * height + y) * width + x;
    }

    public float get(int field, int channel, int y, int x) {
        return data[index(field, channel, y, x)];
    }

    /** Shape {@code [fields, channels, height, width]}. */
    public long[] shape() {
        return new long[] {meta.nFields(), meta.targetChannels(), height, width};
    }
}
