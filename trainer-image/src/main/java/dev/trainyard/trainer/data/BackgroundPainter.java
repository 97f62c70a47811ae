package dev.trainyard.trainer.data;

import java.util.SplittableRandom;

/**
 * Paints random textured backgrounds (gradient, smooth noise, stripes, soft blobs, grain) so a
 * network cannot find people by a flat colour.
 */
final class BackgroundPainter {

    private static final int SINE_STEPS = 1024;
    private static final float[] SINE = new float[SINE_STEPS];

    static {
        for (int i = 0; i < SINE_STEPS; i++) {
            SINE[i] = (float) StrictMath.sin(2 * Math.PI * i / SINE_STEPS);
        }
    }

    private BackgroundPainter() {}

    /** Fills {@code canvas} with a background drawn from {@code rng}. */
    static void paint(Canvas canvas, SplittableRandom rng) {
        int w = canvas.width();
        int h = canvas.height();
        int[] pixels = canvas.pixels();
        int from = FigureLook.hsv(rng.nextDouble(), 0.1 + 0.5 * rng.nextDouble(), 0.25 + 0.7 * rng.nextDouble());
        int to = FigureLook.hsv(rng.nextDouble(), 0.1 + 0.5 * rng.nextDouble(), 0.25 + 0.7 * rng.nextDouble());
        double direction = 2 * Math.PI * rng.nextDouble();
        float gx = (float) (StrictMath.cos(direction) / w);
        float gy = (float) (StrictMath.sin(direction) / h);
        float g0 = -Math.min(0, gx * w) - Math.min(0, gy * h);

        boolean stripes = rng.nextDouble() < 0.4;
        double stripeAngle = Math.PI * rng.nextDouble();
        double period = 6 + 50 * rng.nextDouble();
        float sx = (float) (StrictMath.cos(stripeAngle) / period * SINE_STEPS);
        float sy = (float) (StrictMath.sin(stripeAngle) / period * SINE_STEPS);
        float stripeStrength = stripes ? (float) (0.15 + 0.45 * rng.nextDouble()) : 0;
        int stripeColour = FigureLook.hsv(rng.nextDouble(), rng.nextDouble(), rng.nextDouble());

        ValueNoise noise = new ValueNoise(rng, w, h, 8 + rng.nextInt(56));
        float noiseAmplitude = (float) (10 + 45 * rng.nextDouble());
        int grain = 2 + rng.nextInt(12);
        int grainSeed = rng.nextInt();

        for (int y = 0; y < h; y++) {
            noise.prepareRow(y);
            float rowGradient = g0 + gy * y;
            float rowPhase = sy * y;
            for (int x = 0; x < w; x++) {
                float t = Math.clamp(rowGradient + gx * x, 0f, 1f);
                float stripe = stripeStrength * Math.max(0, SINE[(int) (rowPhase + sx * x) & (SINE_STEPS - 1)]);
                float light = noiseAmplitude * noise.at(x) + grainOf(x, y, grainSeed, grain);
                pixels[y * w + x] = mix(from, to, t, stripeColour, stripe, light);
            }
        }
        int blobs = rng.nextDouble() < 0.6 ? 3 + rng.nextInt(10) : 0;
        for (int i = 0; i < blobs; i++) {
            double radius = (0.03 + 0.2 * rng.nextDouble()) * Math.max(w, h);
            Shape blob = new Shape.Ellipse(w * rng.nextDouble(), h * rng.nextDouble(), radius,
                    radius * (0.4 + 0.6 * rng.nextDouble()), Math.PI * rng.nextDouble());
            int colour = FigureLook.hsv(rng.nextDouble(), rng.nextDouble(), 0.2 + 0.8 * rng.nextDouble());
            canvas.fill(blob, colour, 0.25 + 0.5 * rng.nextDouble(), -1, null);
        }
    }

    private static int mix(int from, int to, float t, int stripeColour, float stripe, float light) {
        int result = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            float base = ((from >> shift) & 0xff) * (1 - t) + ((to >> shift) & 0xff) * t;
            float value = base + (((stripeColour >> shift) & 0xff) - base) * stripe + light;
            result |= Math.clamp((int) value, 0, 255) << shift;
        }
        return result;
    }

    /** Per-pixel noise in [-amount, amount] from an integer hash: cheap and independent of drawing order. */
    private static int grainOf(int x, int y, int seed, int amount) {
        int hash = x * 0x27d4eb2d ^ y * 0x165667b1 ^ seed;
        hash ^= hash >>> 15;
        hash *= 0x2c1b3c6d;
        hash ^= hash >>> 12;
        return (hash & 0xff) * (2 * amount + 1) / 256 - amount;
    }

    /** Smooth random values in [-1, 1]: a coarse random grid interpolated with smoothstep. */
    private static final class ValueNoise {
        private final int cell;
        private final int columns;
        private final float[] grid;
        private final float[] row;
        private final int[] cellOfX;
        private final float[] weightOfX;

        ValueNoise(SplittableRandom rng, int width, int height, int cell) {
            this.cell = cell;
            this.columns = width / cell + 2;
            int rows = height / cell + 2;
            this.grid = new float[columns * rows];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = (float) (2 * rng.nextDouble() - 1);
            }
            this.row = new float[columns];
            this.cellOfX = new int[width];
            this.weightOfX = new float[width];
            for (int x = 0; x < width; x++) {
                cellOfX[x] = x / cell;
                weightOfX[x] = smooth((x % cell) / (float) cell);
            }
        }

        void prepareRow(int y) {
            int r = y / cell;
            float t = smooth((y % cell) / (float) cell);
            for (int c = 0; c < columns; c++) {
                row[c] = grid[r * columns + c] * (1 - t) + grid[(r + 1) * columns + c] * t;
            }
        }

        float at(int x) {
            int c = cellOfX[x];
            float t = weightOfX[x];
            return row[c] * (1 - t) + row[c + 1] * t;
        }

        private static float smooth(float t) {
            return t * t * (3 - 2 * t);
        }
    }
}
