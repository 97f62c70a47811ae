package dev.trainyard.trainer.network;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * Names every parameter of a block tree by its dotted PyTorch state-dict path, e.g.
 * {@code layer1.0.conv1.weight} or {@code bn1.running_mean}: child names without DJL's
 * ordinal prefix, and BatchNorm's gamma/beta/runningMean/runningVar as weight/bias/running_mean/running_var.
 */
public final class ParameterPaths {

    private ParameterPaths() {}

    /** All parameters (trainable and running statistics) in the block's save order, keyed by path. */
    public static SequencedMap<String, Parameter> of(Block block) {
        SequencedMap<String, Parameter> paths = new LinkedHashMap<>();
        collect(block, "", paths);
        return paths;
    }

    private static void collect(Block block, String prefix, SequencedMap<String, Parameter> paths) {
        for (Parameter parameter : block.getDirectParameters().values()) {
            paths.put(prefix + torchName(parameter.getName()), parameter);
        }
        BlockList children = block.getChildren();
        for (int i = 0; i < children.size(); i++) {
            String name = childName(children.keyAt(i), i);
            collect(children.valueAt(i), prefix + name + ".", paths);
        }
    }

    /** Strips the {@code %02d} ordinal that {@code AbstractBlock.addChildBlock} prepends. */
    private static String childName(String key, int index) {
        String ordinal = String.format(Locale.ROOT, "%02d", index + 1);
        return key.startsWith(ordinal) ? key.substring(ordinal.length()) : key;
    }

    private static String torchName(String djlName) {
        return switch (djlName) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djlName;
        };
    }
}
