package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** End-to-end values of whole heads against the per-element reference in {@link ScalarReference}. */
class CompositeLossTest {

    private static final List<HeadMeta> COCOKP = CocoHeads.keypoints(16, 1, false);

    private static List<Double> evaluate(HeadMeta meta, LossConfig config, FieldTensor x, FieldTensor t) {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadLoss loss = LossFactory.create(List.of(meta), config, manager);
            LossResult result = loss.evaluate(new NDList(x.toArray(manager)), List.of(t.toArray(manager)));
            return new ArrayList<>(result.values().values());
        }
    }

    private static void assertComponents(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k), actual.get(k), 1e-4 * Math.abs(expected.get(k)), "component " + k);
        }
    }

    @Test
    void cafHeadMatchesTheReferenceWithBothVectorsAndScales() {
        SplittableRandom random = new SplittableRandom(7);
        HeadMeta caf = COCOKP.get(1);
        FieldTensor x = RandomFields.prediction(random, caf, 2, 5, 6);
        FieldTensor t = RandomFields.target(random, caf, 2, 5, 6);
        LossConfig config = LossConfig.defaults();

        assertComponents(ScalarReference.components(caf, config, x, t), evaluate(caf, config, x, t));
    }

    @Test
    void cifDetHeadMatchesTheReferenceWithBoxSizedSigma() {
        SplittableRandom random = new SplittableRandom(11);
        HeadMeta cifDet = CocoHeads.detection(16, 1).getFirst();
        FieldTensor x = RandomFields.prediction(random, cifDet, 2, 3, 4);
        FieldTensor t = RandomFields.target(random, cifDet, 2, 3, 4);
        LossConfig config = LossConfig.defaults();

        List<Double> actual = evaluate(cifDet, config, x, t);
        assertEquals(2, actual.size(), "a detection head has no .scales");
        assertComponents(ScalarReference.components(cifDet, config, x, t), actual);
    }

    @Test
    void cifHeadWithNonDefaultFlagsAndTrainingWeightsMatchesTheReference() {
        SplittableRandom random = new SplittableRandom(13);
        CifMeta plain = (CifMeta) COCOKP.get(0);
        List<Double> weights = new ArrayList<>();
        for (int f = 0; f < plain.nFields(); f++) {
            weights.add(0.5 + 0.1 * f);
        }
        CifMeta weighted = new CifMeta(plain.name(), plain.dataset(), plain.keypoints(), plain.sigmas(), plain.pose(),
                plain.drawSkeleton(), plain.scoreWeights(), plain.baseStride(), plain.upsample(), weights);
        FieldTensor x = RandomFields.prediction(random, weighted, 3, 4, 4);
        FieldTensor t = RandomFields.target(random, weighted, 3, 4, 4);

        for (LossConfig config : List.of(
                LossConfig.defaults().withFocal(0.25, 2.0).withBceClamps(0.05, -2.0).withScale(3.0, false, 1.5),
                LossConfig.defaults().withFocal(0.0, 0.0).withScale(0.5, true, 0.0))) {
            assertComponents(ScalarReference.components(weighted, config, x, t), evaluate(weighted, config, x, t));
        }
    }

    @Test
    void componentsAreNormalisedByTheBatchSize() {
        SplittableRandom random = new SplittableRandom(17);
        CafMeta caf = (CafMeta) COCOKP.get(1);
        FieldTensor x = RandomFields.prediction(random, caf, 1, 4, 4);
        FieldTensor t = RandomFields.target(random, caf, 1, 4, 4);
        FieldTensor x3 = repeat(x, 3);
        FieldTensor t3 = repeat(t, 3);

        assertComponents(evaluate(caf, LossConfig.defaults(), x, t), evaluate(caf, LossConfig.defaults(), x3, t3));
    }

    @Test
    void aHeadWithoutAnyValidTargetCostsZero() {
        HeadMeta cif = COCOKP.get(0);
        FieldTensor x = RandomFields.prediction(new SplittableRandom(1), cif, 1, 2, 2);
        FieldTensor t = FieldTensor.zeros(1, cif.nFields(), cif.targetChannels(), 2, 2);
        java.util.Arrays.fill(t.data(), Float.NaN);
        assertEquals(Collections.nCopies(3, 0.0), evaluate(cif, LossConfig.defaults(), x, t));
    }

    private static FieldTensor repeat(FieldTensor one, int times) {
        FieldTensor many = FieldTensor.zeros(times, one.fields(), one.channels(), one.height(), one.width());
        for (int b = 0; b < times; b++) {
            System.arraycopy(one.data(), 0, many.data(), b * one.data().length, one.data().length);
        }
        return many;
    }
}
