package dev.trainyard.trainer.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * An RGB raster that fills anti-aliased {@link Shape}s and remembers, per pixel, which body part
 * covers it (for keypoint occlusion) and which figure last drew it (for area, bbox and masks).
 *
 * <p>Draws straight into the pixel array of a {@code TYPE_INT_RGB} image, so the JPEG encoder
 * reads the result without a copy.
 */
final class Canvas {

    /** Owner code of pixels no body part covers. */
    static final int NO_OWNER = 0;

    /** How much darker a limb's rim is than its centre line, so limbs read as round. */
    private static final double RIM_SHADE = 0.35;

    private final int width;
    private final int height;
    private final BufferedImage image;
    private final int[] rgb;
    private final int[] owner;
    private final int[] stamp;
    private int footprints;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.owner = new int[width * height];
        this.stamp = new int[width * height];
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    BufferedImage image() {
        return image;
    }

    /** The {@code 0xRRGGBB} pixels, row-major; writes go to the image. */
    int[] pixels() {
        return rgb;
    }

    /** Owner code at pixel ({@code x}, {@code y}), {@link #NO_OWNER} where no owning part is drawn. */
    int ownerAt(int x, int y) {
        return owner[y * width + x];
    }

    /** The pixels one figure (or crowd) covers, counted once however many of its parts overlap. */
    static final class Footprint {
        private final int id;
        private int area;
        private int minX = Integer.MAX_VALUE;
        private int minY = Integer.MAX_VALUE;
        private int maxX = -1;
        private int maxY = -1;

        private Footprint(int id) {
            this.id = id;
        }

        int area() {
            return area;
        }

        /** COCO bbox {@code [x, y, width, height]} of the covered pixels. */
        float[] bbox() {
            return area == 0 ? new float[4] : new float[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
        }
    }

    Footprint newFootprint() {
        return new Footprint(++footprints);
    }

    /**
     * Fills {@code shape}: pixels covered at least half become part of {@code footprint}, and
     * take {@code ownerCode} (unless negative) where the paint is at least half opaque.
     */
    void fill(Shape shape, int colour, double opacity, int ownerCode, Footprint footprint) {
        switch (shape) {
            case Shape.Capsule c -> fillCapsule(c, colour, opacity, ownerCode, footprint);
            case Shape.Ellipse e -> fillEllipse(e, colour, opacity, ownerCode, footprint);
            case Shape.ConvexPolygon p -> fillPolygon(p, colour, opacity, ownerCode, footprint);
        }
    }

    private void fillCapsule(Shape.Capsule c, int colour, double opacity, int ownerCode, Footprint footprint) {
        double r = Math.max(c.radius(), 0.5);
        double dx = c.x1() - c.x0();
        double dy = c.y1() - c.y0();
        double len2 = dx * dx + dy * dy;
        double inv = len2 > 1e-12 ? 1 / len2 : 0;
        double reach = r + 0.5;
        double[] b = c.bounds();
        for (int y = lo(b[1] - 1); y <= hi(b[3] + 1, height); y++) {
            for (int x = lo(b[0] - 1); x <= hi(b[2] + 1, width); x++) {
                double qx = x - c.x0();
                double qy = y - c.y0();
                double t = Math.clamp((qx * dx + qy * dy) * inv, 0.0, 1.0);
                double ex = qx - t * dx;
                double ey = qy - t * dy;
                double d2 = ex * ex + ey * ey;
                if (d2 < reach * reach) {
                    double coverage = Math.min(1, reach - Math.sqrt(d2));
                    double shade = 1 - RIM_SHADE * Math.min(1, d2 / (r * r));
                    plot(x, y, coverage, colour, shade, opacity, ownerCode, footprint);
                }
            }
        }
    }

    private void fillEllipse(Shape.Ellipse e, int colour, double opacity, int ownerCode, Footprint footprint) {
        double cos = StrictMath.cos(e.angle());
        double sin = StrictMath.sin(e.angle());
        double rx = Math.max(e.rx(), 0.5);
        double ry = Math.max(e.ry(), 0.5);
        double rmin = Math.min(rx, ry);
        double[] b = e.bounds();
        for (int y = lo(b[1] - 1); y <= hi(b[3] + 1, height); y++) {
            for (int x = lo(b[0] - 1); x <= hi(b[2] + 1, width); x++) {
                double px = x - e.cx();
                double py = y - e.cy();
                double u = (px * cos + py * sin) / rx;
                double v = (-px * sin + py * cos) / ry;
                double q2 = u * u + v * v;
                // (q - 1) * rmin under-estimates the distance outside, so edges stay crisp on flat ellipses.
                double coverage = Math.clamp(0.5 - (Math.sqrt(q2) - 1) * rmin, 0.0, 1.0);
                if (coverage > 0) {
                    plot(x, y, coverage, colour, 1 - RIM_SHADE * Math.min(1, q2), opacity, ownerCode, footprint);
                }
            }
        }
    }

    private void fillPolygon(Shape.ConvexPolygon p, int colour, double opacity, int ownerCode, Footprint footprint) {
        double[] xs = p.xs();
        double[] ys = p.ys();
        int n = xs.length;
        double area2 = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            area2 += xs[i] * ys[j] - xs[j] * ys[i];
        }
        double sign = area2 >= 0 ? 1 : -1;
        // Per edge, a unit normal pointing inside: the signed distance of a pixel is one dot product.
        double[] nx = new double[n];
        double[] ny = new double[n];
        double[] offset = new double[n];
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ex = xs[j] - xs[i];
            double ey = ys[j] - ys[i];
            double len = Math.max(Math.hypot(ex, ey), 1e-9);
            nx[i] = -ey / len * sign;
            ny[i] = ex / len * sign;
            offset[i] = -(nx[i] * xs[i] + ny[i] * ys[i]);
        }
        double[] b = p.bounds();
        for (int y = lo(b[1] - 1); y <= hi(b[3] + 1, height); y++) {
            for (int x = lo(b[0] - 1); x <= hi(b[2] + 1, width); x++) {
                double inside = Double.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    inside = Math.min(inside, nx[i] * x + ny[i] * y + offset[i]);
                }
                double coverage = Math.clamp(inside + 0.5, 0.0, 1.0);
                if (coverage > 0) {
                    double shade = 1 - RIM_SHADE * Math.max(0, 1 - inside / 6);
                    plot(x, y, coverage, colour, shade, opacity, ownerCode, footprint);
                }
            }
        }
    }

    private void plot(int x, int y, double coverage, int colour, double shade, double opacity, int ownerCode,
            Footprint footprint) {
        int i = y * width + x;
        double alpha = coverage * opacity;
        int a = (int) (alpha * 256 + 0.5);
        int old = rgb[i];
        int r = blend((old >> 16) & 0xff, (int) (((colour >> 16) & 0xff) * shade), a);
        int g = blend((old >> 8) & 0xff, (int) (((colour >> 8) & 0xff) * shade), a);
        int bl = blend(old & 0xff, (int) ((colour & 0xff) * shade), a);
        rgb[i] = (r << 16) | (g << 8) | bl;
        if (coverage >= 0.5 && footprint != null && stamp[i] != footprint.id) {
            stamp[i] = footprint.id;
            footprint.area++;
            footprint.minX = Math.min(footprint.minX, x);
            footprint.minY = Math.min(footprint.minY, y);
            footprint.maxX = Math.max(footprint.maxX, x);
            footprint.maxY = Math.max(footprint.maxY, y);
        }
        if (alpha >= 0.5 && ownerCode >= 0) {
            owner[i] = ownerCode;
        }
    }

    private static int blend(int under, int over, int alpha256) {
        return (under * (256 - alpha256) + over * alpha256) >> 8;
    }

    /**
     * The footprint's pixels as COCO's uncompressed RLE counts: column-major run lengths of
     * alternating outside/inside pixels, starting with outside. Only valid until another figure
     * draws over it.
     */
    int[] runLengths(Footprint footprint) {
        int[] runs = new int[16];
        int n = 0;
        boolean inside = false;
        int run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean covered = stamp[y * width + x] == footprint.id;
                if (covered != inside) {
                    if (n == runs.length) {
                        runs = Arrays.copyOf(runs, 2 * n);
                    }
                    runs[n++] = run;
                    run = 0;
                    inside = covered;
                }
                run++;
            }
        }
        if (n == runs.length) {
            runs = Arrays.copyOf(runs, n + 1);
        }
        runs[n++] = run;
        return Arrays.copyOf(runs, n);
    }

    private static int lo(double v) {
        return Math.max(0, (int) Math.ceil(v));
    }

    private static int hi(double v, int size) {
        return Math.min(size - 1, (int) Math.floor(v));
    }
}
