package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads CIF and CAF targets back into the keypoint and joint positions they encode (cell plus
 * regression at every cell with c == 1), for encoder and data-pipeline round-trip tests.
 *
 * <p>All cells of one keypoint (or one limb) regress to the same position, so {@link #cifKeypoints}
 * and {@link #cafLimbs} merge votes closer than {@link #MERGE_CELLS} into one position.
 */
public final class FieldReadback {

    /** Votes closer than this many field cells are one position. */
    public static final double MERGE_CELLS = 1e-3;

    /** Unit of the returned positions. */
    public enum Unit {
        /** Field cells (pixels divided by the head stride). */
        CELLS,
        /** Input pixels. */
        PIXELS
    }

    /** A recovered position. */
    public record Point(double x, double y) {

        public double distanceTo(double otherX, double otherY) {
            return Math.hypot(x - otherX, y - otherY);
        }
    }

    /** A positive CIF cell and the keypoint position it regresses. */
    public record KeypointVote(int field, int cellX, int cellY, Point keypoint) {}

    /** A positive CAF cell and the positions of both joints it regresses. */
    public record LimbVote(int field, int cellX, int cellY, Point joint1, Point joint2) {}

    /** One recovered connection instance: positions of its first and second joint. */
    public record Limb(Point joint1, Point joint2) {}

    private FieldReadback() {}

    /** Every positive cell of a CIF target, field by field, rows top to bottom. */
    public static List<KeypointVote> cifVotes(FieldTargets cif, Unit unit) {
        requireHead(cif, CifMeta.class);
        double toUnit = toUnit(cif, unit);
        List<KeypointVote> votes = new ArrayList<>();
        for (int f = 0; f < cif.meta().nFields(); f++) {
            for (int y = 0; y < cif.height(); y++) {
                for (int x = 0; x < cif.width(); x++) {
                    if (cif.get(f, CifEncoder.C, y, x) == 1.0f) {
                        votes.add(new KeypointVote(f, x, y, point(cif, f, CifEncoder.DX, y, x, toUnit)));
                    }
                }
            }
        }
        return votes;
    }

    /** The distinct keypoint positions of each CIF field: {@code result.get(field)}. */
    public static List<List<Point>> cifKeypoints(FieldTargets cif, Unit unit) {
        double merge = MERGE_CELLS * toUnit(cif, unit);
        List<List<Point>> result = emptyLists(cif.meta().nFields());
        for (KeypointVote vote : cifVotes(cif, unit)) {
            List<Point> points = result.get(vote.field());
            if (nearest(points, vote.keypoint().x(), vote.keypoint().y())
                    .filter(p -> p.distanceTo(vote.keypoint().x(), vote.keypoint().y()) < merge)
                    .isEmpty()) {
                points.add(vote.keypoint());
            }
        }
        return result;
    }

    /** Every positive cell of a CAF target, field by field, rows top to bottom. */
    public static List<LimbVote> cafVotes(FieldTargets caf, Unit unit) {
        requireHead(caf, CafMeta.class);
        double toUnit = toUnit(caf, unit);
        List<LimbVote> votes = new ArrayList<>();
        for (int f = 0; f < caf.meta().nFields(); f++) {
            for (int y = 0; y < caf.height(); y++) {
                for (int x = 0; x < caf.width(); x++) {
                    if (caf.get(f, CafEncoder.C, y, x) == 1.0f) {
                        votes.add(new LimbVote(f, x, y,
                                point(caf, f, CafEncoder.DX1, y, x, toUnit),
                                point(caf, f, CafEncoder.DX2, y, x, toUnit)));
                    }
                }
            }
        }
        return votes;
    }

    /** The distinct connection instances of each CAF field: {@code result.get(field)}. */
    public static List<List<Limb>> cafLimbs(FieldTargets caf, Unit unit) {
        double merge = MERGE_CELLS * toUnit(caf, unit);
        List<List<Limb>> result = emptyLists(caf.meta().nFields());
        for (LimbVote vote : cafVotes(caf, unit)) {
            List<Limb> limbs = result.get(vote.field());
            boolean known = limbs.stream().anyMatch(limb ->
                    limb.joint1().distanceTo(vote.joint1().x(), vote.joint1().y()) < merge
                            && limb.joint2().distanceTo(vote.joint2().x(), vote.joint2().y()) < merge);
            if (!known) {
                limbs.add(new Limb(vote.joint1(), vote.joint2()));
            }
        }
        return result;
    }

    /** The point nearest to {@code (x, y)}, empty for no points. */
    public static Optional<Point> nearest(List<Point> points, double x, double y) {
        Point best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Point p : points) {
            double d = p.distanceTo(x, y);
            if (d < bestDistance) {
                best = p;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Point point(FieldTargets targets, int field, int channelX, int y, int x, double toUnit) {
        return new Point((x + (double) targets.get(field, channelX, y, x)) * toUnit,
                (y + (double) targets.get(field, channelX + 1, y, x)) * toUnit);
    }

    private static double toUnit(FieldTargets targets, Unit unit) {
        return unit == Unit.PIXELS ? targets.meta().stride() : 1.0;
    }

    private static void requireHead(FieldTargets targets, Class<?> type) {
        if (!type.isInstance(targets.meta())) {
            throw new IllegalArgumentException("expected " + type.getSimpleName() + " targets, got "
                    + targets.meta().fullName());
        }
    }

    private static <T> List<List<T>> emptyLists(int n) {
        List<List<T>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }
}
