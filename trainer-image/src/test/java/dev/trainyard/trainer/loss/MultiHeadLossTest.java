package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MultiHeadLossTest {

    private static final List<HeadMeta> COCOKP = CocoHeads.keypoints(16, 1, false);
    private static final HeadMeta CIF = COCOKP.get(0);
    private static final HeadMeta CAF = COCOKP.get(1);

    private final SplittableRandom random = new SplittableRandom(3);
    private final FieldTensor cifX = RandomFields.prediction(random, CIF, 2, 3, 4);
    private final FieldTensor cifT = RandomFields.target(random, CIF, 2, 3, 4);
    private final FieldTensor cafX = RandomFields.prediction(random, CAF, 2, 3, 4);
    private final FieldTensor cafT = RandomFields.target(random, CAF, 2, 3, 4);

    private LossResult evaluate(NDManager manager, LossConfig config, boolean withCif, boolean withCaf) {
        MultiHeadLoss loss = LossFactory.create(COCOKP, config, manager);
        return loss.evaluate(new NDList(cifX.toArray(manager), cafX.toArray(manager)),
                Arrays.asList(withCif ? cifT.toArray(manager) : null, withCaf ? cafT.toArray(manager) : null));
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void componentsAreNamedByDatasetHeadAndKind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<HeadMeta> heads = Stream.concat(
                    CocoHeads.keypoints(16, 2, true).stream(), CocoHeads.detection(16, 1).stream()).toList();
            MultiHeadLoss loss = LossFactory.create(heads, LossConfig.defaults(), manager);
            assertEquals(List.of(
                    "cocokp.cif.c", "cocokp.cif.vec", "cocokp.cif.scales",
                    "cocokp.caf.c", "cocokp.caf.vec", "cocokp.caf.scales",
                    "cocokp.caf25.c", "cocokp.caf25.vec", "cocokp.caf25.scales",
                    "cocodet.cifdet.c", "cocodet.cifdet.vec"), loss.componentNames());
            assertEquals(List.of(), loss.parameters());
            assertEquals(java.util.Map.of(), loss.batchMeta());
        }
    }

    @Test
    void totalIsTheSumOfAllComponentsByDefault() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LossResult result = evaluate(manager, LossConfig.defaults(), true, true);
            List<Double> expected = new ArrayList<>(ScalarReference.components(CIF, LossConfig.defaults(), cifX, cifT));
            expected.addAll(ScalarReference.components(CAF, LossConfig.defaults(), cafX, cafT));
            assertEquals(sum(expected), result.totalValue(), 1e-4 * sum(expected));
            double cifConfidence = result.components().get("cocokp.cif.c").getFloat();
            assertEquals(result.values().get("cocokp.cif.c"), cifConfidence, 0.0);
        }
    }

    @Test
    void aHeadWithoutTargetsHasNullComponentsAndAddsNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LossResult cifOnly = evaluate(manager, LossConfig.defaults(), true, false);
            List<Double> cif = ScalarReference.components(CIF, LossConfig.defaults(), cifX, cifT);
            assertAll(
                    () -> assertNull(cifOnly.components().get("cocokp.caf.vec")),
                    () -> assertTrue(cifOnly.values().containsKey("cocokp.caf.vec")),
                    () -> assertNull(cifOnly.values().get("cocokp.caf.scales")),
                    () -> assertNotNull(cifOnly.components().get("cocokp.cif.scales")),
                    () -> assertEquals(sum(cif), cifOnly.totalValue(), 1e-4 * sum(cif)));

            LossResult none = evaluate(manager, LossConfig.defaults(), false, false);
            assertNull(none.total());
            assertTrue(none.values().values().stream().allMatch(v -> v == null));
        }
    }

    @Test
    void headLambdasBroadcastToTheirComponentsAndComponentLambdasApplyOneByOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Double> v = new ArrayList<>(evaluate(manager, LossConfig.defaults(), true, true).values().values());

            LossResult byHead = evaluate(manager, LossConfig.defaults().withLambdas(List.of(2.0, 0.5)), true, true);
            double expectedByHead = 2.0 * (v.get(0) + v.get(1) + v.get(2)) + 0.5 * (v.get(3) + v.get(4) + v.get(5));
            assertEquals(expectedByHead, byHead.totalValue(), 1e-5 * expectedByHead);

            List<Double> lambdas = List.of(1.0, 0.0, 3.0, 0.25, 2.0, 0.0);
            LossResult byComponent = evaluate(manager, LossConfig.defaults().withComponentLambdas(lambdas), true, true);
            double expected = 0.0;
            for (int k = 0; k < 6; k++) {
                expected += lambdas.get(k) * v.get(k);
            }
            assertEquals(expected, byComponent.totalValue(), 1e-5 * expected);
            assertEquals(v, new ArrayList<>(byComponent.values().values()), "lambdas weigh only the total");
        }
    }

    @Test
    void lambdaCountsAreCheckedAgainstTheHeads() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BadInputException heads = assertThrows(BadInputException.class, () -> LossFactory.create(
                    COCOKP, LossConfig.defaults().withLambdas(List.of(1.0, 1.0, 1.0)), manager));
            assertTrue(heads.getMessage().contains("--lambdas needs 2 values"), heads.getMessage());

            BadInputException components = assertThrows(BadInputException.class, () -> LossFactory.create(
                    COCOKP, LossConfig.defaults().withComponentLambdas(List.of(1.0, 1.0)), manager));
            assertTrue(components.getMessage().contains("--component-lambdas needs 6 values"), components.getMessage());
        }
    }

    @Test
    void aNonFiniteComponentIsReportedByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FieldTensor t = FieldTensor.zeros(1, CIF.nFields(), CIF.targetChannels(), 1, 1);
            // a valid vector whose target scale is 0: the regression distance is divided by zero
            t.set(0, 0, 4, 0, 0, 0.0);
            FieldTensor x = FieldTensor.zeros(1, CIF.nFields(), CIF.predictionChannels(), 1, 1);
            MultiHeadLoss loss = LossFactory.create(List.of(CIF), LossConfig.defaults(), manager);

            NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                    () -> loss.evaluate(new NDList(x.toArray(manager)), List.of(t.toArray(manager))));
            assertEquals(List.of("cocokp.cif.vec"), e.components());
            assertTrue(e.getMessage().contains("cocokp.cif.vec"), e.getMessage());
        }
    }

    @Test
    void shapesThatDoNotFitTheHeadAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadLoss loss = LossFactory.create(List.of(CIF), LossConfig.defaults(), manager);
            NDArray wrong = cafX.toArray(manager);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.evaluate(new NDList(wrong), List.of(cifT.toArray(manager))));
            assertTrue(e.getMessage().startsWith("cocokp.cif:"), e.getMessage());
        }
    }

    @Test
    void gradientIsFiniteEverywhereAndZeroWhereEverythingIsIgnored() {
        FieldTensor t = RandomFields.target(new SplittableRandom(5), CAF, 2, 3, 4);
        for (int c = 0; c < CAF.targetChannels(); c++) {
            t.set(1, 4, c, 2, 3, Double.NaN);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadLoss loss = LossFactory.create(List.of(CAF), LossConfig.defaults(), manager);
            NDArray x = cafX.toArray(manager);
            x.setRequiresGradient(true);
            int arraysBefore = manager.getManagedArrays().size();
            float[] gradient;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossResult result = loss.evaluate(new NDList(x), List.of(t.toArray(manager)));
                // the batch's intermediates are gone; only the four results joined the caller's manager
                assertEquals(arraysBefore + 1 + 4, manager.getManagedArrays().size());
                collector.backward(result.total());
                gradient = x.getGradient().toFloatArray();
            }
            for (float g : gradient) {
                assertTrue(Float.isFinite(g));
            }
            for (int c = 0; c < CAF.predictionChannels(); c++) {
                assertEquals(0f, gradient[cafX.index(1, 4, c, 2, 3)], 0f, "channel " + c);
            }
            assertTrue(Arrays.stream(toDoubles(gradient)).anyMatch(g -> g != 0.0));
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
