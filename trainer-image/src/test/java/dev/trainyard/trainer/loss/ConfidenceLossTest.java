package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfidenceLossTest {

    private static final float NAN = Float.NaN;

    /** A CIF-shaped row: prediction channels w, c, dx, dy, s; only w and c matter here. */
    private static FieldTensor prediction(float[] w, float[] logits) {
        float[] zero = new float[logits.length];
        return FieldTensor.row(w, logits, zero, zero, zero);
    }

    private static FieldTensor target(float[] c) {
        float[] nan = new float[c.length];
        java.util.Arrays.fill(nan, NAN);
        return FieldTensor.row(c, nan, nan, nan, nan);
    }

    @Test
    void foregroundIsHalfTheSquaredFocalStepUnderTheSharedUncertainty() {
        double x = 0.7;
        double w = 0.4;
        Evaluation e = Evaluation.of(new ConfidenceLoss(LossConfig.defaults()),
                prediction(new float[] {(float) w}, new float[] {(float) x}), target(new float[] {1f}));

        double pBar = 1.0 / (1.0 + Math.exp(x));
        double m = 0.5 * (pBar + (1.0 - pBar) * Math.log(1.0 + Math.exp(-x)));
        double l = 0.5 * (pBar * m) * (pBar * m);
        double s = 3.0 * Math.tanh(w / 3.0);
        assertEquals(0.5 * l * Math.exp(-s) + 0.5 * s, e.loss()[0], 1e-6);
    }

    @Test
    void backgroundHasNoUncertaintyTerm() {
        double x = -1.3;
        Evaluation e = Evaluation.of(new ConfidenceLoss(LossConfig.defaults()),
                prediction(new float[] {2.5f}, new float[] {(float) x}), target(new float[] {0f}));

        double pBar = 1.0 / (1.0 + Math.exp(-x));
        double m = 0.5 * (pBar + (1.0 - pBar) * Math.log(1.0 + Math.exp(x)));
        assertEquals(0.5 * (pBar * m) * (pBar * m), e.loss()[0], 1e-7);
        assertEquals(0f, e.gradient(5, 0, 0), 0f, "background never reaches the uncertainty w");
    }

    @Test
    void fractionalTargetsAreForeground() {
        Evaluation fractional = Evaluation.of(new ConfidenceLoss(LossConfig.defaults()),
                prediction(new float[] {0f}, new float[] {0.2f}), target(new float[] {0.3f}));
        Evaluation one = Evaluation.of(new ConfidenceLoss(LossConfig.defaults()),
                prediction(new float[] {0f}, new float[] {0.2f}), target(new float[] {1f}));
        assertEquals(one.loss()[0], fractional.loss()[0], 0f);
    }

    @Test
    void confidentBackgroundBelowTheClampCostsNothingButForegroundStillCounts() {
        float[] logits = {-16f, -14f, -16f};
        Evaluation e = Evaluation.of(new ConfidenceLoss(LossConfig.defaults()),
                prediction(new float[] {0f, 0f, 0f}, logits), target(new float[] {0f, 0f, 1f}));

        double bgPBar = 1.0 / (1.0 + Math.exp(14.0));
        double bgM = 0.5 * (bgPBar + (1.0 - bgPBar) * Math.log1p(Math.exp(-14.0)));
        double background = 0.5 * (bgPBar * bgM) * (bgPBar * bgM);
        double fgPBar = 1.0 / (1.0 + Math.exp(-16.0));
        double fgM = 0.5 * (fgPBar + (1.0 - fgPBar) * Math.log1p(Math.exp(16.0)));
        double foreground = 0.5 * (0.5 * (fgPBar * fgM) * (fgPBar * fgM)) * Math.exp(0.0) + 0.5 * 0.0;
        assertAll(
                () -> assertEquals(0f, e.loss()[0], 0f, "clamped background"),
                () -> assertEquals(0f, e.gradient(5, 1, 0), 0f, "clamped background gets no gradient"),
                () -> assertEquals(background, e.loss()[1], 1e-12),
                () -> assertEquals(foreground, e.loss()[2], 1e-6, "foreground is never clamped"));
    }

    @Test
    void zeroBackgroundClampDisablesIt() {
        LossConfig config = LossConfig.defaults().withBceClamps(5.0, 0.0);
        Evaluation e = Evaluation.of(new ConfidenceLoss(config),
                prediction(new float[] {0f}, new float[] {-16f}), target(new float[] {0f}));
        double pBar = 1.0 / (1.0 + Math.exp(16.0));
        double m = 0.5 * (pBar + (1.0 - pBar) * Math.log1p(Math.exp(-16.0)));
        assertEquals(0.5 * (pBar * m) * (pBar * m), e.loss()[0], 1e-16);
    }

    @Test
    void softClampBendsLargeLossesLogarithmically() {
        LossConfig config = LossConfig.defaults().withBceClamps(0.01, -15.0);
        double x = -3.0;
        double w = -0.6;
        Evaluation e = Evaluation.of(new ConfidenceLoss(config),
                prediction(new float[] {(float) w, 0f}, new float[] {(float) x, 3f}), target(new float[] {1f, 1f}));

        double pBar = 1.0 / (1.0 + Math.exp(x));
        double m = 0.5 * (pBar + (1.0 - pBar) * Math.log1p(Math.exp(-x)));
        double raw = 0.5 * (pBar * m) * (pBar * m);
        double clamped = 0.01 + Math.log(raw - 0.01 + 1.0);
        double s = 3.0 * Math.tanh(w / 3.0);
        double small = ScalarReference.confidence(3.0, 0.0, 1.0, config);
        assertAll(
                () -> assertEquals(0.5 * clamped * Math.exp(-s) + 0.5 * s, e.loss()[0], 1e-6),
                () -> assertEquals(small, e.loss()[1], 1e-7, "below the clamp nothing changes"));
    }

    @Test
    void gammaZeroIsAlphaWeightedCrossEntropyAndGeneralGammaFollowsTheFormula() {
        double x = 0.9;
        for (double gamma : new double[] {0.0, 2.0, 0.5}) {
            LossConfig config = LossConfig.defaults().withFocal(0.25, gamma);
            Evaluation e = Evaluation.of(new ConfidenceLoss(config),
                    prediction(new float[] {0f}, new float[] {(float) x}), target(new float[] {0f}));
            double pBar = 1.0 / (1.0 + Math.exp(-x));
            double p = 1.0 - pBar;
            double m = gamma == 0.0
                    ? 0.25
                    : 0.25 * (Math.pow(pBar, gamma) + gamma * Math.pow(pBar, gamma - 1) * p * Math.log1p(Math.exp(x)));
            assertEquals(0.5 * (pBar * m) * (pBar * m), e.loss()[0], 1e-7, "gamma " + gamma);
        }
    }

    @Test
    void alphaZeroMeansUnscaledLikeTheReference() {
        LossConfig config = LossConfig.defaults().withFocal(0.0, 1.0);
        Evaluation zero = Evaluation.of(new ConfidenceLoss(config),
                prediction(new float[] {0f}, new float[] {0.3f}), target(new float[] {0f}));
        Evaluation one = Evaluation.of(new ConfidenceLoss(LossConfig.defaults().withFocal(1.0, 1.0)),
                prediction(new float[] {0f}, new float[] {0.3f}), target(new float[] {0f}));
        assertEquals(one.loss()[0], zero.loss()[0], 0f);
    }

    @Test
    void ignoredTargetsHaveNoLossAndNoGradient() {
        Evaluation e = Evaluation.of(new ConfidenceLoss(LossConfig.defaults()),
                prediction(new float[] {1f, 1f}, new float[] {2f, -2f}), target(new float[] {NAN, -1f}));
        for (int j = 0; j < 2; j++) {
            assertEquals(0f, e.loss()[j], 0f);
            for (int c = 0; c < 5; c++) {
                assertEquals(0f, e.gradient(5, c, j), 0f, "channel " + c + " column " + j);
            }
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        float[] logits = {-200f, 200f, -200f, 200f};
        for (double gamma : new double[] {0.5, 1.0, 2.0}) {
            Evaluation e = Evaluation.of(new ConfidenceLoss(LossConfig.defaults().withFocal(0.5, gamma)),
                    prediction(new float[4], logits), target(new float[] {1f, 1f, 0f, 0f}));
            for (float v : e.loss()) {
                assertEquals(true, Float.isFinite(v), "gamma " + gamma);
            }
            for (float g : e.gradient()) {
                assertEquals(true, Float.isFinite(g), "gamma " + gamma);
            }
        }
    }

    /**
     * The point of the pseudo-target: its gradient is the α-weighted focal-loss gradient, on the
     * foreground scaled by the uncertainty factor e^(-s)/2.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 2.0, 0.5})
    void gradientIsTheFocalLossGradient(double gamma) {
        double alpha = 0.5;
        float[] logits = {-4f, -1.5f, -0.2f, 0f, 0.6f, 2f, 5f};
        int n = logits.length;
        double w = 0.8;
        float[] widths = new float[n];
        java.util.Arrays.fill(widths, (float) w);
        LossConfig config = LossConfig.defaults().withFocal(alpha, gamma);
        double s = 3.0 * Math.tanh(w / 3.0);

        for (boolean foreground : new boolean[] {true, false}) {
            float[] t = new float[n];
            java.util.Arrays.fill(t, foreground ? 1f : 0f);
            Evaluation e = Evaluation.of(new ConfidenceLoss(config), prediction(widths, logits), target(t));
            for (int j = 0; j < n; j++) {
                double x = logits[j];
                double h = 1e-5;
                double numeric = (ScalarReference.focalLoss(x + h, foreground, alpha, gamma)
                        - ScalarReference.focalLoss(x - h, foreground, alpha, gamma)) / (2 * h);
                double expected = foreground ? 0.5 * Math.exp(-s) * numeric : numeric;
                assertEquals(expected, e.gradient(5, 1, j), 1e-6 + 1e-4 * Math.abs(expected),
                        (foreground ? "foreground" : "background") + " x=" + x + " gamma=" + gamma);
            }
        }
    }
}
