package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.network.PoseNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrays an optimizer updates, in a fixed order: the backbone's, each head's, then the
 * loss's (learned task weights), with the head each belongs to, so a batch that trains only some
 * heads can leave the others untouched.
 *
 * @param all every trainable array
 * @param owners per array the index of its head, -1 for the backbone and the loss
 * @param networkCount the first {@code networkCount} arrays are the network's (clipping and the
 *     weight average apply to these)
 */
public record TrainableParameters(List<NDArray> all, int[] owners, int networkCount) {

    public static TrainableParameters of(PoseNetwork network, MultiHeadLoss loss) {
        List<NDArray> arrays = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        collect(network.backbone(), -1, arrays, owners);
        for (int h = 0; h < network.heads().size(); h++) {
            collect(network.heads().get(h), h, arrays, owners);
        }
        int networkCount = arrays.size();
        for (Parameter p : loss.parameters()) {
            arrays.add(p.getArray());
            owners.add(-1);
        }
        return new TrainableParameters(List.copyOf(arrays), owners.stream().mapToInt(Integer::intValue).toArray(),
                networkCount);
    }

    private static void collect(Block block, int owner, List<NDArray> arrays, List<Integer> owners) {
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                arrays.add(p.getArray());
                owners.add(owner);
            }
        }
    }

    /** The network's arrays. */
    public List<NDArray> network() {
        return all.subList(0, networkCount);
    }

    /** Per array whether it takes part in a batch that has targets for {@code activeHeads}; null when all do. */
    public boolean[] activeMask(boolean[] activeHeads) {
        boolean allActive = true;
        for (boolean a : activeHeads) {
            allActive &= a;
        }
        if (allActive) {
            return null;
        }
        boolean[] mask = new boolean[all.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = owners[i] < 0 || activeHeads[owners[i]];
        }
        return mask;
    }
}
