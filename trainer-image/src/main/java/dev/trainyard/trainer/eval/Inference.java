package dev.trainyard.trainer.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.dataset.DeviceBatch;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.network.PoseNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a network on a batch in inference mode (BatchNorm with running statistics, no gradients)
 * and hands back, per image, each head's raw output as a host array.
 */
public final class Inference {

    private final PoseNetwork network;
    private final ParameterStore parameters;
    private final NDManager manager;

    public Inference(PoseNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
        this.parameters = new ParameterStore(manager, false);
    }

    /**
     * One head's raw output for one image.
     *
     * @param data {@code [fields, channels, height, width]} in row-major order
     */
    public record HeadOutput(float[] data, int fields, int channels, int height, int width) {}

    /** The raw outputs of every head for every image of the batch: {@code result[image][head]}. */
    public List<List<HeadOutput>> run(HostBatch batch) {
        try (NDManager scope = manager.newSubManager()) {
            DeviceBatch device = batch.toNDArrays(scope);
            NDList outputs = network.forward(parameters, new NDList(device.images()), false);
            List<List<HeadOutput>> perImage = new ArrayList<>(batch.batchSize());
            for (int i = 0; i < batch.batchSize(); i++) {
                perImage.add(new ArrayList<>(outputs.size()));
            }
            for (NDArray output : outputs) {
                Shape shape = output.getShape();
                int fields = (int) shape.get(1);
                int channels = (int) shape.get(2);
                int height = (int) shape.get(3);
                int width = (int) shape.get(4);
                float[] all = output.toFloatArray();
                int size = fields * channels * height * width;
                for (int i = 0; i < batch.batchSize(); i++) {
                    perImage.get(i).add(new HeadOutput(Arrays.copyOfRange(all, i * size, (i + 1) * size),
                            fields, channels, height, width));
                }
            }
            return perImage;
        }
    }
}
