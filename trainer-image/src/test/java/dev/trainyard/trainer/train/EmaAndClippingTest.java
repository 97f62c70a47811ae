package dev.trainyard.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmaAndClippingTest {

    @Test
    void emaAveragesAfterStartAndSwapsWeightsInAndOut() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new float[] {1f, 2f});
            p.setRequiresGradient(true);
            Ema ema = new Ema(List.of(p), 0.25);
            ema.update(); // not started: nothing to average
            ema.start(); // average = [1, 2]
            p.subi(manager.create(new float[] {-1f, 2f})); // p = [2, 0]
            ema.update(); // 0.75 * [1, 2] + 0.25 * [2, 0] = [1.25, 1.5]
            p.addi(manager.create(new float[] {2f, 4f})); // p = [4, 4]
            ema.update(); // 0.75 * [1.25, 1.5] + 0.25 * [4, 4] = [1.9375, 2.125]
            ema.apply();
            assertArrayEquals(new float[] {1.9375f, 2.125f}, p.toFloatArray(), 1e-6f);
            assertTrue(p.hasGradient(), "applying the average keeps the parameter trainable");
            ema.restore();
            assertArrayEquals(new float[] {4f, 4f}, p.toFloatArray(), 1e-6f);
            assertFalse(ema.started(), "each epoch starts a new average");
        }
    }

    @Test
    void appliedAverageStillTrainsLikeTheParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new float[] {3f});
            p.setRequiresGradient(true);
            Ema ema = new Ema(List.of(p), 0.5);
            ema.start();
            ema.apply();
            ema.restore();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.square().sum());
            }
            assertEquals(6f, p.getGradient().getFloat(), 1e-6f);
        }
    }

    @Test
    void disabledEmaLeavesWeightsAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new float[] {1f});
            Ema ema = new Ema(List.of(p), 0);
            ema.start();
            p.addi(manager.create(new float[] {1f}));
            ema.update();
            ema.apply();
            assertEquals(2f, p.getFloat());
        }
    }

    private static NDArray withGradient(NDManager manager, float[] values, float[] gradient) {
        NDArray p = manager.create(values);
        p.setRequiresGradient(true);
        NDArray g = manager.create(gradient);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.mul(g).sum());
        }
        return p;
    }

    @Test
    void clipGradValueClampsEveryElement() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = withGradient(manager, new float[] {0, 0, 0}, new float[] {-30f, 0.5f, 12f});
            GradientClipping clipping = new GradientClipping(List.of(a), 0, 10);
            GradientClipping.Result result = clipping.apply(1e-3);
            assertArrayEquals(new float[] {-10f, 0.5f, 10f}, a.getGradient().toFloatArray());
            assertFalse(result.clipped(), "value clipping does not count as norm clipping");
        }
    }

    @Test
    void clipGradNormLimitsTheLargestChangeOfAParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = withGradient(manager, new float[] {0, 0}, new float[] {-400f, 100f});
            NDArray b = withGradient(manager, new float[] {0}, new float[] {50f});
            // lr 1e-3, at most 0.1 per step: max norm 100, the infinity norm is 400.
            GradientClipping clipping = new GradientClipping(List.of(a, b), 0.1, 0);
            GradientClipping.Result result = clipping.apply(1e-3);
            assertTrue(result.clipped());
            assertEquals(400, result.norm(), 1e-3);
            double scale = 100 / (400 + 1e-6);
            assertArrayEquals(new float[] {(float) (-400 * scale), (float) (100 * scale)},
                    a.getGradient().toFloatArray(), 1e-4f);
            assertEquals((float) (50 * scale), b.getGradient().getFloat(), 1e-4f);
            GradientClipping.Result again = clipping.apply(1e-3);
            assertFalse(again.clipped(), "within the bound after clipping");
        }
    }
}
