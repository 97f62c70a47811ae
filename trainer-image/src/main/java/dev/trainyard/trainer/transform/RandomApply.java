package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Applies a transform with a probability, as the reference's {@code RandomApply}.
 *
 * <p>One uniform number is drawn whether or not the transform runs, so the random stream of the
 * steps after it does not depend on the outcome.
 */
public record RandomApply(Transform transform, double probability) implements Transform {

    public RandomApply {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        // The reference skips when rnd > p on [0, 1); "apply when rnd < p" differs only on a
        // measure-zero set and makes p = 0 never apply.
        if (rng.nextDouble() < probability) {
            return transform.apply(sample, rng);
        }
        return sample;
    }
}
