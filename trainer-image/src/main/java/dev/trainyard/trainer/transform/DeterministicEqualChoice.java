package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks one of several transforms from the image id, as the reference's {@code DeterministicEqualChoice}:
 * choice {@code (hash(imageId + salt)) mod n} with Python's integer hash (the value itself below
 * 2^61 - 1), so every evaluation run treats an image the same way. A {@code null} entry means no
 * transform.
 */
public final class DeterministicEqualChoice implements Transform {

    private static final long PYTHON_HASH_MODULUS = (1L << 61) - 1;

    private final List<Transform> transforms;
    private final long salt;

    public DeterministicEqualChoice(List<Transform> transforms, long salt) {
        if (transforms.isEmpty()) {
            throw new IllegalArgumentException("need at least one transform");
        }
        this.transforms = new ArrayList<>(transforms);
        this.salt = salt;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        long id = sample.meta().imageId();
        if (id <= 0) {
            throw new IllegalArgumentException("a deterministic choice needs a positive image id, got " + id);
        }
        long hash = Math.floorMod(id + salt, PYTHON_HASH_MODULUS);
        Transform chosen = transforms.get((int) (hash % transforms.size()));
        return chosen == null ? sample : chosen.apply(sample, rng);
    }
}
