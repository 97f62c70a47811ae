package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Applies transforms in order, as the reference's {@code Compose}. */
public record Compose(List<Transform> transforms) implements Transform {

    public Compose {
        transforms = List.copyOf(transforms);
    }

    /** Composes the given transforms, flattening nested compositions. */
    public static Compose of(Transform... transforms) {
        List<Transform> flat = new ArrayList<>();
        for (Transform t : transforms) {
            if (t instanceof Compose c) {
                flat.addAll(c.transforms);
            } else {
                flat.add(t);
            }
        }
        return new Compose(flat);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        Sample result = sample;
        for (Transform t : transforms) {
            result = t.apply(result, rng);
        }
        return result;
    }
}
