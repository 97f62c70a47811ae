package dev.trainyard.trainer.checkpoint;

import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.network.NetworkConfig;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint says about itself, so that {@code eval} and {@code predict} rebuild the network
 * without training flags and a reader knows what produced it.
 *
 * @param epoch epochs trained (0: before training); a refined run continues from here
 * @param network the architecture (basenet and its options; pretrained-weight paths are not kept)
 * @param heads the head descriptors with the network's strides
 * @param datasets the {@code --dataset} modules it was trained on
 * @param args the resolved training flags, names as the reference's ({@code cocokp_square_edge})
 * @param argv the command line as given
 * @param version the git-derived build version of the trainer
 * @param hostname where it was written
 * @param created ISO-8601 UTC time of writing
 */
public record CheckpointMeta(
        int epoch, NetworkConfig network, List<HeadMeta> heads, List<String> datasets,
        Map<String, Object> args, List<String> argv, String version, String hostname, String created) {

    public CheckpointMeta {
        heads = List.copyOf(heads);
        datasets = List.copyOf(datasets);
        argv = List.copyOf(argv);
    }

    /** The same metadata for another epoch and time. */
    public CheckpointMeta at(int newEpoch, String newCreated) {
        return new CheckpointMeta(newEpoch, network, heads, datasets, args, argv, version, hostname, newCreated);
    }
}
