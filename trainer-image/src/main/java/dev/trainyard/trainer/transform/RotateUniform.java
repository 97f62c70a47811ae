package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Rotates by an angle uniform in {@code [-maxAngle, maxAngle]} degrees, first padding the image (random
 * grey) so the rotation cuts nothing off, as the reference's {@code RotateUniform(prepad=True)}.
 */
public record RotateUniform(double maxAngle) implements Transform {

    public RotateUniform {
        if (!(maxAngle >= 0)) {
            throw new IllegalArgumentException("max angle must be non-negative, got " + maxAngle);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double angle = (rng.nextDouble() - 0.5) * 2.0 * maxAngle;
        return Rotation.rotate(Rotation.prepad(sample, angle, rng), angle, rng);
    }
}
