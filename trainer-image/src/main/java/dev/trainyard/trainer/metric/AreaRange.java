package dev.trainyard.trainer.metric;

/**
 * An object-area range of the evaluation; both ends are inclusive, as in pycocotools
 * ({@code area < lo or area > hi} is outside).
 *
 * @param label pycocotools' label: {@code all}, {@code small}, {@code medium} or {@code large}
 * @param min smallest area inside, in square pixels
 * @param max largest area inside, in square pixels
 */
public record AreaRange(String label, double min, double max) {

    /** {@code [0, 1e5 ** 2]}. */
    public static final AreaRange ALL = new AreaRange("all", 0, 1e10);
    /** {@code [0, 32 ** 2]}. */
    public static final AreaRange SMALL = new AreaRange("small", 0, 32 * 32);
    /** {@code [32 ** 2, 96 ** 2]}. */
    public static final AreaRange MEDIUM = new AreaRange("medium", 32 * 32, 96 * 96);
    /** {@code [96 ** 2, 1e5 ** 2]}. */
    public static final AreaRange LARGE = new AreaRange("large", 96 * 96, 1e10);

    public boolean excludes(double area) {
        return area < min || area > max;
    }
}
