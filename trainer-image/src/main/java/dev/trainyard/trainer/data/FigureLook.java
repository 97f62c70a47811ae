package dev.trainyard.trainer.data;

import java.util.SplittableRandom;

/**
 * The colours a synthetic person is drawn with ({@code 0xRRGGBB}) and whether sleeves and
 * trousers are short, so limbs vary between skin and clothing.
 */
record FigureLook(int skin, int top, int bottom, int shoes, int hair, boolean shortSleeves, boolean shorts) {

    private static final int[] SKIN = {0xf1c27d, 0xe0ac69, 0xc68642, 0x8d5524, 0xffdbac, 0x5c3a21};
    private static final int[] HAIR = {0x1b1b1b, 0x3b2314, 0x6a4e23, 0xd6b370, 0x9a9a9a, 0x8d3a1c};

    static FigureLook random(SplittableRandom rng) {
        return new FigureLook(
                jitter(SKIN[rng.nextInt(SKIN.length)], rng, 12),
                hsv(rng.nextDouble(), 0.25 + 0.7 * rng.nextDouble(), 0.3 + 0.65 * rng.nextDouble()),
                hsv(rng.nextDouble(), 0.15 + 0.6 * rng.nextDouble(), 0.15 + 0.6 * rng.nextDouble()),
                hsv(rng.nextDouble(), 0.3 * rng.nextDouble(), 0.1 + 0.8 * rng.nextDouble()),
                jitter(HAIR[rng.nextInt(HAIR.length)], rng, 10),
                rng.nextDouble() < 0.4,
                rng.nextDouble() < 0.25);
    }

    /** A colour a factor darker (below 1) or lighter, clamped. */
    static int scaled(int rgb, double factor) {
        int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * factor);
        int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * factor);
        int b = (int) Math.min(255, (rgb & 0xff) * factor);
        return (r << 16) | (g << 8) | b;
    }

    /** {@code 0xRRGGBB} of a hue, saturation and value in [0, 1]. */
    static int hsv(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h;
        double f = h - sector;
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
        return (byteOf(rgb[0]) << 16) | (byteOf(rgb[1]) << 8) | byteOf(rgb[2]);
    }

    private static int byteOf(double unit) {
        return Math.clamp(Math.round(unit * 255), 0, 255);
    }

    private static int jitter(int rgb, SplittableRandom rng, int amount) {
        int result = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int channel = ((rgb >> shift) & 0xff) + rng.nextInt(-amount, amount + 1);
            result |= Math.clamp(channel, 0, 255) << shift;
        }
        return result;
    }
}
