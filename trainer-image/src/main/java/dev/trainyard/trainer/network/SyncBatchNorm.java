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
 * <p>Gradients: DJL has no custom backward, so the all-reduce PyTorch's SyncBatchNorm does in its
 * backward pass (of the per-channel sums of {@code dy} and {@code dy·x̂}) cannot happen here.
 * Instead each statistic is written {@code global value + (local - detached local)}: its value
 * is the global statistic, its derivative that of this process's own batch mean and variance
 * (around the global mean). The input gradient is then BatchNorm's backward formula on this
 * process's batch, with the globally normalised {@code x̂}:
 * {@code γ/σ · (dy - mean_local(dy) - x̂ · mean_local(dy·x̂))}, where single-process BatchNorm on
 * the concatenated batch has the global means. The two agree in expectation; the difference is
 * the sampling noise of the local means (measured by {@code DataParallelIT}: 5% of the gradient
 * norm for a conv-BN-conv network with 3 samples per process; docs/distributed.md). Keeping only
 * the local path of the exact formula instead would leave the projection out by a factor of the
 * process count (39% there).
 */
public final class SyncBatchNorm extends AbstractBlock {

    private static final int[] REDUCED_AXES = {0, 2, 3};

    /** DJL BatchNorm's parameter-stream version: both write the same bytes. */
    private static final byte STREAM_VERSION = 2;

    private long channels;

    /** Per thread: the processes BatchNorm layers built now synchronise over; null builds plain BatchNorm. */
    private static final ThreadLocal<Collective> BUILDING = new ThreadLocal<>();

    /**
     * Makes {@link NormKind#BATCH} build synchronised layers over {@code collective}, on this
     * thread, until the returned scope closes (networks built or loaded from checkpoints for
     * data-parallel training). Scopes nest: closing one restores the enclosing one.
     */
    public static Scope across(Collective collective) {
        Collective enclosing = BUILDING.get();
        BUILDING.set(collective.isDistributed() ? collective : null);
        return () -> BUILDING.set(enclosing);
    }

    /** The processes of this thread's current {@link #across} scope, or null. */
    static Collective building() {
        return BUILDING.get();
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
        // summed in double: per-process M2 plus n·mean² (Chan's combination of centred moments)
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

        float[] globalMean = new float[channels];
        float[] globalVar = new float[channels];
        for (int c = 0; c < channels; c++) {
            double mu = sums[c] / total;
            globalMean[c] = (float) mu;
            globalVar[c] = (float) Math.max(0, (sums[channels + c] - total * mu * mu) / total);
        }
        // Values: the global statistics. Gradients: those of BatchNorm over this process's batch
        // (see the class comment): each statistic is "global constant + (local - local)".
        NDArray globalMeanT = owned(scope, globalMean);
        NDArray localVar = x.sub(globalMeanT.reshape(perChannel)).square().sum(REDUCED_AXES).div((float) n);
        NDArray meanT = globalMeanT.add(localMean.sub(localMean.stopGradient()));
        NDArray varT = owned(scope, globalVar).add(localVar.sub(localVar.stopGradient()));
        NDArray normalised = x.sub(meanT.reshape(perChannel)).div(varT.add(epsilon).sqrt().reshape(perChannel));
        NDArray out = normalised.mul(g.reshape(perChannel)).add(b.reshape(perChannel));

        updateRunning(runMean, globalMean, 1.0, scope);
        updateRunning(runVar, globalVar, total > 1 ? total / (total - 1) : 1.0, scope);
        return out;
    }

    /**
     * {@code running = (1 - m) running + m batch}, in place in the tensor's own memory. (Not
     * {@code NDArray.set}: on the CPU it swaps the tensor's storage for a Java buffer that lives
     * only as long as that one NDArray object.)
     */
    private void updateRunning(NDArray running, float[] batch, double correction, NDManager scope) {
        float[] step = new float[batch.length];
        for (int c = 0; c < step.length; c++) {
            step[c] = (float) (torchMomentum * batch[c] * correction);
        }
        running.muli(1 - torchMomentum).addi(owned(scope, step).toDevice(running.getDevice(), false));
    }

    /**
     * {@code values} as an array in the engine's own memory. ({@code NDManager.create} on the CPU
     * wraps a Java buffer that only its NDArray object keeps alive; views and results that
     * outlive that object would read freed memory.)
     */
    private static NDArray owned(NDManager scope, float[] values) {
        try (NDArray wrapped = scope.create(values)) {
            NDArray copy = wrapped.duplicate();
            copy.attach(scope);
            return copy;
        }
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
