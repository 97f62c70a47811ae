package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Rotates by a multiple of 90 degrees about the image centre without changing the image size, as the
 * reference's {@code RotateBy90} without pre-padding: a non-square image loses the parts that turn
 * outside and gains random-grey fill. The angle is random ({@link #random()}, uniform over
 * 0/90/180/270) or fixed ({@link #fixed}, for orientation-invariant evaluation).
 */
public final class RotateBy90 implements Transform {

    private final int fixedAngle;
    private final boolean random;

    private RotateBy90(int fixedAngle, boolean random) {
        this.fixedAngle = fixedAngle;
        this.random = random;
    }

    public static RotateBy90 random() {
        return new RotateBy90(0, true);
    }

    /** Always rotates by {@code degrees}, a multiple of 90. */
    public static RotateBy90 fixed(int degrees) {
        if (degrees % 90 != 0) {
            throw new IllegalArgumentException("angle must be a multiple of 90 degrees, got " + degrees);
        }
        return new RotateBy90(degrees, false);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        int angle = random ? (int) (rng.nextDouble() * 4) * 90 : fixedAngle;
        return Rotation.rotate(sample, angle, rng);
    }
}
