package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import org.junit.jupiter.api.Test;

class RegressionLossTest {

    private static final float NAN = Float.NaN;
    private static final HeadMeta CIF = CocoHeads.keypoints(16, 1, false).get(0);
    private static final RegressionLoss CIF_VECTOR = RegressionLoss.keypoint(CIF, 0, 5.0);

    /** CIF prediction row: w, c, dx, dy, s. */
    private static FieldTensor cifPrediction(float w, float dx, float dy, float s) {
        return FieldTensor.row(
                new float[] {w}, new float[] {0f}, new float[] {dx}, new float[] {dy}, new float[] {s});
    }

    /** CIF target row: c, dx, dy, bmin, scale. */
    private static FieldTensor cifTarget(float dx, float dy, float bmin, float scale) {
        return FieldTensor.row(
                new float[] {1f}, new float[] {dx}, new float[] {dy}, new float[] {bmin}, new float[] {scale});
    }

    private static double logB(double w) {
        return 0.5 * 3.0 * Math.tanh(w / 3.0) + 0.69314;
    }

    @Test
    void laplaceOfTheDistanceWithBminOverHalfTheScale() {
        Evaluation e = Evaluation.of(
                CIF_VECTOR, cifPrediction(0.3f, 1.2f, -0.4f, 9f), cifTarget(1.0f, 0.1f, 0.2f, 2.0f));

        double d = Math.sqrt(0.2 * 0.2 + 0.5 * 0.5 + 0.2 * 0.2);
        double l = d / (0.5 * 2.0);
        double logB = logB(0.3);
        double dLossDx = Math.exp(-logB) * (1.2 - 1.0) / (d * 0.5 * 2.0);
        assertAll(
                () -> assertEquals(l * Math.exp(-logB) + logB, e.loss()[0], 1e-6),
                () -> assertEquals(dLossDx, e.gradient(5, 2, 0), 1e-6),
                () -> assertEquals(0f, e.gradient(5, 4, 0), 0f, "a given target scale ignores the predicted one"),
                () -> assertEquals(0f, e.gradient(5, 1, 0), 0f, "nor the confidence"));
    }

    @Test
    void missingTargetScaleIsImputedFromTheDetachedPrediction() {
        Evaluation e = Evaluation.of(CIF_VECTOR, cifPrediction(0f, 0.5f, 0.5f, 0.7f), cifTarget(0f, 0f, 0.2f, NAN));

        double scale = Math.log1p(Math.exp(0.7));
        double d = Math.sqrt(0.25 + 0.25 + 0.04);
        assertAll(
                () -> assertEquals(d / (0.5 * scale) * Math.exp(-0.69314) + 0.69314, e.loss()[0], 1e-6),
                () -> assertEquals(0f, e.gradient(5, 4, 0), 0f, "the imputation is detached"));
    }

    @Test
    void missingBminBecomesOneTenth() {
        Evaluation e = Evaluation.of(CIF_VECTOR, cifPrediction(0f, 0.3f, 0f, 0f), cifTarget(0f, 0f, NAN, 1.0f));
        double d = Math.sqrt(0.09 + 0.01);
        assertEquals(d / 0.5 * Math.exp(-0.69314) + 0.69314, e.loss()[0], 1e-6);
    }

    @Test
    void largeErrorsAreSoftClampedWithTheScaleClamp() {
        Evaluation e = Evaluation.of(CIF_VECTOR, cifPrediction(-1f, 10f, 0f, 0f), cifTarget(0f, 0f, 0.1f, 1.0f));
        double l = Math.sqrt(100 + 0.01) / 0.5;
        double clamped = 5.0 + Math.log(l - 5.0 + 1.0);
        double logB = logB(-1.0);
        assertEquals(clamped * Math.exp(-logB) + logB, e.loss()[0], 1e-5);

        Evaluation unclamped = Evaluation.of(RegressionLoss.keypoint(CIF, 0, 0.0),
                cifPrediction(-1f, 10f, 0f, 0f), cifTarget(0f, 0f, 0.1f, 1.0f));
        assertEquals(l * Math.exp(-logB) + logB, unclamped.loss()[0], 1e-4, "clamp 0 disables it");
    }

    @Test
    void ignoredVectorsHaveNoLossAndNoGradient() {
        FieldTensor prediction = FieldTensor.row(
                new float[] {0.5f, 0.5f, 0.5f}, new float[] {1f, 1f, 1f}, new float[] {3f, 3f, 3f},
                new float[] {-2f, -2f, -2f}, new float[] {-300f, 0f, 0f});
        FieldTensor target = FieldTensor.row(
                new float[] {1f, 1f, 1f}, new float[] {NAN, 1f, Float.POSITIVE_INFINITY},
                new float[] {0f, NAN, 0f}, new float[] {NAN, 0f, Float.POSITIVE_INFINITY},
                new float[] {0f, 0f, NAN});
        Evaluation e = Evaluation.of(CIF_VECTOR, prediction, target);
        for (int j = 0; j < 3; j++) {
            assertEquals(0f, e.loss()[j], 0f, "column " + j);
            for (int c = 0; c < 5; c++) {
                assertEquals(0f, e.gradient(5, c, j), 0f, "channel " + c + " column " + j);
            }
        }
    }

    @Test
    void gradientStaysFiniteAtAnExactHitWithoutBmin() {
        Evaluation e = Evaluation.of(CIF_VECTOR, cifPrediction(0f, 0.25f, -0.5f, 0f), cifTarget(0.25f, -0.5f, 0f, 1f));
        assertEquals(0.69314, e.loss()[0], 1e-6);
        for (float g : e.gradient()) {
            assertTrue(Float.isFinite(g));
        }
    }

    @Test
    void detectionMeasuresOffsetAndSizeAgainstTenPercentOfTheBox() {
        // prediction w, c, dx, dy, W, H; target c, dx, dy, W, H, bmin_reg, bmin_wh
        FieldTensor prediction = FieldTensor.row(new float[] {0.2f, 0.2f}, new float[] {0f, 0f},
                new float[] {0.5f, 0.5f}, new float[] {0.2f, 0.2f}, new float[] {3f, 3f}, new float[] {4f, 4f});
        FieldTensor target = FieldTensor.row(new float[] {1f, 1f}, new float[] {0.3f, 0.3f}, new float[] {0f, 0f},
                new float[] {2.5f, NAN}, new float[] {4.5f, 4.5f}, new float[] {0.2f, 0.2f}, new float[] {0.3f, 0.3f});
        Evaluation offset = Evaluation.of(RegressionLoss.detection(0, 5.0), prediction, target);
        Evaluation size = Evaluation.of(RegressionLoss.detection(1, 5.0), prediction, target);

        double logB = logB(0.2);
        double sigma = 0.1 * Math.hypot(2.5, 4.5);
        double offsetL = Math.sqrt(0.04 + 0.04 + 0.04) / sigma;
        double sizeL = Math.sqrt(0.25 + 0.25 + 0.09) / sigma;
        // second column: no target width, so the box size comes from the detached prediction
        double imputedSigma = 0.1 * Math.log1p(Math.exp(Math.hypot(3.0, 4.0)));
        double imputedL = Math.sqrt(0.04 + 0.04 + 0.04) / imputedSigma;
        assertAll(
                () -> assertEquals(offsetL * Math.exp(-logB) + logB, offset.loss()[0], 1e-6),
                () -> assertEquals(sizeL * Math.exp(-logB) + logB, size.loss()[0], 1e-6),
                () -> assertEquals(imputedL * Math.exp(-logB) + logB, offset.loss()[1], 1e-6),
                () -> assertEquals(0f, size.loss()[1], 0f, "no size target, no size loss"),
                () -> assertEquals(0f, offset.gradient(6, 4, 1), 0f, "the imputed box size is detached"));
    }
}
