package dev.trainyard.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgdTest {

    /** Runs SGD on f(w) = sum(c·w²) and returns w after the given number of steps. */
    private static float[] minimise(boolean nesterov, float momentum, float weightDecay, int steps) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            NDArray c = manager.create(new float[] {0.5f, 1.5f});
            Sgd sgd = new Sgd(List.of(w), momentum, weightDecay, nesterov);
            for (int i = 0; i < steps; i++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.square().mul(c).sum());
                }
                sgd.step(0.1f);
            }
            return w.toFloatArray();
        }
    }

    /** The same recursion in plain Java: torch.optim.SGD with dampening 0. */
    private static float[] expected(boolean nesterov, float momentum, float weightDecay, int steps) {
        double[] w = {1, -2};
        double[] c = {0.5, 1.5};
        double[] buf = null;
        for (int s = 0; s < steps; s++) {
            double[] d = new double[2];
            for (int i = 0; i < 2; i++) {
                d[i] = 2 * c[i] * w[i] + weightDecay * w[i];
            }
            if (momentum != 0) {
                if (buf == null) {
                    buf = d.clone();
                } else {
                    for (int i = 0; i < 2; i++) {
                        buf[i] = momentum * buf[i] + d[i];
                    }
                }
                for (int i = 0; i < 2; i++) {
                    d[i] = nesterov ? d[i] + momentum * buf[i] : buf[i];
                }
            }
            for (int i = 0; i < 2; i++) {
                w[i] -= 0.1 * d[i];
            }
        }
        return new float[] {(float) w[0], (float) w[1]};
    }

    @Test
    void nesterovMomentumMatchesTorchSemantics() {
        assertArrayEquals(expected(true, 0.9f, 1e-2f, 5), minimise(true, 0.9f, 1e-2f, 5), 1e-5f);
    }

    @Test
    void classicMomentumAndPlainSgd() {
        assertArrayEquals(expected(false, 0.95f, 0f, 4), minimise(false, 0.95f, 0f, 4), 1e-5f);
        assertArrayEquals(expected(false, 0f, 0f, 3), minimise(false, 0f, 0f, 3), 1e-6f);
    }

    @Test
    void gradientsAreZeroedAfterEachStep() {
        // Without zeroing, PyTorch would accumulate and the second step would use 2x the gradient.
        float[] one = minimise(false, 0f, 0f, 1);
        assertEquals(1f - 0.1f * 2 * 0.5f, one[0], 1e-6f);
        float[] two = minimise(false, 0f, 0f, 2);
        assertEquals(one[0] - 0.1f * 2 * 0.5f * one[0], two[0], 1e-6f);
    }
}
