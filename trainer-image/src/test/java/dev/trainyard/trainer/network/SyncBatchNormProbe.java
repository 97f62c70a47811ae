package dev.trainyard.trainer.network;

import static java.nio.charset.StandardCharsets.UTF_8;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.dist.Collective;
import dev.trainyard.trainer.dist.Collectives;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * One rank of the SyncBatchNorm job of {@code DataParallelIT}: a small conv, BatchNorm, ReLU,
 * conv network trained for one step on this rank's slice of a fixed batch, with SyncBatchNorm
 * across the job. Rank 0 also runs the same network with plain BatchNorm on the whole batch and
 * writes how far apart the two are: training-mode output, running statistics, and the gradient
 * of the first convolution (summed over ranks, as data-parallel averaging would, up to the
 * constant factor). Arguments: output directory.
 */
public final class SyncBatchNormProbe {

    static final int BATCH_PER_RANK = 3;
    private static final Shape SAMPLE = new Shape(3, 6, 7);

    private SyncBatchNormProbe() {
    }

    /** What one step leaves. */
    private record Step(float[] out, float[] runningMean, float[] runningVar, float[] convGradient) {
    }

    public static void main(String[] args) throws IOException {
        try (Collective c = Collectives.open(true, Duration.ofSeconds(60));
                PrintStream out = new PrintStream(
                        Files.newOutputStream(Path.of(args[0], "rank-" + c.rank() + ".txt")), true, UTF_8)) {
            int ranks = c.size();
            Shape whole = new Shape(BATCH_PER_RANK * ranks).addAll(SAMPLE);
            Shape part = new Shape(BATCH_PER_RANK).addAll(SAMPLE);
            float[] data = random(whole.size(), 1, 2f, 3f);
            float[] weights = random(whole.size() / 3 * 4, 2, 1f, 0f);
            if (bnOnly()) {
                weights = random(whole.size(), 2, 1f, 0f);
            }
            Step mine;
            try (SyncBatchNorm.Scope scope = SyncBatchNorm.across(c)) {
                mine = step(network(), slice(data, c.rank(), ranks), slice(weights, c.rank(), ranks), part);
            }
            float[] summed = mine.convGradient().clone();
            c.allReduceSum(summed);
            if (c.rank() == 0) {
                Step expected = step(network(), data, weights, whole);
                out.printf(Locale.ROOT, "output %.3g%n", maxDifference(slice(expected.out(), 0, ranks), mine.out()));
                out.printf(Locale.ROOT, "running_mean %.3g%n", maxDifference(expected.runningMean(), mine.runningMean()));
                out.printf(Locale.ROOT, "running_var %.3g%n", maxDifference(expected.runningVar(), mine.runningVar()));
                out.printf(Locale.ROOT, "gradient %.4g of %.4g%n", maxDifference(expected.convGradient(), summed),
                        maxAbs(expected.convGradient()));
                out.printf(Locale.ROOT, "gradient_relative %.4g%n", norm(difference(expected.convGradient(), summed))
                        / norm(expected.convGradient()));
            }
        }
    }

    /** {@code -Dprobe.bnOnly=true}: the norm layer alone (its gradient check is then of gamma). */
    private static boolean bnOnly() {
        return Boolean.getBoolean("probe.bnOnly");
    }

    private static Block network() {
        SequentialBlock net = new SequentialBlock();
        if (!bnOnly()) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4)
                    .optBias(false).build());
        }
        net.add(NormKind.BATCH.create(bnOnly() ? 3 : 4));
        if (bnOnly()) {
            return net;
        }
        net.add(Activation.reluBlock());
        net.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4).build());
        return net;
    }

    private static Step step(Block net, float[] data, float[] lossWeights, Shape shape) {
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, shape);
            long seed = 10;
            // DJL's own parameter list: unique names (two children of one type share a state-dict path here)
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.getShape().dimension() == 4) {
                    array.set(random(array.size(), seed++, 0.3f, 0f));
                }
            }
            NDArray x = manager.create(data, shape);
            Shape outShape = new Shape(shape.get(0), bnOnly() ? 3 : 4, shape.get(2), shape.get(3));
            float[] out;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                out = y.toFloatArray();
                collector.backward(y.mul(manager.create(lossWeights, outShape)).sum());
            }
            Block norm = net.getChildren().get(bnOnly() ? 0 : 1).getValue();
            var statistics = ParameterPaths.of(norm);
            Parameter first = net.getParameters().get(0).getValue();
            return new Step(out, statistics.get("running_mean").getArray().toFloatArray(),
                    statistics.get("running_var").getArray().toFloatArray(), first.getArray().getGradient().toFloatArray());
        }
    }

    static float[] slice(float[] whole, int rank, int ranks) {
        float[] part = new float[whole.length / ranks];
        System.arraycopy(whole, rank * part.length, part, 0, part.length);
        return part;
    }

    static float[] random(long n, long seed, float scale, float offset) {
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = offset + scale * (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] difference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double maxDifference(float[] a, float[] b) {
        return maxAbs(difference(a, b));
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
