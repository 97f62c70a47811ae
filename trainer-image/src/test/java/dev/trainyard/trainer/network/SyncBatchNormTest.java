package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.dist.Collective;
import dev.trainyard.trainer.dist.SingleProcess;
import dev.trainyard.trainer.dist.ThreadGroup;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SyncBatchNorm over ranks that are threads of this JVM, against BatchNorm on the concatenated
 * batch. (Gradients need one autograd session per process, so they are compared by the MPI
 * integration test {@code DataParallelIT}.)
 */
class SyncBatchNormTest {

    private static final int CHANNELS = 3;

    /** What training-mode forward passes leave: the last output and the running statistics. */
    private record Pass(float[] out, float[] runningMean, float[] runningVar) {
    }

    @Test
    void trainingOutputAndRunningStatisticsEqualBatchNormOnTheConcatenatedBatch() throws Exception {
        int ranks = 3;
        Shape part = new Shape(2, CHANNELS, 4, 5);
        Shape whole = new Shape(2L * ranks, CHANNELS, 4, 5);
        // an offset far from zero and unequal parts: the combination must not cancel or weight wrongly
        float[] first = SyncBatchNormProbe.random(whole.size(), 1, 3f, 20f);
        float[] second = SyncBatchNormProbe.random(whole.size(), 2, 0.5f, -1f);
        Pass expected = passes(NormKind.BATCH.create(CHANNELS), whole, first, second);

        List<Pass> parts = ThreadGroup.withMembers(ranks, collective -> {
            try (SyncBatchNorm.Scope scope = SyncBatchNorm.across(collective)) {
                Block norm = NormKind.BATCH.create(CHANNELS);
                assertInstanceOf(SyncBatchNorm.class, norm);
                int r = collective.rank();
                return passes(norm, part, SyncBatchNormProbe.slice(first, r, ranks), SyncBatchNormProbe.slice(second, r, ranks));
            }
        });

        for (int r = 0; r < ranks; r++) {
            Pass got = parts.get(r);
            assertArrayEquals(SyncBatchNormProbe.slice(expected.out(), r, ranks), got.out(), 1e-5f, "output of rank " + r);
            assertArrayEquals(expected.runningMean(), got.runningMean(), 1e-5f, "running mean of rank " + r);
            assertArrayEquals(expected.runningVar(), got.runningVar(), 1e-5f, "running variance of rank " + r);
        }
    }

    @Test
    void aloneOrOutsideAScopeItIsPlainBatchNorm() throws Exception {
        assertInstanceOf(BatchNorm.class, NormKind.BATCH.create(CHANNELS));
        try (SyncBatchNorm.Scope scope = SyncBatchNorm.across(new SingleProcess())) {
            assertInstanceOf(BatchNorm.class, NormKind.BATCH.create(CHANNELS));
        }
        List<Block> built = ThreadGroup.withMembers(2, collective -> {
            try (SyncBatchNorm.Scope outer = SyncBatchNorm.across(collective)) {
                try (SyncBatchNorm.Scope inner = SyncBatchNorm.across(new SingleProcess())) {
                    assertInstanceOf(BatchNorm.class, NormKind.BATCH.create(CHANNELS));
                }
                return NormKind.BATCH.create(CHANNELS);
            }
        });
        assertInstanceOf(SyncBatchNorm.class, built.get(1));
        assertInstanceOf(BatchNorm.class, NormKind.BATCH.create(CHANNELS));
    }

    @Test
    void evaluationUsesTheRunningStatisticsWithoutCommunicating() throws Exception {
        Shape shape = new Shape(1, CHANNELS, 2, 2);
        float[] data = SyncBatchNormProbe.random(shape.size(), 3, 2f, 1f);
        float[] plain = evaluate(NormKind.BATCH.create(CHANNELS), shape, data);
        // one rank only: a collective call would wait for the missing rank and fail the test
        List<float[]> synced = ThreadGroup.withMembers(2, collective -> {
            try (SyncBatchNorm.Scope scope = SyncBatchNorm.across(collective)) {
                Block norm = NormKind.BATCH.create(CHANNELS);
                return collective.rank() == 0 ? evaluate(norm, shape, data) : plain;
            }
        });
        assertArrayEquals(plain, synced.get(0), 0f);
        assertEquals((data[0] - 0) / Math.sqrt(1 + NormKind.BATCH_EPSILON), plain[0], 1e-6);
    }

    /**
     * When every rank holds the same batch the global statistics are the local ones, so forward,
     * running statistics and gradients must all be single-process BatchNorm's. The ranks are one
     * process here ({@link Twins}: every sum is its own value times the rank count), which lets
     * one autograd session see the synchronised path.
     */
    @Test
    void withTheSameBatchOnEveryRankGradientsAreBatchNorms() {
        Shape shape = new Shape(3, CHANNELS, 5, 4);
        float[] data = SyncBatchNormProbe.random(shape.size(), 4, 2f, 5f);
        float[] weights = SyncBatchNormProbe.random(shape.size(), 5, 1f, 0f);
        float[][] plain = gradients(NormKind.BATCH.create(CHANNELS), shape, data, weights);
        float[][] synced;
        try (SyncBatchNorm.Scope scope = SyncBatchNorm.across(new Twins(4))) {
            synced = gradients(NormKind.BATCH.create(CHANNELS), shape, data, weights);
        }
        // (the running variance's unbiased factor counts the global batch, 4x larger here)
        String[] what = {"output", "input gradient", "gamma gradient", "beta gradient", "running mean"};
        for (int i = 0; i < what.length; i++) {
            assertArrayEquals(plain[i], synced[i], 2e-5f, what[i]);
        }
    }

    /** A job of {@code size} ranks that all hold this process's data. */
    private record Twins(int size) implements Collective {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int localRank() {
            return 0;
        }

        @Override
        public void allReduceSum(MemorySegment buffer, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void allReduceSum(float[] values) {
            for (int i = 0; i < values.length; i++) {
                values[i] *= size;
            }
        }

        @Override
        public void allReduceSum(double[] values) {
            for (int i = 0; i < values.length; i++) {
                values[i] *= size;
            }
        }

        @Override
        public void broadcast(MemorySegment buffer, long count, int root) {
        }

        @Override
        public void barrier() {
        }

        @Override
        public void close() {
        }
    }

    /** Output, gradients of input, gamma and beta of {@code sum(y * weights)}, then the running statistics. */
    private static float[][] gradients(Block norm, Shape shape, float[] data, float[] weights) {
        try (NDManager manager = NDManager.newBaseManager()) {
            norm.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.create(data, shape);
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray y = norm.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                out = y.toFloatArray();
                collector.backward(y.mul(manager.create(weights, shape)).sum());
            }
            var paths = ParameterPaths.of(norm);
            return new float[][] {out, x.getGradient().toFloatArray(),
                paths.get("weight").getArray().getGradient().toFloatArray(),
                paths.get("bias").getArray().getGradient().toFloatArray(),
                paths.get("running_mean").getArray().toFloatArray(), paths.get("running_var").getArray().toFloatArray()};
        }
    }

    /** Two training-mode passes (so the running statistics move twice), the second's output. */
    private static Pass passes(Block norm, Shape shape, float[] first, float[] second) {
        try (NDManager manager = NDManager.newBaseManager()) {
            norm.initialize(manager, DataType.FLOAT32, shape);
            ParameterStore store = new ParameterStore(manager, false);
            norm.forward(store, new NDList(manager.create(first, shape)), true);
            NDArray out = norm.forward(store, new NDList(manager.create(second, shape)), true).singletonOrThrow();
            var paths = ParameterPaths.of(norm);
            return new Pass(out.toFloatArray(), paths.get("running_mean").getArray().toFloatArray(),
                    paths.get("running_var").getArray().toFloatArray());
        }
    }

    private static float[] evaluate(Block norm, Shape shape, float[] data) {
        try (NDManager manager = NDManager.newBaseManager()) {
            norm.initialize(manager, DataType.FLOAT32, shape);
            return norm.forward(new ParameterStore(manager, false), new NDList(manager.create(data, shape)), false)
                    .singletonOrThrow().toFloatArray();
        }
    }
}
