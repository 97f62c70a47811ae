package dev.trainyard.trainer.network;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that defines a network besides its heads: the basenet, its architecture options
 * and an optional file of pretrained backbone weights.
 *
 * @param basenet a name of {@link Basenets#NAMES}
 * @param basenetWeights a DJL parameter file or a numpy {@code .npz} state dict for the backbone
 */
public record NetworkConfig(
        String basenet, ShuffleNetV2KConfig shufflenetv2k, ResNetConfig resnet, Optional<Path> basenetWeights) {

    public NetworkConfig {
        Objects.requireNonNull(shufflenetv2k, "shufflenetv2k");
        Objects.requireNonNull(resnet, "resnet");
        Objects.requireNonNull(basenetWeights, "basenetWeights");
    }

    /** A basenet with the reference's default architecture and no pretrained weights. */
    public static NetworkConfig of(String basenet) {
        return new NetworkConfig(basenet, ShuffleNetV2KConfig.DEFAULTS, ResNetConfig.DEFAULTS, Optional.empty());
    }

    /** This configuration with pretrained backbone weights from a file. */
    public NetworkConfig withBasenetWeights(Path file) {
        return new NetworkConfig(basenet, shufflenetv2k, resnet, Optional.of(file));
    }
}
