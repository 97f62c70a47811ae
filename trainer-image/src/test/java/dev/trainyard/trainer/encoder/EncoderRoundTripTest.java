package dev.trainyard.trainer.encoder;

import static dev.trainyard.trainer.encoder.EncoderSamples.N;
import static dev.trainyard.trainer.encoder.FieldReadback.Unit.CELLS;
import static dev.trainyard.trainer.encoder.FieldReadback.Unit.PIXELS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.encoder.FieldReadback.Limb;
import dev.trainyard.trainer.encoder.FieldReadback.Point;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.Keypoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random but seeded people, encoded and read back: every labelled keypoint and every labelled
 * limb comes back, and nothing else does.
 *
 * <p>People stand in separate slots at least 40 px apart, so no keypoint hides another person's
 * (that needs 32 px) and no patch or limb of one person reaches another's.
 */
class EncoderRoundTripTest {

    private static final int SLOT_MARGIN = 20;
    private static final int IMAGES = 6;

    @ParameterizedTest(name = "{0}x{0} at stride {1}")
    @CsvSource({"385, 8, 2", "385, 16, 2", "129, 8, 1", "129, 16, 1"})
    void cifAndCafTargetsReadBackToTheAnnotations(int edge, int stride, int slotsPerSide) {
        Random random = new Random(edge * 31L + stride);
        CifEncoder cif = new CifEncoder(EncoderSamples.cif(stride), 4, 0.1);
        CafEncoder caf = new CafEncoder(EncoderSamples.caf(stride), 3, 0.1);

        for (int image = 0; image < IMAGES; image++) {
            List<Annotation> people = new ArrayList<>();
            Sample sample = randomScene(random, edge, slotsPerSide, people);
            String context = "image " + image + " with " + people.size() + " people";

            assertCifRoundTrip(cif.encode(sample), people, stride, context);
            assertCafRoundTrip(caf.encode(sample), people, stride, context);
        }
    }

    private static void assertCifRoundTrip(FieldTargets targets, List<Annotation> people, int stride, String context) {
        List<List<Point>> recovered = FieldReadback.cifKeypoints(targets, CELLS);
        List<List<Point>> recoveredPixels = FieldReadback.cifKeypoints(targets, PIXELS);
        for (int f = 0; f < N; f++) {
            List<Point> expected = new ArrayList<>();
            for (Annotation person : people) {
                if (person.v(f) > 0) {
                    expected.add(new Point(person.x(f) / (double) stride, person.y(f) / (double) stride));
                }
            }
            assertEquals(expected.size(), recovered.get(f).size(), context + ", field " + f);
            for (Point p : expected) {
                Point nearest = FieldReadback.nearest(recovered.get(f), p.x(), p.y()).orElseThrow();
                assertTrue(nearest.distanceTo(p.x(), p.y()) < 0.5, context + ", field " + f + ": " + p + " vs " + nearest);
                Point pixels = FieldReadback.nearest(recoveredPixels.get(f), p.x() * stride, p.y() * stride).orElseThrow();
                assertTrue(pixels.distanceTo(p.x() * stride, p.y() * stride) < 0.5 * stride, context);
            }
            for (Point r : recovered.get(f)) {
                Point source = FieldReadback.nearest(expected, r.x(), r.y()).orElseThrow();
                assertTrue(source.distanceTo(r.x(), r.y()) < FieldReadback.MERGE_CELLS,
                        context + ", field " + f + ": " + r + " is not an annotated keypoint");
            }
        }
    }

    private static void assertCafRoundTrip(FieldTargets targets, List<Annotation> people, int stride, String context) {
        List<List<Limb>> recovered = FieldReadback.cafLimbs(targets, CELLS);
        List<Connection> skeleton = CocoConstants.SKELETON;
        for (int f = 0; f < skeleton.size(); f++) {
            int j1 = skeleton.get(f).fromIndex();
            int j2 = skeleton.get(f).toIndex();
            int expected = 0;
            for (Annotation person : people) {
                if (person.v(j1) > 0 && person.v(j2) > 0) {
                    expected++;
                    double x1 = person.x(j1) / (double) stride;
                    double y1 = person.y(j1) / (double) stride;
                    double x2 = person.x(j2) / (double) stride;
                    double y2 = person.y(j2) / (double) stride;
                    assertTrue(recovered.get(f).stream().anyMatch(limb ->
                                    limb.joint1().distanceTo(x1, y1) < 0.5 && limb.joint2().distanceTo(x2, y2) < 0.5),
                            context + ", connection " + skeleton.get(f));
                }
            }
            assertEquals(expected, recovered.get(f).size(), context + ", connection " + skeleton.get(f));
        }
    }

    /** People in distinct slots of a {@code slots x slots} grid, a crowd in a free slot if any. */
    private static Sample randomScene(Random random, int edge, int slotsPerSide, List<Annotation> people) {
        int slot = edge / slotsPerSide;
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < slotsPerSide * slotsPerSide; i++) {
            free.add(i);
        }
        Collections.shuffle(free, random);
        int nPeople = 1 + random.nextInt(free.size());
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < nPeople; i++) {
            int s = free.removeFirst();
            people.add(randomPerson(random, (s % slotsPerSide) * slot, (s / slotsPerSide) * slot, slot));
        }
        annotations.addAll(people);
        if (!free.isEmpty()) {
            int s = free.getFirst();
            float inset = 2.4f * SLOT_MARGIN;
            annotations.add(EncoderSamples.crowd((s % slotsPerSide) * slot + inset, (s / slotsPerSide) * slot + inset,
                    slot - 2 * inset, slot - 2 * inset));
        }
        return EncoderSamples.sample(edge, edge, annotations.toArray(Annotation[]::new));
    }

    /** A jittered, rotated reference pose that fits inside the slot at {@code (left, top)} with a margin. */
    private static Annotation randomPerson(Random random, int left, int top, int slot) {
        double usable = slot - 2.0 * SLOT_MARGIN;
        double angle = Math.toRadians(random.nextDouble(-25, 25));
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[] xs = new double[N];
        double[] ys = new double[N];
        for (int j = 0; j < N; j++) {
            Keypoint p = CocoConstants.UPRIGHT_POSE.get(j);
            double x = p.x() + random.nextDouble(-0.15, 0.15);
            double y = -(p.y() + random.nextDouble(-0.15, 0.15));
            xs[j] = cos * x - sin * y;
            ys[j] = sin * x + cos * y;
        }
        double minX = min(xs);
        double minY = min(ys);
        double extent = Math.max(max(xs) - minX, max(ys) - minY);
        double size = random.nextDouble(Math.min(24, usable), usable) / extent;
        double freeX = usable - size * (max(xs) - minX);
        double freeY = usable - size * (max(ys) - minY);
        double originX = left + SLOT_MARGIN + random.nextDouble() * freeX;
        double originY = top + SLOT_MARGIN + random.nextDouble() * freeY;

        EncoderSamples.Person person = EncoderSamples.person();
        for (int j = 0; j < N; j++) {
            double u = random.nextDouble();
            double x = originX + size * (xs[j] - minX);
            double y = originY + size * (ys[j] - minY);
            if (u < 0.15 && j > 0) {
                person.absent(j);
            } else if (u < 0.3) {
                person.hidden(j, x, y);
            } else {
                person.visible(j, x, y);
            }
        }
        return person.build();
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
