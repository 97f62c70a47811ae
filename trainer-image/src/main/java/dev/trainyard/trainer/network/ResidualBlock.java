package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * torchvision's ResNet residual blocks (v1.5: a bottleneck strides in its 3x3 convolution):
 * conv-BN pairs with ReLU between them, plus the input (or its 1x1 projection), then ReLU.
 * Children are named {@code conv1, bn1, ..., downsample} as in torchvision's state dict.
 */
final class ResidualBlock extends AbstractBlock {

    /** Output width of a bottleneck relative to its inner width. */
    static final int BOTTLENECK_EXPANSION = 4;

    private final List<Block> convs = new ArrayList<>();
    private final List<Block> norms = new ArrayList<>();
    private final Block downsample;

    private ResidualBlock(int inChannels, int[] widths, int[] kernels, int[] strides, int dilation, boolean project) {
        for (int i = 0; i < widths.length; i++) {
            // A dilated block keeps the resolution: its 3x3 convolutions widen instead of striding.
            int convDilation = kernels[i] == 1 ? 1 : dilation;
            Block conv = Convs.kaimingFanOut(widths[i], kernels[i], strides[i], convDilation);
            convs.add(addChildBlock("conv" + (i + 1), conv));
            norms.add(addChildBlock("bn" + (i + 1), NormKind.BATCH.create(widths[i])));
        }
        int out = widths[widths.length - 1];
        int stride = Arrays.stream(strides).reduce(1, Math::multiplyExact);
        downsample = project
                ? addChildBlock("downsample", TorchSequential.of(
                        Convs.kaimingFanOut(out, 1, stride, 1), NormKind.BATCH.create(out)))
                : null;
        if (!project && (inChannels != out || stride != 1)) {
            throw new IllegalArgumentException("a residual block changing width or resolution needs a projection");
        }
    }

    /** ResNet18/34's block: two 3x3 convolutions, the first strided. */
    static ResidualBlock basic(int inChannels, int planes, int stride, int dilation, boolean project) {
        return new ResidualBlock(inChannels, new int[] {planes, planes}, new int[] {3, 3},
                new int[] {stride, 1}, dilation, project);
    }

    /** ResNet50+'s block: 1x1 reduce, strided 3x3, 1x1 expand by {@link #BOTTLENECK_EXPANSION}. */
    static ResidualBlock bottleneck(int inChannels, int planes, int stride, int dilation, boolean project) {
        return new ResidualBlock(inChannels, new int[] {planes, planes, planes * BOTTLENECK_EXPANSION},
                new int[] {1, 3, 1}, new int[] {1, stride, 1}, dilation, project);
    }

    /** {@code [batch, in, h, w]} to {@code [batch, out, h / stride, w / stride]}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList y = inputs;
        int last = convs.size() - 1;
        for (int i = 0; i <= last; i++) {
            y = convs.get(i).forward(parameterStore, y, training, params);
            y = norms.get(i).forward(parameterStore, y, training, params);
            if (i < last) {
                y = new NDList(ActivationKind.RELU.apply(y.singletonOrThrow()));
            }
        }
        NDArray identity = downsample == null
                ? inputs.singletonOrThrow()
                : downsample.forward(parameterStore, inputs, training, params).singletonOrThrow();
        return new NDList(ActivationKind.RELU.apply(y.singletonOrThrow().add(identity)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shapes);
            shapes = convs.get(i).getOutputShapes(shapes);
            norms.get(i).initialize(manager, dataType, shapes);
        }
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }
}
