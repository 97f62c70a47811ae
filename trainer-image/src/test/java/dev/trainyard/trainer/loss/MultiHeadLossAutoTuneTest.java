package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultiHeadLossAutoTuneTest {

    private static final List<HeadMeta> COCOKP = CocoHeads.keypoints(16, 1, false);
    private static final LossConfig KENDALL = LossConfig.defaults().withAutoTune(LossConfig.AutoTune.KENDALL);
    private static final LossConfig VARIANCE = LossConfig.defaults().withAutoTune(LossConfig.AutoTune.VARIANCE);

    private final SplittableRandom random = new SplittableRandom(23);
    private final FieldTensor cifT = RandomFields.target(random, COCOKP.get(0), 1, 2, 3);
    private final FieldTensor cafT = RandomFields.target(random, COCOKP.get(1), 1, 2, 3);

    private LossResult evaluate(MultiHeadLoss loss, NDManager manager, boolean withCaf) {
        FieldTensor cifX = RandomFields.prediction(random, COCOKP.get(0), 1, 2, 3);
        FieldTensor cafX = RandomFields.prediction(random, COCOKP.get(1), 1, 2, 3);
        return loss.evaluate(new NDList(cifX.toArray(manager), cafX.toArray(manager)),
                Arrays.asList(cifT.toArray(manager), withCaf ? cafT.toArray(manager) : null));
    }

    /** Kendall's tuned loss of one component, written out from the formulas. */
    private static double kendall(ComponentKind kind, double logSigma, double loss) {
        double c = 3.0 * Math.tanh(logSigma / 3.0);
        return switch (kind) {
            case REGRESSION -> loss;
            case SCALE -> 0.694 + c + loss * Math.exp(-c);
            case CONFIDENCE -> 0.919 + c + 0.5 * loss * Math.exp(-2.0 * c);
        };
    }

    @Test
    void kendallTunesConfidencesAsGaussiansAndScalesAsLaplacesWithLearnableSigmas() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadLoss loss = LossFactory.create(COCOKP, KENDALL.withLambdas(List.of(1.0, 0.5)), manager);
            Parameter parameter = loss.parameters().getFirst();
            assertEquals(List.of(1), List.of(loss.parameters().size()));
            float[] logSigmas = {0.5f, 9f, -1f, 2f, 0f, -0.3f};
            parameter.getArray().set(logSigmas);

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossResult result = evaluate(loss, manager, true);
                List<Double> values = new ArrayList<>(result.values().values());
                double expected = 0.0;
                for (int k = 0; k < 6; k++) {
                    double lambda = k < 3 ? 1.0 : 0.5;
                    expected += lambda * kendall(loss.componentKinds().get(k), logSigmas[k], values.get(k));
                }
                assertEquals(expected, result.totalValue(), 1e-5 * expected);

                collector.backward(result.total());
                float[] gradient = parameter.getArray().getGradient().toFloatArray();
                double h = 1e-4;
                for (int k = 0; k < 6; k++) {
                    double lambda = k < 3 ? 1.0 : 0.5;
                    ComponentKind kind = loss.componentKinds().get(k);
                    double numeric = lambda * (kendall(kind, logSigmas[k] + h, values.get(k))
                            - kendall(kind, logSigmas[k] - h, values.get(k))) / (2 * h);
                    assertEquals(numeric, gradient[k], 1e-4 + 1e-3 * Math.abs(numeric), "component " + k);
                }
            }
            assertEquals(Map.of("mtl_sigmas", List.of(1.649, 8103.084, 0.368, 7.389, 1.0, 0.741)), loss.batchMeta());
        }
    }

    @Test
    void kendallSkipsAbsentComponents() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadLoss loss = LossFactory.create(COCOKP, KENDALL, manager);
            LossResult result = evaluate(loss, manager, false);
            List<Double> values = new ArrayList<>(result.values().values());
            double expected = 0.0;
            for (int k = 0; k < 3; k++) {
                expected += kendall(loss.componentKinds().get(k), 0.0, values.get(k));
            }
            assertEquals(expected, result.totalValue(), 1e-5 * expected);
        }
    }

    @Test
    void varianceWeighsByInverseSpreadOfTheLast53ValuesOnceTheHistoryIsFull() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadLoss loss = LossFactory.create(COCOKP, VARIANCE.withComponentLambdas(
                    List.of(1.0, 2.0, 1.0, 0.5, 1.0, 1.0)), manager);
            double[] lambdas = {1.0, 2.0, 1.0, 0.5, 1.0, 1.0};
            double[][] history = new double[6][53];
            for (double[] row : history) {
                Arrays.fill(row, Double.NaN);
            }

            LossResult first = evaluate(loss, manager, true);
            List<Double> v0 = new ArrayList<>(first.values().values());
            double plain = 0.0;
            for (int k = 0; k < 6; k++) {
                plain += lambdas[k] * v0.get(k);
                history[k][0] = v0.get(k);
            }
            assertEquals(plain, first.totalValue(), 1e-5 * plain, "without a full history every ε is 1");
            assertEquals(Map.of("mtl_sigmas", List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0)), loss.batchMeta());

            LossResult last = first;
            for (int step = 1; step < 60; step++) {
                // every 5th batch comes from another dataset: the caf slots keep their old values
                last = evaluate(loss, manager, step % 5 != 0);
                List<Double> values = new ArrayList<>(last.values().values());
                for (int k = 0; k < 6; k++) {
                    if (values.get(k) != null) {
                        history[k][step % 53] = values.get(k);
                    }
                }
            }

            double[] eps = new double[6];
            double inverseSum = 0.0;
            for (int k = 0; k < 6; k++) {
                double mean = Arrays.stream(history[k]).average().orElseThrow();
                double variance = Arrays.stream(history[k]).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
                // caf slots skipped while another dataset was sampled are still NaN: ε falls back to 10
                eps[k] = Double.isNaN(variance) ? 10.0 : Math.min(100.0, Math.max(0.01, Math.sqrt(variance)));
                inverseSum += 1.0 / eps[k];
            }
            List<Double> values = new ArrayList<>(last.values().values());
            double expected = 0.0;
            List<Double> rounded = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                eps[k] *= inverseSum / 6.0;
                expected += lambdas[k] * values.get(k) / eps[k];
                rounded.add(Math.round(eps[k] * 1000.0) / 1000.0);
            }
            assertEquals(expected, last.totalValue(), 1e-4 * expected);
            assertEquals(Map.of("mtl_sigmas", rounded), loss.batchMeta());
            assertEquals(10.0 * inverseSum / 6.0, eps[3], 1e-12, "the test reaches the NaN fallback");
        }
    }

    @Test
    void varianceHasNoLearnableParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(List.of(), LossFactory.create(COCOKP, VARIANCE, manager).parameters());
        }
    }
}
