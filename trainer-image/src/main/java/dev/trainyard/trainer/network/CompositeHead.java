package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.trainyard.trainer.head.HeadMeta;

/**
 * The reference's {@code CompositeField4} head: a 1x1 convolution with bias to
 * {@code fields * channels * u²} maps, a pixel shuffle by the upsampling {@code u}, and a crop of
 * {@code (u - 1) / 2} leading and {@code ceil((u - 1) / 2)} trailing rows and columns so the
 * field keeps the {@code (L - 1) / stride + 1} grid. Outputs are raw (no sigmoid, softplus or
 * index offsets), with channel 0 the uncertainty {@code w} as {@link HeadMeta} describes.
 */
public final class CompositeHead extends AbstractBlock {

    private final HeadMeta meta;
    private final Conv2d conv;

    /** @param inFeatures channels of the backbone's feature map */
    public CompositeHead(HeadMeta meta, int inFeatures) {
        this.meta = meta;
        int u = meta.upsample();
        int outChannels = meta.nFields() * meta.predictionChannels() * u * u;
        conv = addChildBlock("conv", Convs.torchDefault(inFeatures, outChannels, 1, 1, 1, 1, true));
    }

    public HeadMeta meta() {
        return meta;
    }

    /**
     * {@code [batch, features, h, w]} to {@code [batch, fields, channels, h', w']} with
     * {@code h' = h * u - u + 1} (h for u = 1).
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray maps = conv.forward(parameterStore, inputs, training, params).singletonOrThrow();
        Shape shape = maps.getShape();
        int u = meta.upsample();
        NDArray fields = maps.reshape(shape.get(0), meta.nFields(), meta.predictionChannels() * u * u,
                shape.get(2), shape.get(3));
        if (u == 1) {
            return new NDList(fields);
        }
        NDArray shuffled = PixelShuffle.apply(fields, u);
        long lowCut = lowCut(u);
        long highCut = highCut(u);
        long h = shuffled.getShape().get(3);
        long w = shuffled.getShape().get(4);
        return new NDList(shuffled.get(new NDIndex()
                .addAllDim(3)
                .addSliceDim(lowCut, h - highCut)
                .addSliceDim(lowCut, w - highCut)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        int u = meta.upsample();
        long cut = lowCut(u) + highCut(u);
        return new Shape[] {new Shape(in.get(0), meta.nFields(), meta.predictionChannels(),
                in.get(2) * u - cut, in.get(3) * u - cut)};
    }

    private static long lowCut(int u) {
        return (u - 1) / 2;
    }

    private static long highCut(int u) {
        return u / 2;
    }
}
