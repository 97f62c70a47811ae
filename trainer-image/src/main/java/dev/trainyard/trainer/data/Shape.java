package dev.trainyard.trainer.data;

/**
 * The outline of a drawn body part in image pixels (pixel centres at integer coordinates): what
 * {@link Canvas} fills and what becomes a COCO segmentation polygon.
 */
sealed interface Shape {

    /** {@code [minX, minY, maxX, maxY]} of the shape. */
    double[] bounds();

    /** The outline as a closed polygon {@code [x0, y0, x1, y1, ...]}, at least three points. */
    double[] outline();

    /** A segment thickened by {@code radius}: a limb. */
    record Capsule(double x0, double y0, double x1, double y1, double radius) implements Shape {

        private static final int CAP_POINTS = 5;

        @Override
        public double[] bounds() {
            return new double[] {
                Math.min(x0, x1) - radius, Math.min(y0, y1) - radius, Math.max(x0, x1) + radius, Math.max(y0, y1) + radius
            };
        }

        @Override
        public double[] outline() {
            double along = StrictMath.atan2(y1 - y0, x1 - x0);
            double[] points = new double[4 * CAP_POINTS];
            // Half circles around each end, turning the same way, close the capsule.
            for (int i = 0; i < CAP_POINTS; i++) {
                double a = along + Math.PI / 2 + Math.PI * i / (CAP_POINTS - 1);
                points[2 * i] = x0 + radius * StrictMath.cos(a);
                points[2 * i + 1] = y0 + radius * StrictMath.sin(a);
                double b = along - Math.PI / 2 + Math.PI * i / (CAP_POINTS - 1);
                points[2 * (CAP_POINTS + i)] = x1 + radius * StrictMath.cos(b);
                points[2 * (CAP_POINTS + i) + 1] = y1 + radius * StrictMath.sin(b);
            }
            return points;
        }
    }

    /** An ellipse with radii {@code rx}, {@code ry} rotated by {@code angle} radians: a head. */
    record Ellipse(double cx, double cy, double rx, double ry, double angle) implements Shape {

        private static final int OUTLINE_POINTS = 12;

        @Override
        public double[] bounds() {
            double cos = StrictMath.cos(angle);
            double sin = StrictMath.sin(angle);
            double hx = Math.sqrt(rx * rx * cos * cos + ry * ry * sin * sin);
            double hy = Math.sqrt(rx * rx * sin * sin + ry * ry * cos * cos);
            return new double[] {cx - hx, cy - hy, cx + hx, cy + hy};
        }

        @Override
        public double[] outline() {
            double cos = StrictMath.cos(angle);
            double sin = StrictMath.sin(angle);
            double[] points = new double[2 * OUTLINE_POINTS];
            for (int i = 0; i < OUTLINE_POINTS; i++) {
                double t = 2 * Math.PI * i / OUTLINE_POINTS;
                double u = rx * StrictMath.cos(t);
                double v = ry * StrictMath.sin(t);
                points[2 * i] = cx + u * cos - v * sin;
                points[2 * i + 1] = cy + u * sin + v * cos;
            }
            return points;
        }
    }

    /** A convex polygon with vertices in clockwise image order (y down): a torso. */
    record ConvexPolygon(double[] xs, double[] ys) implements Shape {

        public ConvexPolygon {
            if (xs.length != ys.length || xs.length < 3) {
                throw new IllegalArgumentException("a polygon needs at least 3 vertices");
            }
            xs = xs.clone();
            ys = ys.clone();
        }

        /** The convex hull of the points (monotone chain), so any point cloud becomes a fillable outline. */
        static ConvexPolygon hull(double[] xs, double[] ys) {
            int n = xs.length;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> xs[a] != xs[b] ? Double.compare(xs[a], xs[b]) : Double.compare(ys[a], ys[b]));
            int[] hull = new int[2 * n];
            int k = 0;
            for (int pass = 0; pass < 2; pass++) {
                int start = k;
                for (int j = 0; j < n; j++) {
                    int i = order[pass == 0 ? j : n - 1 - j];
                    while (k >= start + 2 && cross(xs, ys, hull[k - 2], hull[k - 1], i) <= 0) {
                        k--;
                    }
                    hull[k++] = i;
                }
                k--;
            }
            double[] hx = new double[k];
            double[] hy = new double[k];
            for (int i = 0; i < k; i++) {
                hx[i] = xs[hull[i]];
                hy[i] = ys[hull[i]];
            }
            return new ConvexPolygon(hx, hy);
        }

        private static double cross(double[] xs, double[] ys, int o, int a, int b) {
            return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
        }

        @Override
        public double[] bounds() {
            double[] b = {xs[0], ys[0], xs[0], ys[0]};
            for (int i = 1; i < xs.length; i++) {
                b[0] = Math.min(b[0], xs[i]);
                b[1] = Math.min(b[1], ys[i]);
                b[2] = Math.max(b[2], xs[i]);
                b[3] = Math.max(b[3], ys[i]);
            }
            return b;
        }

        @Override
        public double[] outline() {
            double[] points = new double[2 * xs.length];
            for (int i = 0; i < xs.length; i++) {
                points[2 * i] = xs[i];
                points[2 * i + 1] = ys[i];
            }
            return points;
        }
    }
}
