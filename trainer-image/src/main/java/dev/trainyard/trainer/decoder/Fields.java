package dev.trainyard.trainer.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The inference fields of every network head for one image, indexed like the network's heads.
 * Fields cut from a batch are converted on first access, so a decoder pays only for the heads it
 * reads; not thread-safe.
 */
public final class Fields {

    private final List<HeadMeta> metas;
    private final HeadFields[] converted;
    /** Per head: the raw batch array and the offset of this image, or null when not available. */
    private final float[][] raw;
    private final int[] rawOffset;
    private final int[] heights;
    private final int[] widths;

    private Fields(List<HeadMeta> metas) {
        this.metas = List.copyOf(metas);
        int n = metas.size();
        this.converted = new HeadFields[n];
        this.raw = new float[n][];
        this.rawOffset = new int[n];
        this.heights = new int[n];
        this.widths = new int[n];
    }

    /** Fields already in inference form, one per head in network order. */
    public static Fields of(List<HeadFields> heads) {
        Fields fields = new Fields(heads.stream().map(HeadFields::meta).toList());
        for (int i = 0; i < heads.size(); i++) {
            fields.converted[i] = heads.get(i);
        }
        return fields;
    }

    /** Encoded targets of one image (one per head, network order) as ground-truth fields: see {@link HeadFields#fromTargets}. */
    public static Fields ofTargets(List<FieldTargets> targets) {
        return of(targets.stream().map(HeadFields::fromTargets).toList());
    }

    /**
     * Splits a network output into per-image fields.
     *
     * @param outputs one {@code [batch, fields, predictionChannels, h, w]} array per head (the
     *     raw output of {@code PoseNetwork}); copied to the heap, so it may be closed afterwards
     * @param heads the network's head descriptors, in output order
     * @param usedHeads indices of the heads to copy (the decoder's {@link Decoder#headIndices()});
     *     the others are not available from the result
     * @return one {@link Fields} per image of the batch
     */
    public static List<Fields> ofBatch(NDList outputs, List<HeadMeta> heads, List<Integer> usedHeads) {
        if (outputs.size() != heads.size()) {
            throw new IllegalArgumentException("the network gave " + outputs.size() + " outputs for "
                    + heads.size() + " heads");
        }
        int batch = -1;
        for (int head : usedHeads) {
            int size = (int) outputs.get(head).getShape().get(0);
            if (batch >= 0 && size != batch) {
                throw new IllegalArgumentException("head outputs disagree on the batch size: " + batch + " and " + size);
            }
            batch = size;
        }
        List<Fields> images = new ArrayList<>(Math.max(batch, 0));
        for (int b = 0; b < batch; b++) {
            images.add(new Fields(heads));
        }
        for (int head : usedHeads) {
            HeadMeta meta = heads.get(head);
            NDArray output = outputs.get(head);
            Shape shape = output.getShape();
            if (shape.dimension() != 5 || shape.get(1) != meta.nFields() || shape.get(2) != meta.predictionChannels()) {
                throw new IllegalArgumentException("head " + meta.fullName() + " needs [batch, " + meta.nFields() + ", "
                        + meta.predictionChannels() + ", h, w] outputs, got " + shape);
            }
            int h = (int) shape.get(3);
            int w = (int) shape.get(4);
            float[] values = output.getDataType() == DataType.FLOAT32
                    ? output.toFloatArray() : output.toType(DataType.FLOAT32, false).toFloatArray();
            int perImage = meta.nFields() * meta.predictionChannels() * h * w;
            for (int b = 0; b < batch; b++) {
                Fields image = images.get(b);
                image.raw[head] = values;
                image.rawOffset[head] = b * perImage;
                image.heights[head] = h;
                image.widths[head] = w;
            }
        }
        return images;
    }

    /** Number of network heads. */
    public int size() {
        return metas.size();
    }

    /**
     * The fields of head {@code index}, converted from the raw output on first access.
     *
     * @throws IllegalStateException when the head was not among the used heads of {@link #ofBatch}
     */
    public HeadFields head(int index) {
        HeadFields fields = converted[index];
        if (fields == null) {
            if (raw[index] == null) {
                throw new IllegalStateException("head " + index + " (" + metas.get(index).fullName()
                        + ") was not copied from the network output");
            }
            fields = HeadFields.fromRaw(metas.get(index), heights[index], widths[index], raw[index], rawOffset[index]);
            converted[index] = fields;
            raw[index] = null;
        }
        return fields;
    }
}
