package dev.trainyard.trainer.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.InstanceNorm2d(affine=True, track_running_stats=True)}: per-sample statistics
 * while training (which also update running averages), the running averages in evaluation.
 *
 * <p>Computed as PyTorch does it: a batch norm over {@code [1, batch * channels, h, w]} with the
 * running statistics repeated per sample, whose updated copies are then averaged over the batch.
 */
final class InstanceNorm2d extends AbstractBlock {

    private final float epsilon;
    private final float torchMomentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    InstanceNorm2d(float epsilon, float torchMomentum) {
        this.epsilon = epsilon;
        this.torchMomentum = torchMomentum;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean")
                .setType(Parameter.Type.RUNNING_MEAN).optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar")
                .setType(Parameter.Type.RUNNING_VAR).optRequiresGrad(false).build());
    }

    /** {@code [batch, channels, h, w]} to the same shape. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1);
        Device device = x.getDevice();
        NDArray mean = parameterStore.getValue(runningMean, device, training);
        NDArray var = parameterStore.getValue(runningVar, device, training);
        NDArray perSampleMean = mean.tile(batch);
        NDArray perSampleVar = var.tile(batch);
        NDArray out = BatchNorm.batchNorm(
                        x.reshape(1, batch * channels, shape.get(2), shape.get(3)),
                        perSampleMean,
                        perSampleVar,
                        parameterStore.getValue(gamma, device, training).tile(batch),
                        parameterStore.getValue(beta, device, training).tile(batch),
                        1,
                        1f - torchMomentum,
                        epsilon,
                        training)
                .singletonOrThrow()
                .reshape(shape);
        if (training) {
            perSampleMean.reshape(batch, channels).mean(new int[] {0}).copyTo(mean);
            perSampleVar.reshape(batch, channels).mean(new int[] {0}).copyTo(var);
        }
        return new NDList(out);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        for (Parameter parameter : new Parameter[] {gamma, beta, runningMean, runningVar}) {
            parameter.setShape(new Shape(channels));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
