package dev.trainyard.trainer.network;

import dev.trainyard.trainer.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** Turns a basenet name into a backbone: the reference's ShuffleNetV2K and ResNet families. */
public final class Basenets {

    private interface Factory {
        Backbone create(String name, ShuffleNetV2KConfig shufflenet, ResNetConfig resnet);
    }

    private static final SequencedMap<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        shufflenet("shufflenetv2k16", List.of(4, 8, 4), List.of(24, 348, 696, 1392, 1392));
        shufflenet("shufflenetv2k20", List.of(5, 10, 5), List.of(32, 512, 1024, 2048, 2048));
        shufflenet("shufflenetv2kx5", List.of(6, 13, 6), List.of(42, 640, 1280, 2560, 2560));
        shufflenet("shufflenetv2k30", List.of(8, 16, 6), List.of(32, 512, 1024, 2048, 2048));
        shufflenet("shufflenetv2k44", List.of(12, 24, 8), List.of(32, 512, 1024, 2048, 2048));
        for (int depth : new int[] {18, 34, 50, 101, 152}) {
            FACTORIES.put("resnet" + depth, (name, shufflenet, resnet) -> ResNet.create(name, depth, resnet));
        }
    }

    /** The known basenet names. */
    public static final List<String> NAMES = List.copyOf(FACTORIES.keySet());

    private Basenets() {}

    /** A new, uninitialised backbone; the options of the other family are ignored. */
    public static Backbone create(String name, ShuffleNetV2KConfig shufflenet, ResNetConfig resnet) {
        if (name == null || name.isBlank()) {
            throw new BadInputException("--basenet is required, one of: " + String.join(", ", NAMES));
        }
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new BadInputException("unknown --basenet '" + name + "', known: " + String.join(", ", NAMES));
        }
        return factory.create(name, shufflenet, resnet);
    }

    /** {@link #create(String, ShuffleNetV2KConfig, ResNetConfig)} with the reference's default options. */
    public static Backbone create(String name) {
        return create(name, ShuffleNetV2KConfig.DEFAULTS, ResNetConfig.DEFAULTS);
    }

    private static void shufflenet(String name, List<Integer> repeats, List<Integer> channels) {
        FACTORIES.put(name, (n, shufflenet, resnet) -> ShuffleNetV2K.create(n, repeats, channels, shufflenet));
    }
}
