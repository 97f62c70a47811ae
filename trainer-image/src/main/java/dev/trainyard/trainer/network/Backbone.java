package dev.trainyard.trainer.network;

import ai.djl.nn.Block;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * A base network: its layers in order (named after the reference's modules), its name, the
 * stride of its output feature map and its number of output features. Its forward pass maps
 * {@code [batch, 3, H, W]} to {@code [batch, outFeatures, (H - 1) / stride + 1, (W - 1) / stride + 1]}.
 */
public final class Backbone extends TorchSequential {

    /** Version byte of a backbone's parameter stream; distinct from {@link PoseNetwork#VERSION}. */
    static final byte VERSION = 'B';

    private final String name;
    private final int stride;
    private final int outFeatures;
    private final List<String> additions;
    private final Supplier<Backbone> blueprint;

    /**
     * @param layers the layers in forward order, keyed by their module names
     * @param additions parameter-path prefixes of layers the reference adds to a pretrained
     *     (torchvision) architecture; a weights file may lack them
     * @param blueprint builds a new, uninitialised backbone of the same architecture
     */
    Backbone(String name, int stride, int outFeatures, SequencedMap<String, Block> layers,
            List<String> additions, Supplier<Backbone> blueprint) {
        super(VERSION);
        layers.forEach(this::add);
        this.name = name;
        this.stride = stride;
        this.outFeatures = outFeatures;
        this.additions = List.copyOf(additions);
        this.blueprint = blueprint;
    }

    /** The basenet name, e.g. {@code shufflenetv2k16}. */
    public String name() {
        return name;
    }

    /** Input pixels per output feature cell. */
    public int stride() {
        return stride;
    }

    /** Channels of the output feature map {@code [batch, outFeatures, h, w]}. */
    public int outFeatures() {
        return outFeatures;
    }

    /** Whether a parameter is part of a layer added to the pretrained architecture. */
    public boolean isAddition(String parameterPath) {
        return additions.stream().anyMatch(prefix -> parameterPath.startsWith(prefix + "."));
    }

    /** A new, uninitialised backbone of the same architecture (e.g. to read a weights file into). */
    public Backbone newInstance() {
        return blueprint.get();
    }

    @Override
    public String toString() {
        return name + " (stride " + stride + ", " + outFeatures + " features)";
    }
}
