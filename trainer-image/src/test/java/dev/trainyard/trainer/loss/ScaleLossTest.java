package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScaleLossTest {

    private static final float NAN = Float.NaN;

    /** CIF rows, scale at prediction channel 4 and target channel 4. */
    private static Evaluation evaluate(ScaleLoss loss, float[] x, float[] t) {
        float[] zero = new float[x.length];
        return Evaluation.of(
                loss, FieldTensor.row(zero, zero, zero, zero, x), FieldTensor.row(zero, zero, zero, zero, t));
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void relativeErrorUnderSmoothL1InBothBranches() {
        Evaluation quadratic = evaluate(new ScaleLoss(4, 4, 1.0, false, 5.0), new float[] {0.3f}, new float[] {1.5f});
        Evaluation linear = evaluate(new ScaleLoss(4, 4, 0.2, false, 5.0), new float[] {0.3f}, new float[] {1.5f});

        double d = Math.abs(softplus(0.3) - 1.5) / (1.0 * (0.1 + 1.5));
        double dLinear = Math.abs(softplus(0.3) - 1.5) / (0.2 * (0.1 + 1.5));
        double dLossDx = -d / 1.6 * (1.0 / (1.0 + Math.exp(-0.3)));
        assertAll(
                () -> assertEquals(0.5 * d * d, quadratic.loss()[0], 1e-7),
                () -> assertEquals(dLossDx, quadratic.gradient(5, 4, 0), 1e-6),
                () -> assertEquals(dLinear - 0.5, linear.loss()[0], 1e-6));
    }

    @Test
    void largeErrorsAreSoftClamped() {
        Evaluation e = evaluate(new ScaleLoss(4, 4, 1.0, false, 5.0), new float[] {10f}, new float[] {0.5f});
        double d = Math.abs(softplus(10.0) - 0.5) / 0.6;
        double clamped = 5.0 + Math.log(d - 5.0 + 1.0);
        assertEquals(clamped - 0.5, e.loss()[0], 1e-5);
    }

    @Test
    void logSpaceComparesLogarithmsWithoutRelativeDenominator() {
        Evaluation e = evaluate(new ScaleLoss(4, 4, 2.0, true, 5.0), new float[] {0.4f}, new float[] {3f});
        double d = Math.abs(Math.log(softplus(0.4)) - Math.log(3.0)) / 2.0;
        assertEquals(0.5 * d * d, e.loss()[0], 1e-7);
    }

    @Test
    void ignoredScalesHaveNoLossAndNoGradient() {
        for (boolean logSpace : new boolean[] {false, true}) {
            Evaluation e = evaluate(new ScaleLoss(4, 4, 1.0, logSpace, 5.0),
                    new float[] {-300f, 2f, 1f}, new float[] {NAN, Float.POSITIVE_INFINITY, NAN});
            for (int j = 0; j < 3; j++) {
                assertEquals(0f, e.loss()[j], 0f, "column " + j + " log " + logSpace);
                for (int c = 0; c < 5; c++) {
                    assertEquals(0f, e.gradient(5, c, j), 0f, "channel " + c + " column " + j + " log " + logSpace);
                }
            }
        }
    }
}
