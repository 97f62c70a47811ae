package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Applies at most one of several transforms, chosen by probability, as the reference's
 * {@code RandomChoice}: when the probabilities sum to less than 1 the remainder is the chance of
 * applying none.
 */
public final class RandomChoice implements Transform {

    private static final double TOLERANCE = 1e-9;

    private final List<Transform> transforms;
    private final double[] cumulative;

    public RandomChoice(List<Transform> transforms, List<Double> probabilities) {
        if (transforms.size() != probabilities.size() || transforms.isEmpty()) {
            throw new IllegalArgumentException("need one probability per transform, got "
                    + transforms.size() + " transforms and " + probabilities.size() + " probabilities");
        }
        this.transforms = new ArrayList<>(transforms);
        this.cumulative = new double[transforms.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            double p = probabilities.get(i);
            if (!(p >= 0)) {
                throw new IllegalArgumentException("probabilities must be non-negative, got " + probabilities);
            }
            sum += p;
            cumulative[i] = sum;
        }
        if (sum > 1 + TOLERANCE) {
            throw new IllegalArgumentException("probabilities must sum to at most 1, got " + probabilities);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double rnd = rng.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (rnd < cumulative[i]) {
                return transforms.get(i).apply(sample, rng);
            }
        }
        return sample;
    }
}
