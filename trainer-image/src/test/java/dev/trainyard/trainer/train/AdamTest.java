package dev.trainyard.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    private static final double[] C = {0.5, 1.5, -3};

    /** Minimises sum(c·w²) with the optimizer and returns w. */
    private static float[] minimise(boolean amsgrad, float weightDecay, int steps, double[] learningRates) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f, 0.5f});
            w.setRequiresGradient(true);
            NDArray c = manager.create(new float[] {0.5f, 1.5f, -3f});
            Adam adam = new Adam(List.of(w), 0.9f, 0.999f, 1e-6f, weightDecay, amsgrad);
            for (int i = 0; i < steps; i++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.square().mul(c).sum());
                }
                adam.step(learningRates[i % learningRates.length]);
            }
            return w.toFloatArray();
        }
    }

    /** torch.optim.Adam's update in plain Java. */
    private static float[] expected(boolean amsgrad, double weightDecay, int steps, double[] learningRates) {
        double[] w = {1, -2, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        double[] vMax = new double[3];
        for (int t = 1; t <= steps; t++) {
            double lr = learningRates[(t - 1) % learningRates.length];
            for (int i = 0; i < 3; i++) {
                double g = 2 * C[i] * w[i] + weightDecay * w[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                vMax[i] = Math.max(vMax[i], v[i]);
                double second = amsgrad ? vMax[i] : v[i];
                double denominator = Math.sqrt(second) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-6;
                w[i] -= lr / (1 - Math.pow(0.9, t)) * m[i] / denominator;
            }
        }
        return new float[] {(float) w[0], (float) w[1], (float) w[2]};
    }

    @Test
    void adamMatchesTorchSemantics() {
        double[] lrs = {0.1, 0.05, 0.2};
        assertArrayEquals(expected(false, 0, 7, lrs), minimise(false, 0f, 7, lrs), 1e-5f);
        assertArrayEquals(expected(false, 0.01, 5, lrs), minimise(false, 0.01f, 5, lrs), 1e-5f);
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        // Converging weights shrink the gradients until v falls below its maximum: from there
        // AMSGrad and Adam part ways (by about 4e-4 on the second weight after 60 steps).
        double[] lrs = {0.05};
        float[] ams = minimise(true, 0f, 60, lrs);
        assertArrayEquals(expected(true, 0, 60, lrs), ams, 2e-5f);
        float[] plain = minimise(false, 0f, 60, lrs);
        assertArrayEquals(expected(false, 0, 60, lrs), plain, 2e-5f);
        assertEquals(true, Math.abs(ams[1] - plain[1]) > 2e-4, "AMSGrad differs from Adam here");
    }

    @Test
    void inactiveParametersKeepValueAndState() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1f});
            NDArray b = manager.create(new float[] {1f});
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Adam adam = new Adam(List.of(a, b), 0.9f, 0.999f, 1e-6f, 0f, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(a.mul(2).add(b.mul(3)).sum());
            }
            adam.step(0.1, new boolean[] {true, false});
            assertEquals(1f - 0.1f, a.getFloat(), 1e-5f); // Adam's first step moves by lr
            assertEquals(1f, b.getFloat());
            assertEquals(0f, b.getGradient().getFloat(), "gradients are zeroed for inactive parameters too");
        }
    }
}
