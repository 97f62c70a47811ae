package dev.trainyard.trainer.transform;

import java.util.SplittableRandom;

/**
 * Derives the random generator of one sample from (seed, epoch, dataset index), so augmentations
 * are reproducible and independent of which loader thread runs them, and differ between epochs.
 */
public final class SampleRandom {

    private SampleRandom() {}

    /**
     * A fresh generator for sample {@code index} in {@code epoch} of a run seeded with {@code seed}.
     * Each call returns a new generator with the same stream; it is not thread-safe, use it from one
     * thread.
     */
    public static SplittableRandom of(long seed, int epoch, int index) {
        return new SplittableRandom(key(seed, epoch, index));
    }

    /**
     * A 64-bit key that changes completely when any of the three inputs changes. Each input is
     * absorbed through a full avalanche (the SplitMix64 finaliser) so neighbouring indices or
     * epochs give unrelated generator states.
     */
    public static long key(long seed, long epoch, long index) {
        long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
        h = mix64(h ^ (epoch + 0x632BE59BD9B4E019L));
        return mix64(h ^ (index + 0x8CB92BA72F3D8DD7L));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
