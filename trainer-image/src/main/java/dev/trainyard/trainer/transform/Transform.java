package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * One preprocessing step of the data pipeline: image, annotations and meta in, new sample out.
 *
 * <p>Implementations never modify the input sample (its {@link dev.trainyard.trainer.data.RgbImage}
 * and annotation arrays stay untouched) and draw every random number from {@code rng}, so a sample
 * transformed with a generator from {@link SampleRandom#of} is reproducible whatever thread runs it.
 * Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Transform {

    Sample apply(Sample sample, RandomGenerator rng);

    /** This transform followed by {@code next}. */
    default Transform andThen(Transform next) {
        return Compose.of(this, next);
    }

    /** The transform that returns its input. */
    static Transform identity() {
        return (sample, rng) -> sample;
    }
}
