package dev.trainyard.trainer.data;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image sizes a synthetic dataset draws from: width and height each uniform in their range
 * (equal bounds for a fixed size).
 */
public record ImageSizeRange(int minWidth, int minHeight, int maxWidth, int maxHeight) {

    /** The default: around 320x240 to 640x480, COCO-like landscape images. */
    public static final ImageSizeRange DEFAULT = new ImageSizeRange(320, 240, 640, 480);

    /** Smallest side that still fits a recognisable figure and a crowd. */
    public static final int MIN_SIDE = 32;
    /** Largest side, to keep one image's buffers small. */
    public static final int MAX_SIDE = 8192;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    public ImageSizeRange {
        for (int side : new int[] {minWidth, minHeight, maxWidth, maxHeight}) {
            if (side < MIN_SIDE || side > MAX_SIDE) {
                throw new IllegalArgumentException("image sides must be " + MIN_SIDE + " to " + MAX_SIDE + " pixels, got "
                        + side);
            }
        }
        if (minWidth > maxWidth || minHeight > maxHeight) {
            throw new IllegalArgumentException("the first size must not exceed the second, got " + minWidth + "x"
                    + minHeight + "-" + maxWidth + "x" + maxHeight);
        }
    }

    /**
     * Parses {@code WxH} (a fixed size) or {@code WxH-WxH} (a range).
     *
     * @throws IllegalArgumentException naming the expected forms
     */
    public static ImageSizeRange parse(String text) {
        String[] ends = text.strip().split("-", -1);
        if (ends.length > 2) {
            throw formatError(text);
        }
        int[] first = size(ends[0], text);
        int[] last = ends.length == 2 ? size(ends[1], text) : first;
        return new ImageSizeRange(first[0], first[1], last[0], last[1]);
    }

    private static int[] size(String part, String text) {
        Matcher m = SIZE.matcher(part.strip());
        if (!m.matches()) {
            throw formatError(text);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static IllegalArgumentException formatError(String text) {
        return new IllegalArgumentException("expected WxH or WxH-WxH (e.g. 640x480 or 320x240-640x480), got '"
                + text + "'");
    }

    /** {width, height} drawn from the range. */
    int[] sample(SplittableRandom rng) {
        return new int[] {rng.nextInt(minWidth, maxWidth + 1), rng.nextInt(minHeight, maxHeight + 1)};
    }

    @Override
    public String toString() {
        String min = minWidth + "x" + minHeight;
        return minWidth == maxWidth && minHeight == maxHeight ? min : min + "-" + maxWidth + "x" + maxHeight;
    }
}
