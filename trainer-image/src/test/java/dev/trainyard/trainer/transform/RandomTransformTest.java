package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RandomTransformTest {

    private static final Sample SAMPLE = new Sample(new RgbImage(2, 2), List.of(), ImageMeta.of(0, 1, "r.jpg", 2, 2));

    private static Transform counting(AtomicInteger counter) {
        return (sample, rng) -> {
            counter.incrementAndGet();
            return sample;
        };
    }

    @Test
    void randomApplyRunsWithItsProbability() {
        AtomicInteger count = new AtomicInteger();
        Transform maybe = new RandomApply(counting(count), 0.3);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            maybe.apply(SAMPLE, rng);
        }
        assertTrue(count.get() > 2800 && count.get() < 3200, "applied " + count.get());

        AtomicInteger never = new AtomicInteger();
        new RandomApply(counting(never), 0).apply(SAMPLE, rng);
        assertEquals(0, never.get());
    }

    @Test
    void randomChoicePicksAtMostOneWithTheRemainderForNone() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Transform choice = new RandomChoice(List.of(counting(first), counting(second)), List.of(0.1, 0.4));
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 10_000; i++) {
            choice.apply(SAMPLE, rng);
        }
        assertTrue(first.get() > 850 && first.get() < 1150, "first " + first.get());
        assertTrue(second.get() > 3800 && second.get() < 4200, "second " + second.get());

        assertThrows(IllegalArgumentException.class,
                () -> new RandomChoice(List.of(counting(first), counting(second)), List.of(0.7, 0.4)));
    }

    @Test
    void sampleGeneratorsDependOnSeedEpochAndIndexOnly() {
        assertEquals(SampleRandom.of(5, 1, 7).nextLong(), SampleRandom.of(5, 1, 7).nextLong());
        long base = SampleRandom.of(5, 1, 7).nextLong();
        assertNotEquals(base, SampleRandom.of(6, 1, 7).nextLong());
        assertNotEquals(base, SampleRandom.of(5, 2, 7).nextLong());
        assertNotEquals(base, SampleRandom.of(5, 1, 8).nextLong());
        assertNotEquals(SampleRandom.key(0, 1, 0), SampleRandom.key(0, 0, 1), "epoch and index are not interchangeable");
    }

    @Test
    void composeRunsInOrderAndFlattens() {
        StringBuilder trace = new StringBuilder();
        Transform a = (s, r) -> {
            trace.append('a');
            return s;
        };
        Transform b = (s, r) -> {
            trace.append('b');
            return s;
        };
        Compose composed = Compose.of(a, Compose.of(b, a));
        assertSame(SAMPLE, composed.apply(SAMPLE, new SplittableRandom(0)));
        assertEquals("aba", trace.toString());
        assertEquals(3, composed.transforms().size());
    }
}
