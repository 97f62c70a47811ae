package dev.trainyard.trainer.network;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.trainyard.trainer.dist.Collective;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * {@code torch.nn.SyncBatchNorm}: in training, BatchNorm over the global batch of all
 * data-parallel processes; in evaluation (or alone) exactly {@code BatchNorm2d}. Its parameters
 * are BatchNorm's (same names and paths), so checkpoints do not depend on how a model was trained.
 *
 * <p>Statistics: each process computes its mean and centred sum of squares per channel; one
 * all-reduce (in double precision) of {@code n·mean}, {@code M2 + n·mean²} and {@code n} gives
 * the global mean and biased variance (Chan's parallel combination, no cancellation within a
 * process). Running statistics are updated from the global values (unbiased variance), so they
 * are identical in every process.
 *
 * <p>Gradients: the global statistics are built as {@code local part + constant rest}: the local
 * mean and centred sum of squares are differentiable tensors of this process's input, the other
 * processes' contributions enter as constants. So the gradient each process computes contains
 * every path through its own samples' contribution to the statistics, but not the paths through
 * the other processes' losses (PyTorch's SyncBatchNorm all-reduces those in its custom backward,
 * which DJL cannot express). After gradient averaging the result differs from single-process
 * BatchNorm on the concatenated batch by those cross-process terms; docs/distributed.md gives
 * the measured size.
 */
public final class SyncBatchNorm extends AbstractBlock {

    private static final int[] REDUCED_AXES = {0, 2, 3};

    /** DJL BatchNorm's parameter-stream version: both write the same bytes. */
    private static final byte STREAM_VERSION = 2;

    private long channels;

    /** The processes BatchNorm layers built now synchronise over; null builds plain BatchNorm. */
    private static volatile Collective building;

    /**
     * Makes {@link NormKind#BATCH} build synchronised layers over {@code collective} until the
     * returned scope closes (networks built or loaded from checkpoints for data-parallel training).
     */
    public static Scope across(Collective collective) {
        building = collective.isDistributed() ? collective : null;
        return () -> building = null;
    }

    /** The processes of the current {@link #across} scope, or null. */
    static Collective building() {
        return building;
    }

    /** Ends an {@link #across} scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final float epsilon;
    private final float torchMomentum;
    private final Collective collective;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * @param torchMomentum running-statistics step size in PyTorch's convention
     * @param collective the processes whose batches form the global batch
     */
    public SyncBatchNorm(float epsilon, float torchMomentum, Collective collective) {
        super(STREAM_VERSION);
        this.epsilon = epsilon;
        this.torchMomentum = torchMomentum;
        this.collective = collective;
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
        Device device = x.getDevice();
        NDArray g = parameterStore.getValue(gamma, device, training);
        NDArray b = parameterStore.getValue(beta, device, training);
        NDArray mean = parameterStore.getValue(runningMean, device, training);
        NDArray var = parameterStore.getValue(runningVar, device, training);
        if (!training || !collective.isDistributed()) {
            return BatchNorm.batchNorm(x, mean, var, g, b, 1, 1f - torchMomentum, epsilon, training);
        }
        return new NDList(synchronised(x, g, b, mean, var));
    }

    private NDArray synchronised(NDArray x, NDArray g, NDArray b, NDArray runMean, NDArray runVar) {
        Shape shape = x.getShape();
        int channels = Math.toIntExact(shape.get(1));
        long n = shape.get(0) * shape.get(2) * shape.get(3);
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDManager scope = x.getManager();

        // PyTorch's mean takes one axis in DJL; sum takes several
        NDArray localMean = x.sum(REDUCED_AXES).div((float) n);
        NDArray localM2 = x.sub(localMean.reshape(perChannel)).square().sum(REDUCED_AXES);
        float[] lm = localMean.toFloatArray();
        float[] m2 = localM2.toFloatArray();
        double[] sums = new double[2 * channels + 1];
        for (int c = 0; c < channels; c++) {
            sums[c] = n * (double) lm[c];
            sums[channels + c] = m2[c] + n * (double) lm[c] * lm[c];
        }
        sums[2 * channels] = n;
        collective.allReduceSum(sums);
        double total = sums[2 * channels];

        float[] meanRest = new float[channels];
        float[] varRest = new float[channels];
        float[] globalMean = new float[channels];
        float[] globalVar = new float[channels];
        for (int c = 0; c < channels; c++) {
            double mu = sums[c] / total;
            double m2Global = sums[channels + c] - total * mu * mu;
            double own = m2[c] + n * (lm[c] - mu) * (lm[c] - mu);
            globalMean[c] = (float) mu;
            globalVar[c] = (float) Math.max(0, m2Global / total);
            meanRest[c] = (float) ((sums[c] - n * (double) lm[c]) / total);
            varRest[c] = (float) ((m2Global - own) / total);
        }
        // differentiable in this process's input, constants for the others' contributions
        NDArray meanT = localMean.mul((float) (n / total)).add(scope.create(meanRest));
        NDArray varT = localM2.add(localMean.sub(meanT).square().mul((float) n)).div((float) total)
                .add(scope.create(varRest));
        NDArray normalised = x.sub(meanT.reshape(perChannel)).div(varT.add(epsilon).sqrt().reshape(perChannel));
        NDArray out = normalised.mul(g.reshape(perChannel)).add(b.reshape(perChannel));

        updateRunning(runMean, globalMean, 1.0);
        updateRunning(runVar, globalVar, total > 1 ? total / (total - 1) : 1.0);
        return out;
    }

    /** {@code running = (1 - m) running + m batch} on the host: no arrays attach to the parameter's manager. */
    private void updateRunning(NDArray running, float[] batch, double correction) {
        float[] values = running.toFloatArray();
        for (int c = 0; c < values.length; c++) {
            values[c] = (float) ((1 - torchMomentum) * values[c] + torchMomentum * batch[c] * correction);
        }
        running.set(values);
    }

    /** As DJL's BatchNorm: input shapes, then the channel count. */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion == STREAM_VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new MalformedModelException("unsupported BatchNorm encoding version " + loadVersion);
        }
        channels = is.readLong();
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        channels = inputShapes[0].get(1);
        for (Parameter parameter : new Parameter[] {gamma, beta, runningMean, runningVar}) {
            parameter.setShape(new Shape(channels));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
