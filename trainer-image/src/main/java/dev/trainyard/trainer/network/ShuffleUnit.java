package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One ShuffleNetV2 unit with a wide depthwise kernel (the reference's {@code InvertedResidualK}).
 *
 * <p>The first unit of a stage feeds the whole input to two branches (one of them strided); the
 * others pass half of the channels through untouched and transform the other half. Either way
 * the two halves are interleaved channel by channel (a channel shuffle with two groups).
 */
final class ShuffleUnit extends AbstractBlock {

    private final boolean firstInStage;
    private final int outChannels;
    private final TorchSequential branch1;
    private final TorchSequential branch2;

    /**
     * @param firstInStage whether this unit sees the full input (the reference's {@code first_in_stage})
     */
    ShuffleUnit(int inChannels, int outChannels, boolean firstInStage, int stride, int dilation,
            int kernel, NormKind norm, ActivationKind activation) {
        if (outChannels % 2 != 0) {
            throw new IllegalArgumentException("a shuffle unit needs an even output width, got " + outChannels);
        }
        if (!firstInStage && (stride != 1 || inChannels != outChannels)) {
            throw new IllegalArgumentException("only the first unit of a stage may change stride or width");
        }
        this.firstInStage = firstInStage;
        this.outChannels = outChannels;
        int half = outChannels / 2;
        if (firstInStage) {
            branch1 = addChildBlock("branch1", TorchSequential.of(
                    Convs.torchDefault(inChannels, inChannels, kernel, stride, dilation, inChannels, false),
                    norm.create(inChannels),
                    Convs.torchDefault(inChannels, half, 1, 1, 1, 1, false),
                    norm.create(half),
                    activation.block()));
        } else {
            branch1 = null;
        }
        int branch2In = firstInStage ? inChannels : half;
        branch2 = addChildBlock("branch2", TorchSequential.of(
                Convs.torchDefault(branch2In, half, 1, 1, 1, 1, false),
                norm.create(half),
                activation.block(),
                Convs.torchDefault(half, half, kernel, stride, dilation, half, false),
                norm.create(half),
                Convs.torchDefault(half, half, 1, 1, 1, 1, false),
                norm.create(half),
                activation.block()));
    }

    /** {@code [batch, in, h, w]} to {@code [batch, out, h / stride, w / stride]}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray passed;
        NDArray transformed;
        if (firstInStage) {
            passed = branch1.forward(parameterStore, inputs, training, params).singletonOrThrow();
            transformed = branch2.forward(parameterStore, inputs, training, params).singletonOrThrow();
        } else {
            NDList halves = x.split(2, 1);
            passed = halves.get(0);
            transformed = branch2.forward(parameterStore, new NDList(halves.get(1)), training, params)
                    .singletonOrThrow();
        }
        // Stacking on a new axis after the channels and flattening it interleaves the halves:
        // the same as concatenating and shuffling with two groups, in one copy instead of two.
        Shape half = transformed.getShape();
        NDArray shuffled = passed.stack(transformed, 2)
                .reshape(half.get(0), 2 * half.get(1), half.get(2), half.get(3));
        return new NDList(shuffled);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (firstInStage) {
            branch1.initialize(manager, dataType, inputShapes);
            branch2.initialize(manager, dataType, inputShapes);
        } else {
            branch2.initialize(manager, dataType, halfShape(inputShapes[0]));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] branchInput = firstInStage ? inputShapes : new Shape[] {halfShape(inputShapes[0])};
        Shape branchOutput = branch2.getOutputShapes(branchInput)[0];
        return new Shape[] {new Shape(branchOutput.get(0), outChannels, branchOutput.get(2), branchOutput.get(3))};
    }

    private static Shape halfShape(Shape shape) {
        return new Shape(shape.get(0), shape.get(1) / 2, shape.get(2), shape.get(3));
    }
}
