package dev.trainyard.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static final int N = 100;

    @Test
    void warmUpRampsGeometricallyFromTheFactorToOne() {
        LearningRateSchedule schedule = LearningRateSchedule.warmUpOnly(1e-3, N);
        assertEquals(1e-6, schedule.at(0), 1e-12);
        assertEquals(1e-3 * Math.pow(1e-3, 0.5), schedule.at(50), 1e-12);
        assertEquals(1e-3 * Math.pow(1e-3, 0.01), schedule.at(99), 1e-12);
        assertEquals(1e-3, schedule.at(100), 1e-12);
        assertEquals(1e-3, schedule.at(5000), 1e-12);
    }

    @Test
    void warmUpCanStartLater() {
        LearningRateSchedule schedule = new LearningRateSchedule(1, N, 2, 2, 1e-2, List.of(), 0.1, 1);
        assertEquals(1e-2, schedule.lambda(0), 1e-12);
        assertEquals(1e-2, schedule.lambda(200), 1e-12);
        assertEquals(0.1, schedule.lambda(300), 1e-12); // halfway through 200 batches: f^0.5
        assertEquals(1, schedule.lambda(400), 1e-12);
    }

    @Test
    void decaysAreLogLinearOverTheirDuration() {
        // The reference recipe: decay at 220 and 240 over 10 epochs by 0.1.
        LearningRateSchedule schedule = new LearningRateSchedule(3e-4, N, 0, 1, 1e-3, List.of(220.0, 240.0), 0.1, 10);
        assertEquals(3e-4, schedule.at(220 * N), 1e-15);
        assertEquals(3e-4 * Math.pow(0.1, 0.5), schedule.at(225 * N), 1e-15);
        assertEquals(3e-5, schedule.at(230 * N), 1e-15);
        assertEquals(3e-5 * Math.pow(0.1, 0.3), schedule.at(243 * N), 1e-15);
        assertEquals(3e-6, schedule.at(250 * N), 1e-15);
    }

    @Test
    void noWarmUpWhenItsLengthIsZero() {
        LearningRateSchedule schedule = new LearningRateSchedule(0.5, N, 0, 0, 1e-3, List.of(), 0.1, 1);
        assertEquals(0.5, schedule.at(0), 1e-12);
    }

    @Test
    void warmRestartJumpsBackToTheBaseRateAndReturnsGeometrically() {
        // Decay by 0.1 at epoch 2 (over one epoch), restart at epoch 5 for half an epoch.
        LearningRateSchedule schedule = new LearningRateSchedule(
                1e-3, N, 0, 0, 1e-3, List.of(2.0), 0.1, 1, List.of(5.0), 0.5);
        assertEquals(1e-4, schedule.at(499), 1e-15);
        assertEquals(1e-3, schedule.at(500), 1e-15); // lambda^0
        assertEquals(1e-3 * Math.pow(0.1, 0.5), schedule.at(525), 1e-15); // halfway back
        assertEquals(1e-4, schedule.at(550), 1e-15); // restart over
    }

    @Test
    void aResumedRunContinuesOnTheSameCurve() {
        // A refined run at epoch 3 starts its global step at 3 x N: the same rates as an unbroken run.
        LearningRateSchedule schedule = new LearningRateSchedule(1e-3, N, 0, 4, 1e-3, List.of(6.0), 0.1, 2);
        LearningRateSchedule resumed = schedule.withBatchesPerEpoch(N);
        for (long s = 3 * N; s < 9 * N; s += 37) {
            assertEquals(schedule.at(s), resumed.at(s), 0);
        }
        assertEquals(1e-3 * Math.pow(1e-3, 0.25), resumed.at(3 * N), 1e-15);
        assertEquals(1e-3 * Math.pow(0.1, 0.5), resumed.at(7 * N), 1e-15);
    }
}
