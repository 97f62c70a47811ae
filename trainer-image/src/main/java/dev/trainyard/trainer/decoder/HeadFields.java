package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.HeadMeta;

/**
 * Inference fields of one head for one image, as the reference's heads emit them in eval mode:
 * {@code [fields, predictionChannels, height, width]} with channel 0 the spread {@code w} (raw,
 * unused by the decoders), then confidences in [0, 1] (sigmoid), then vector pairs as positions in
 * field cells (the cell index added, except to CifDet's width/height vector), then scales in field
 * cells (softplus). Decoders multiply positions and scales by the head stride to get input pixels.
 *
 * <p>The array is shared, not copied; nothing here modifies it after construction.
 */
public record HeadFields(HeadMeta meta, int height, int width, float[] data) {

    /**
     * Scale given to positive target cells whose scale is undefined (the encoders leave it NaN for
     * people with fewer than three visible keypoints), in field cells. Any positive value keeps
     * the decoder's windows open around exact ground-truth positions; zero would make the reverse
     * match reject joints on float rounding.
     */
    public static final float MISSING_TARGET_SCALE = 1.0f;

    public HeadFields {
        long expected = (long) meta.nFields() * meta.predictionChannels() * height * width;
        if (height < 1 || width < 1 || data.length != expected) {
            throw new IllegalArgumentException("fields of " + meta.fullName() + " need " + expected
                    + " values for " + height + "x" + width + ", got " + data.length);
        }
    }

    /** Channel of the (first) confidence. */
    public int confidenceChannel() {
        return 1;
    }

    /** Channel of the x component of vector {@code vector}; y follows it. */
    public int vectorChannel(int vector) {
        return 1 + meta.nConfidences() + 2 * vector;
    }

    /** Channel of scale {@code scale}. */
    public int scaleChannel(int scale) {
        return 1 + meta.nConfidences() + 2 * meta.nVectors() + scale;
    }

    /** Flat offset of the {@code [height, width]} plane of {@code (field, channel)} in {@link #data}. */
    public int plane(int field, int channel) {
        return (field * meta.predictionChannels() + channel) * height * width;
    }

    /**
     * Applies the reference's eval-mode activations to one head's raw network output.
     *
     * @param raw {@code [fields, predictionChannels, height, width]} starting at {@code offset}
     *     (e.g. one image of a batch): w, confidence logits, vector offsets, scale pre-activations
     * @return fresh fields with sigmoid confidences, cell index added to vectors, softplus scales
     */
    public static HeadFields fromRaw(HeadMeta meta, int height, int width, float[] raw, int offset) {
        int channels = meta.predictionChannels();
        int cells = height * width;
        int size = meta.nFields() * channels * cells;
        if (offset < 0 || raw.length - offset < size) {
            throw new IllegalArgumentException("raw output of " + meta.fullName() + " needs " + size
                    + " values from offset " + offset + ", the array has " + raw.length);
        }
        float[] out = new float[size];
        boolean[] offsets = vectorOffsets(meta);
        int firstConfidence = 1;
        int firstVector = firstConfidence + meta.nConfidences();
        int firstScale = firstVector + 2 * meta.nVectors();
        for (int f = 0; f < meta.nFields(); f++) {
            int field = f * channels * cells;
            System.arraycopy(raw, offset + field, out, field, cells);
            for (int c = 0; c < meta.nConfidences(); c++) {
                int plane = field + (firstConfidence + c) * cells;
                for (int i = 0; i < cells; i++) {
                    out[plane + i] = sigmoid(raw[offset + plane + i]);
                }
            }
            for (int v = 0; v < meta.nVectors(); v++) {
                int planeX = field + (firstVector + 2 * v) * cells;
                int planeY = planeX + cells;
                if (!offsets[v]) {
                    System.arraycopy(raw, offset + planeX, out, planeX, 2 * cells);
                    continue;
                }
                for (int y = 0, i = 0; y < height; y++) {
                    for (int x = 0; x < width; x++, i++) {
                        out[planeX + i] = raw[offset + planeX + i] + x;
                        out[planeY + i] = raw[offset + planeY + i] + y;
                    }
                }
            }
            for (int s = 0; s < meta.nScales(); s++) {
                int plane = field + (firstScale + s) * cells;
                for (int i = 0; i < cells; i++) {
                    out[plane + i] = softplus(raw[offset + plane + i]);
                }
            }
        }
        return new HeadFields(meta, height, width, out);
    }

    /** {@link #fromRaw(HeadMeta, int, int, float[], int)} of a whole array. */
    public static HeadFields fromRaw(HeadMeta meta, int height, int width, float[] raw) {
        return fromRaw(meta, height, width, raw, 0);
    }

    /**
     * Ground truth as inference fields, so that targets can be decoded: confidence 1 on positive
     * cells and 0 elsewhere (background, ignored and NaN cells alike), vectors at the encoded
     * positions (the cell itself where undefined), scales as encoded ({@link #MISSING_TARGET_SCALE}
     * where a positive cell has none, 0 elsewhere), w = 0. The b_min channels are dropped.
     *
     * @param targets {@code [fields, targetChannels, height, width]}: confidences, vectors, b_mins, scales
     */
    public static HeadFields fromTargets(FieldTargets targets) {
        HeadMeta meta = targets.meta();
        int height = targets.height();
        int width = targets.width();
        int cells = height * width;
        int nC = meta.nConfidences();
        int nV = meta.nVectors();
        int inChannels = meta.targetChannels();
        int outChannels = meta.predictionChannels();
        boolean[] offsets = vectorOffsets(meta);
        float[] in = targets.data();
        float[] out = new float[meta.nFields() * outChannels * cells];
        for (int f = 0; f < meta.nFields(); f++) {
            int src = f * inChannels * cells;
            int dst = f * outChannels * cells;
            // positive = the first confidence is 1; NaN compares false
            for (int c = 0; c < nC; c++) {
                for (int i = 0; i < cells; i++) {
                    float value = in[src + c * cells + i];
                    out[dst + (1 + c) * cells + i] = value > 0 ? value : 0.0f;
                }
            }
            for (int v = 0; v < nV; v++) {
                int inX = src + (nC + 2 * v) * cells;
                int outX = dst + (1 + nC + 2 * v) * cells;
                for (int y = 0, i = 0; y < height; y++) {
                    for (int x = 0; x < width; x++, i++) {
                        float dx = in[inX + i];
                        float dy = in[inX + cells + i];
                        float baseX = offsets[v] ? x : 0.0f;
                        float baseY = offsets[v] ? y : 0.0f;
                        out[outX + i] = Float.isNaN(dx) ? baseX : baseX + dx;
                        out[outX + cells + i] = Float.isNaN(dy) ? baseY : baseY + dy;
                    }
                }
            }
            for (int s = 0; s < meta.nScales(); s++) {
                int inS = src + (nC + 3 * nV + s) * cells;
                int outS = dst + (1 + nC + 2 * nV + s) * cells;
                for (int i = 0; i < cells; i++) {
                    float scale = in[inS + i];
                    boolean positive = in[src + i] > 0;
                    out[outS + i] = !Float.isNaN(scale) ? scale : positive ? MISSING_TARGET_SCALE : 0.0f;
                }
            }
        }
        return new HeadFields(meta, height, width, out);
    }

    /**
     * Which vectors regress positions relative to their cell (the reference's {@code vector_offsets}):
     * all of CIF and CAF, only the centre of CifDet (its second vector is the box size).
     */
    public static boolean[] vectorOffsets(HeadMeta meta) {
        return switch (meta) {
            case CifMeta cif -> new boolean[] {true};
            case CafMeta caf -> new boolean[] {true, true};
            case CifDetMeta det -> new boolean[] {true, false};
        };
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * PyTorch's softplus (beta 1, threshold 20: linear above), to float precision: log(1 + e^x) in
     * double (Math.log is an intrinsic, log1p is not) and e^x itself where 1 + e^x would round.
     */
    static float softplus(float x) {
        if (x > 20.0f) {
            return x;
        }
        double e = Math.exp(x);
        return (float) (x < -15.0f ? e : Math.log(1.0 + e));
    }
}
