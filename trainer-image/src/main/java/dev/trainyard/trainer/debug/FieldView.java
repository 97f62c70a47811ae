package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.decoder.HeadFields;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.HeadMeta;

/**
 * One head's fields for one image as the painters read them, whether training targets or network
 * predictions, so that both are drawn by the same code. Every value is per cell {@code (y, x)} of
 * the {@code [height, width]} field grid, in field cells.
 */
sealed interface FieldView {

    /** Cells above this confidence are counted as positive and draw their vectors and sizes. */
    float MIN_CONFIDENCE = 0.5f;

    HeadMeta meta();

    int height();

    int width();

    /** Whether these are network predictions (continuous confidences) rather than targets (0, 1 or NaN). */
    boolean predicted();

    /** The (first) confidence: 0, 1 or NaN (ignored) for targets, in [0, 1] for predictions. */
    float confidence(int field, int y, int x);

    /**
     * Component {@code xy} (0: x, 1: y) of vector {@code vector} as the targets encode it: the
     * regressed point relative to the cell for position vectors, the size itself for CifDet's
     * width/height vector; NaN where undefined.
     */
    float vector(int field, int vector, int xy, int y, int x);

    /** Scale {@code scale} (diameter in field cells); NaN where undefined. */
    float scale(int field, int scale, int y, int x);

    static FieldView of(FieldTargets targets) {
        return new Targets(targets);
    }

    static FieldView of(HeadFields predicted) {
        return new Predicted(predicted, HeadFields.vectorOffsets(predicted.meta()));
    }

    /** Encoded targets {@code [fields, confidences + 3 vectors + scales, h, w]} (vectors, then b_mins, then scales). */
    record Targets(FieldTargets targets) implements FieldView {

        @Override
        public HeadMeta meta() {
            return targets.meta();
        }

        @Override
        public int height() {
            return targets.height();
        }

        @Override
        public int width() {
            return targets.width();
        }

        @Override
        public boolean predicted() {
            return false;
        }

        @Override
        public float confidence(int field, int y, int x) {
            return targets.get(field, 0, y, x);
        }

        @Override
        public float vector(int field, int vector, int xy, int y, int x) {
            return targets.get(field, meta().nConfidences() + 2 * vector + xy, y, x);
        }

        @Override
        public float scale(int field, int scale, int y, int x) {
            HeadMeta meta = meta();
            return targets.get(field, meta.nConfidences() + 3 * meta.nVectors() + scale, y, x);
        }
    }

    /**
     * Inference fields {@code [fields, predictionChannels, h, w]}; their position vectors hold the
     * point with the cell index added, which is taken off again here.
     */
    record Predicted(HeadFields fields, boolean[] offsets) implements FieldView {

        @Override
        public HeadMeta meta() {
            return fields.meta();
        }

        @Override
        public int height() {
            return fields.height();
        }

        @Override
        public int width() {
            return fields.width();
        }

        @Override
        public boolean predicted() {
            return true;
        }

        @Override
        public float confidence(int field, int y, int x) {
            return value(field, fields.confidenceChannel(), y, x);
        }

        @Override
        public float vector(int field, int vector, int xy, int y, int x) {
            float value = value(field, fields.vectorChannel(vector) + xy, y, x);
            return offsets[vector] ? value - (xy == 0 ? x : y) : value;
        }

        @Override
        public float scale(int field, int scale, int y, int x) {
            return value(field, fields.scaleChannel(scale), y, x);
        }

        private float value(int field, int channel, int y, int x) {
            return fields.data()[fields.plane(field, channel) + y * fields.width() + x];
        }
    }
}
