package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Runs named child blocks one after another, like {@code torch.nn.Sequential}; the child names
 * become the dotted parameter paths of {@link ParameterPaths}, so they follow the reference's
 * module names.
 */
class TorchSequential extends AbstractBlock {

    private static final byte VERSION = 1;

    TorchSequential() {
        this(VERSION);
    }

    /** For subclasses whose version byte tags their parameter files. */
    protected TorchSequential(byte version) {
        super(version);
    }

    /** Creates a sequence whose children are named by position ({@code 0}, {@code 1}, ...). */
    static TorchSequential of(Block... blocks) {
        TorchSequential sequence = new TorchSequential();
        for (Block block : blocks) {
            sequence.add(block);
        }
        return sequence;
    }

    /** Appends a child under the given name. */
    final TorchSequential add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }

    /** Appends a child named by its position, as {@code torch.nn.Sequential} names them. */
    final TorchSequential add(Block block) {
        return add(Integer.toString(children.size()), block);
    }

    /** Passes the inputs through every child in order; shapes are whatever the children make of them. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block child : children.values()) {
            x = child.forward(parameterStore, x, training, params);
        }
        return x;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }
}
