package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.encoder.CafEncoder;
import dev.trainyard.trainer.encoder.CifDetEncoder;
import dev.trainyard.trainer.encoder.CifEncoder;
import dev.trainyard.trainer.encoder.FieldTargets;
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
 * Draws the regression targets of one field in image pixels: an arrow from each positive cell's
 * centre to the point it regresses, and once per distinct target its size, a circle of diameter
 * {@code scale} (cif, caf) or the box (cifdet).
 */
final class FieldVectors {

    /** Vectors to the keypoint (cif), the first joint (caf) or the box centre (cifdet). */
    static final Color FIRST = new Color(0, 220, 255);
    /** Vectors to the second joint of a caf connection. */
    static final Color SECOND = new Color(140, 255, 60);
    static final Color SIZE = new Color(255, 255, 255, 220);

    /** Cells at or below this confidence draw no vectors. */
    private static final float MIN_CONFIDENCE = 0.5f;
    private static final double HEAD_LENGTH = 5.0;
    private static final double HEAD_ANGLE = Math.toRadians(25);

    private FieldVectors() {}

    /** Draws onto {@code g}, whose origin is the centre of the image's top-left pixel. */
    static void draw(Graphics2D g, FieldTargets targets, int field) {
        switch (targets.meta()) {
            case CifMeta cif -> {
                arrows(g, targets, field, CifEncoder.DX, FIRST);
                sizes(g, targets, field, CifEncoder.DX, CifEncoder.SCALE, -1);
            }
            case CafMeta caf -> {
                arrows(g, targets, field, CafEncoder.DX1, FIRST);
                arrows(g, targets, field, CafEncoder.DX2, SECOND);
                sizes(g, targets, field, CafEncoder.DX1, CafEncoder.SCALE1, -1);
                sizes(g, targets, field, CafEncoder.DX2, CafEncoder.SCALE2, -1);
            }
            case CifDetMeta det -> {
                arrows(g, targets, field, CifDetEncoder.DX, FIRST);
                sizes(g, targets, field, CifDetEncoder.DX, CifDetEncoder.W, CifDetEncoder.H);
            }
        }
    }

    private static void arrows(Graphics2D g, FieldTargets targets, int field, int dxChannel, Color color) {
        int stride = targets.meta().stride();
        g.setColor(color);
        for (int cy = 0; cy < targets.height(); cy++) {
            for (int cx = 0; cx < targets.width(); cx++) {
                if (!(targets.get(field, 0, cy, cx) > MIN_CONFIDENCE)) {
                    continue;
                }
                float dx = targets.get(field, dxChannel, cy, cx);
                float dy = targets.get(field, dxChannel + 1, cy, cx);
                if (Float.isFinite(dx) && Float.isFinite(dy)) {
                    arrow(g, cx * stride, cy * stride, (cx + dx) * stride, (cy + dy) * stride);
                }
            }
        }
    }

    /**
     * Draws each distinct target's size once: a circle of diameter {@code scale} when
     * {@code heightChannel} is negative, else a {@code width x height} box, both centred on the target.
     */
    private static void sizes(Graphics2D g, FieldTargets targets, int field, int dxChannel,
                              int widthChannel, int heightChannel) {
        int stride = targets.meta().stride();
        // every cell of one keypoint regresses the same target: draw it once, not once per cell
        Set<Mark> marks = new LinkedHashSet<>();
        for (int cy = 0; cy < targets.height(); cy++) {
            for (int cx = 0; cx < targets.width(); cx++) {
                if (!(targets.get(field, 0, cy, cx) > MIN_CONFIDENCE)) {
                    continue;
                }
                double x = (cx + targets.get(field, dxChannel, cy, cx)) * stride;
                double y = (cy + targets.get(field, dxChannel + 1, cy, cx)) * stride;
                double w = targets.get(field, widthChannel, cy, cx) * stride;
                double h = heightChannel < 0 ? w : targets.get(field, heightChannel, cy, cx) * stride;
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
            g.draw(heightChannel < 0
                    ? new Ellipse2D.Double(x - w / 2, y - h / 2, w, h)
                    : new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
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

    /** A target position and size rounded to a quarter pixel, so float noise does not duplicate it. */
    private record Mark(long x, long y, long w, long h) {

        static final double UNIT = 4.0;

        static Mark of(double x, double y, double w, double h) {
            return new Mark(Math.round(x * UNIT), Math.round(y * UNIT), Math.round(w * UNIT), Math.round(h * UNIT));
        }
    }
}
