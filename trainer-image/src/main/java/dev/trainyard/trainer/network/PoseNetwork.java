package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * A pose network (the reference's {@code Shell}): one backbone feeding one composite head per
 * head descriptor. Parameter paths follow the reference: {@code base_net.*}, {@code head_nets.<i>.conv.*}.
 */
public final class PoseNetwork extends AbstractBlock {

    /** Version byte of a network's parameter stream; distinct from {@link Backbone#VERSION}. */
    static final byte VERSION = 'P';

    private final Backbone backbone;
    private final List<CompositeHead> heads;
    private final List<HeadMeta> headMetas;

    /**
     * @param headMetas head descriptors; their upsampling is kept and their base stride set to the backbone's
     */
    public PoseNetwork(Backbone backbone, List<HeadMeta> headMetas) {
        super(VERSION);
        if (headMetas.isEmpty()) {
            throw new IllegalArgumentException("a pose network needs at least one head");
        }
        this.backbone = addChildBlock("base_net", backbone);
        List<CompositeHead> headBlocks = new ArrayList<>();
        for (int i = 0; i < headMetas.size(); i++) {
            HeadMeta original = headMetas.get(i);
            if (backbone.stride() % original.upsample() != 0) {
                throw new BadInputException("head " + original.fullName() + ": upsample " + original.upsample()
                        + " does not divide the stride " + backbone.stride() + " of " + backbone.name());
            }
            HeadMeta meta = original.withStrides(backbone.stride(), original.upsample());
            headBlocks.add(addChildBlock("head_nets." + i, new CompositeHead(meta, backbone.outFeatures())));
        }
        this.heads = List.copyOf(headBlocks);
        this.headMetas = heads.stream().map(CompositeHead::meta).toList();
    }

    public Backbone backbone() {
        return backbone;
    }

    /** The basenet name, e.g. {@code shufflenetv2k16}. */
    public String basenetName() {
        return backbone.name();
    }

    /** The heads, in the order of the outputs. */
    public List<CompositeHead> heads() {
        return heads;
    }

    /** The head descriptors with their base stride set to the backbone's stride. */
    public List<HeadMeta> headMetas() {
        return headMetas;
    }

    /**
     * {@code [batch, 3, H, W]} (normalised RGB) to one {@code [batch, fields, channels, h, w]}
     * per head, with {@code h = (H - 1) / stride + 1} for the head's field stride.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = backbone.forward(parameterStore, inputs, training, params);
        NDList outputs = new NDList(heads.size());
        for (CompositeHead head : heads) {
            outputs.add(head.forward(parameterStore, features, training, params).singletonOrThrow());
        }
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] features = backbone.getOutputShapes(inputShapes);
        for (CompositeHead head : heads) {
            head.initialize(manager, dataType, features);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] features = backbone.getOutputShapes(inputShapes);
        return heads.stream().map(head -> head.getOutputShapes(features)[0]).toArray(Shape[]::new);
    }
}
