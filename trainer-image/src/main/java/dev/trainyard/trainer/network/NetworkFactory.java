package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.List;

/** Builds pose networks from a {@link NetworkConfig} and the head descriptors of a dataset. */
public final class NetworkFactory {

    /**
     * Input shape used to give parameters their shapes; parameter shapes do not depend on the
     * image size, so any later input size works.
     */
    public static final Shape INITIALIZATION_SHAPE = new Shape(1, 3, 129, 129);

    private NetworkFactory() {}

    /**
     * A new, uninitialised network (the reference's {@code Factory.from_scratch}); the heads keep
     * their upsampling and get the backbone's stride.
     */
    public static PoseNetwork create(NetworkConfig config, List<HeadMeta> heads) {
        Backbone backbone = Basenets.create(config.basenet(), config.shufflenetv2k(), config.resnet());
        return new PoseNetwork(backbone, heads);
    }

    /**
     * A new network with parameters allocated on {@code manager} (PyTorch's default initialisation,
     * torchvision's for ResNets) and the pretrained backbone weights of the config, if any, loaded.
     */
    public static PoseNetwork createInitialized(NetworkConfig config, List<HeadMeta> heads, NDManager manager) {
        PoseNetwork network = create(config, heads);
        network.initialize(manager, DataType.FLOAT32, INITIALIZATION_SHAPE);
        try {
            config.basenetWeights().ifPresent(file -> BackboneWeights.load(network.backbone(), file, manager));
        } catch (RuntimeException e) {
            network.clear();
            throw e;
        }
        return network;
    }
}
