package dev.trainyard.trainer.dataset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A collated batch in host memory, built on a loader thread; {@link #toNDArrays} moves it into
 * tensors on the training thread (NDArrays are created where they are used).
 *
 * @param images {@code [batch, 3, height, width]}
 * @param targets per head {@code [batch, fields, channels, h, w]}
 * @param targetShapes per head the shape of {@code targets}
 */
public record HostBatch(
        float[] images, int batchSize, int height, int width,
        List<float[]> targets, List<long[]> targetShapes, List<ImageMeta> metas) {

    /** Stacks encoded samples of equal size; every sample must have the same heads. */
    public static HostBatch collate(List<EncodedSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        EncodedSample first = samples.getFirst();
        int n = samples.size();
        int imageSize = first.image().length;
        float[] images = new float[n * imageSize];
        List<ImageMeta> metas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EncodedSample s = samples.get(i);
            if (s.height() != first.height() || s.width() != first.width()) {
                throw new IllegalArgumentException("batch mixes image sizes " + first.width() + "x" + first.height()
                        + " and " + s.width() + "x" + s.height() + " (" + s.meta().fileName() + ")");
            }
            System.arraycopy(s.image(), 0, images, i * imageSize, imageSize);
            metas.add(s.meta());
        }
        List<float[]> targets = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int h = 0; h < first.targets().size(); h++) {
            FieldTargets t0 = first.targets().get(h);
            int size = t0.data().length;
            float[] stacked = new float[n * size];
            for (int i = 0; i < n; i++) {
                System.arraycopy(samples.get(i).targets().get(h).data(), 0, stacked, i * size, size);
            }
            long[] shape = t0.shape();
            long[] batched = new long[shape.length + 1];
            batched[0] = n;
            System.arraycopy(shape, 0, batched, 1, shape.length);
            targets.add(stacked);
            shapes.add(batched);
        }
        return new HostBatch(images, n, first.height(), first.width(), targets, shapes, metas);
    }

    /** Creates the input and target tensors on the given manager. */
    public DeviceBatch toNDArrays(NDManager manager) {
        NDArray input = manager.create(FloatBuffer.wrap(images), new Shape(batchSize, 3, height, width));
        List<NDArray> t = new ArrayList<>(targets.size());
        for (int h = 0; h < targets.size(); h++) {
            t.add(manager.create(FloatBuffer.wrap(targets.get(h)), new Shape(targetShapes.get(h))));
        }
        return new DeviceBatch(input, t, metas);
    }

    /** Image {@code i} of the batch again as an encoded sample, for debug images; {@code heads} in target order. */
    public EncodedSample sample(int i, List<HeadMeta> heads) {
        if (heads.size() != targets.size()) {
            throw new IllegalArgumentException(heads.size() + " heads for " + targets.size() + " targets");
        }
        int imageSize = 3 * height * width;
        float[] image = java.util.Arrays.copyOfRange(images, i * imageSize, (i + 1) * imageSize);
        List<FieldTargets> fields = new ArrayList<>(heads.size());
        for (int h = 0; h < heads.size(); h++) {
            long[] shape = targetShapes.get(h);
            int size = targets.get(h).length / batchSize;
            fields.add(new FieldTargets(heads.get(h), (int) shape[3], (int) shape[4],
                    java.util.Arrays.copyOfRange(targets.get(h), i * size, (i + 1) * size)));
        }
        return new EncodedSample(image, height, width, fields, metas.get(i));
    }
}
