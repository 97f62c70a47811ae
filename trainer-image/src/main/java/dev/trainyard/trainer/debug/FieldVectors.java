package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Draws the regressions of one field in image pixels, targets or predictions alike: an arrow from
 * each cell above {@link FieldView#MIN_CONFIDENCE} to the point it regresses, and once per distinct
 * point its size, a circle of diameter {@code scale} (cif, caf) or the box (cifdet).
 */
final class FieldVectors {

    /** Vectors to the keypoint (cif), the first joint (caf) or the box centre (cifdet). */
    static final Color FIRST = new Color(0, 220, 255);
    /** Vectors to the second joint of a caf connection. */
    static final Color SECOND = new Color(140, 255, 60);
    static final Color SIZE = new Color(255, 255, 255, 220);

    private static final double HEAD_LENGTH = 5.0;
    private static final double HEAD_ANGLE = Math.toRadians(25);

    private FieldVectors() {}

    /** Draws onto {@code g}, whose origin is the centre of the image's top-left pixel. */
    static void draw(Graphics2D g, FieldView fields, int field) {
        switch (fields.meta()) {
            case CifMeta cif -> {
                arrows(g, fields, field, 0, FIRST);
                sizes(g, fields, field, 0, Size.scale(0));
            }
            case CafMeta caf -> {
                arrows(g, fields, field, 0, FIRST);
                arrows(g, fields, field, 1, SECOND);
                sizes(g, fields, field, 0, Size.scale(0));
                sizes(g, fields, field, 1, Size.scale(1));
            }
            case CifDetMeta det -> {
                arrows(g, fields, field, 0, FIRST);
                sizes(g, fields, field, 0, Size.BOX);
            }
        }
    }

    private static void arrows(Graphics2D g, FieldView fields, int field, int vector, Color color) {
        int stride = fields.meta().stride();
        g.setColor(color);
        for (int cy = 0; cy < fields.height(); cy++) {
            for (int cx = 0; cx < fields.width(); cx++) {
                if (!(fields.confidence(field, cy, cx) > FieldView.MIN_CONFIDENCE)) {
                    continue;
                }
                float dx = fields.vector(field, vector, 0, cy, cx);
                float dy = fields.vector(field, vector, 1, cy, cx);
                if (Float.isFinite(dx) && Float.isFinite(dy)) {
                    arrow(g, cx * stride, cy * stride, (cx + dx) * stride, (cy + dy) * stride);
                }
            }
        }
    }

    /**
     * Draws each distinct point's size once, centred on the point that {@code vector} regresses: a
     * circle of diameter {@code scale}, or CifDet's {@code width x height} box.
     */
    private static void sizes(Graphics2D g, FieldView fields, int field, int vector, Size size) {
        int stride = fields.meta().stride();
        // every target cell of one keypoint regresses the same point: draw it once, not once per cell
        Set<Mark> marks = new LinkedHashSet<>();
        for (int cy = 0; cy < fields.height(); cy++) {
            for (int cx = 0; cx < fields.width(); cx++) {
                if (!(fields.confidence(field, cy, cx) > FieldView.MIN_CONFIDENCE)) {
                    continue;
                }
                double x = (cx + fields.vector(field, vector, 0, cy, cx)) * stride;
                double y = (cy + fields.vector(field, vector, 1, cy, cx)) * stride;
                double w = (size.box() ? fields.vector(field, 1, 0, cy, cx) : fields.scale(field, size.scale(), cy, cx))
                        * stride;
                double h = size.box() ? fields.vector(field, 1, 1, cy, cx) * stride : w;
                if (Double.isFinite(x) && Double.isFinite(y) && w > 0 && h > 0) {
                    marks.add(Mark.of(x, y, w, h));
                }
            }
        }
        g.setColor(SIZE);
        for (Mark m : marks) {
            double x = m.x() / Mark.UNIT;
            double y = m.y() / Mark.UNIT;
            double w = m.w() / Mark.UNIT;
            double h = m.h() / Mark.UNIT;
            g.draw(size.box()
                    ? new Rectangle2D.Double(x - w / 2, y - h / 2, w, h)
                    : new Ellipse2D.Double(x - w / 2, y - h / 2, w, h));
        }
    }

    /** An arrow from {@code (x0, y0)} to {@code (x1, y1)}; a dot when they (nearly) coincide. */
    static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        if (length < 1.0) {
            g.fill(new Ellipse2D.Double(x1 - 1, y1 - 1, 2, 2));
            return;
        }
        g.draw(new Line2D.Double(x0, y0, x1, y1));
        double head = Math.min(HEAD_LENGTH, 0.4 * length);
        double angle = Math.atan2(y1 - y0, x1 - x0);
        Path2D.Double tip = new Path2D.Double();
        tip.moveTo(x1 - head * Math.cos(angle - HEAD_ANGLE), y1 - head * Math.sin(angle - HEAD_ANGLE));
        tip.lineTo(x1, y1);
        tip.lineTo(x1 - head * Math.cos(angle + HEAD_ANGLE), y1 - head * Math.sin(angle + HEAD_ANGLE));
        g.draw(tip);
    }

    /** What {@link #sizes} draws: circles of scale {@code scale}, or with {@code box} CifDet's box (vector 1). */
    private record Size(boolean box, int scale) {

        static final Size BOX = new Size(true, -1);

        static Size scale(int scale) {
            return new Size(false, scale);
        }
    }

    /** A target position and size rounded to a quarter pixel, so float noise does not duplicate it. */
    private record Mark(long x, long y, long w, long h) {

        static final double UNIT = 4.0;

        static Mark of(double x, double y, double w, double h) {
            return new Mark(Math.round(x * UNIT), Math.round(y * UNIT), Math.round(w * UNIT), Math.round(h * UNIT));
        }
    }
}
