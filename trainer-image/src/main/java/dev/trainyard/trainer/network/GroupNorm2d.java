package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.GroupNorm} over {@code [batch, channels, h, w]}: statistics per sample and
 * channel group, then a per-channel affine transform. DJL has no group norm of its own.
 */
final class GroupNorm2d extends AbstractBlock {

    private static final int[] GROUP_AXIS = {2};

    private final int groups;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    GroupNorm2d(int groups, float epsilon) {
        this.groups = groups;
        this.epsilon = epsilon;
        // Named like DJL's BatchNorm so ParameterPaths maps them to weight/bias.
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    /** {@code [batch, channels, h, w]} to the same shape. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long channels = shape.get(1);
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centered = grouped.sub(grouped.mean(GROUP_AXIS, true));
        NDArray variance = centered.square().mean(GROUP_AXIS, true);
        NDArray normalized = centered.div(variance.add(epsilon).sqrt()).reshape(shape);
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray scale = parameterStore.getValue(gamma, x.getDevice(), training).reshape(perChannel);
        NDArray shift = parameterStore.getValue(beta, x.getDevice(), training).reshape(perChannel);
        return new NDList(normalized.mul(scale).add(shift));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
        }
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
