package dev.trainyard.trainer.encoder;

import static dev.trainyard.trainer.encoder.CifEncoder.BMIN;
import static dev.trainyard.trainer.encoder.CifEncoder.C;
import static dev.trainyard.trainer.encoder.CifEncoder.DX;
import static dev.trainyard.trainer.encoder.CifEncoder.DY;
import static dev.trainyard.trainer.encoder.CifEncoder.SCALE;
import static dev.trainyard.trainer.encoder.EncoderSamples.cif;
import static dev.trainyard.trainer.encoder.EncoderSamples.crowd;
import static dev.trainyard.trainer.encoder.EncoderSamples.person;
import static dev.trainyard.trainer.encoder.EncoderSamples.sample;
import static dev.trainyard.trainer.encoder.EncoderSamples.unlabelled;
import static dev.trainyard.trainer.encoder.EncoderSamples.upright;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoConstants;
import java.util.List;
import org.junit.jupiter.api.Test;

class CifEncoderTest {

    private static final int NOSE = 0;
    private static final float BMIN_16 = 0.1f / 16;

    private static FieldTargets encode(int stride, Sample sample) {
        return new CifEncoder(cif(stride), 4, 0.1).encode(sample);
    }

    /** Pixel coordinate of a field coordinate at stride 16. */
    private static double px(double cells) {
        return 16 * cells;
    }

    @Test
    void singleKeypointGetsABinaryPatchRegressingToIt() {
        // keypoint at cells (5.25, 4.75): patch origin rint(3.75) = 4, rint(3.25) = 3
        FieldTargets t = encode(16, sample(161, 161, person().visible(NOSE, px(5.25), px(4.75)).build()));

        assertArrayEquals(new long[] {17, 5, 11, 11}, t.shape());
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 11; x++) {
                String cell = "cell " + x + "," + y;
                if (x >= 4 && x <= 7 && y >= 3 && y <= 6) {
                    assertEquals(1.0f, t.get(NOSE, C, y, x), cell);
                    assertEquals(5.25f - x, t.get(NOSE, DX, y, x), cell);
                    assertEquals(4.75f - y, t.get(NOSE, DY, y, x), cell);
                    assertEquals(BMIN_16, t.get(NOSE, BMIN, y, x), cell);
                    assertTrue(Float.isNaN(t.get(NOSE, SCALE, y, x)), "one keypoint has no instance scale");
                } else {
                    assertEquals(0.0f, t.get(NOSE, C, y, x), cell);
                    for (int c = DX; c <= SCALE; c++) {
                        assertTrue(Float.isNaN(t.get(NOSE, c, y, x)), cell + " channel " + c);
                    }
                }
            }
        }
        for (int f = 1; f < 17; f++) {
            assertEquals(0, positives(t, f), "field " + f);
        }
    }

    @Test
    void patchOriginRoundsHalfToEven() {
        // x - 1.5 = 2.5 rounds to 2 (half-up would give 3); y - 1.5 = 1.5 rounds to 2
        FieldTargets t = encode(16, sample(161, 161, person().visible(NOSE, px(4.0), px(3.0)).build()));

        assertEquals(16, positives(t, NOSE));
        assertEquals(1.0f, t.get(NOSE, C, 2, 2));
        assertEquals(2.0f, t.get(NOSE, DX, 2, 2));
        assertEquals(1.0f, t.get(NOSE, DY, 2, 2));
        assertEquals(1.0f, t.get(NOSE, C, 5, 5));
        assertEquals(-1.0f, t.get(NOSE, DX, 5, 5));
        assertEquals(-2.0f, t.get(NOSE, DY, 5, 5));
        assertEquals(0.0f, t.get(NOSE, C, 2, 6));
    }

    @Test
    void scaleChannelIsTheInstanceScaleTimesTheKeypointSigma() {
        Annotation person = upright(100, 200, 97).build();
        FieldTargets t = encode(8, sample(257, 257, person));

        double instance = Math.sqrt((35.0 / 8) * (97.0 / 8));
        for (int f = 0; f < 17; f++) {
            int x = (int) Math.rint(person.x(f) / 8);
            int y = (int) Math.rint(person.y(f) / 8);
            double expected = instance * CocoConstants.SIGMAS.get(f);
            assertEquals(expected, t.get(f, SCALE, y, x), 1e-5, "field " + f);
            assertEquals(0.1f / 8, t.get(f, BMIN, y, x), "field " + f);
        }
    }

    @Test
    void nearestKeypointWinsEachCell() {
        // patches at x 4..7 and 5..8; cell 5 is nearer to the first, cells 6 and 7 to the second
        Annotation first = person().visible(NOSE, px(5.0), px(5.0)).build();
        Annotation second = person().visible(NOSE, px(6.5), px(5.0)).build();

        for (List<Annotation> order : List.of(List.of(first, second), List.of(second, first))) {
            FieldTargets t = encode(16, sample(161, 161, order.toArray(Annotation[]::new)));
            assertEquals(1.0f, t.get(NOSE, DX, 5, 4));
            assertEquals(0.0f, t.get(NOSE, DX, 5, 5));
            assertEquals(0.5f, t.get(NOSE, DX, 5, 6));
            assertEquals(-0.5f, t.get(NOSE, DX, 5, 7));
            assertEquals(-1.5f, t.get(NOSE, DX, 5, 8));
            assertEquals(20, positives(t, NOSE), "4 x 5 cells of the union");
        }
    }

    @Test
    void anEquidistantCellStaysWithTheEarlierPerson() {
        Annotation first = person().visible(NOSE, px(5.0), px(5.0)).build();
        Annotation second = person().visible(NOSE, px(7.0), px(5.0)).build();

        assertEquals(-1.0f, encode(16, sample(161, 161, first, second)).get(NOSE, DX, 5, 6));
        assertEquals(1.0f, encode(16, sample(161, 161, second, first)).get(NOSE, DX, 5, 6));
    }

    @Test
    void insideACrowdOnlyCellsWithinOneCellOfAKeypointArePositive() {
        // crowd bbox cells [2, 8] expanded by 1.5 covers cells 0..10; the keypoint's patch is x 4..7, y 3..6
        Sample sample = sample(321, 321, crowd(32, 32, 96, 96),
                person().visible(NOSE, px(5.25), px(4.75)).build());
        FieldTargets t = encode(16, sample);

        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 21; x++) {
                boolean inCrowd = x <= 10 && y <= 10;
                boolean inPatch = x >= 4 && x <= 7 && y >= 3 && y <= 6;
                boolean near = Math.hypot(5.25 - x, 4.75 - y) < 1.0;
                String cell = "cell " + x + "," + y;
                if (inPatch && (near || !inCrowd)) {
                    assertEquals(1.0f, t.get(NOSE, C, y, x), cell);
                    assertEquals(5.25f - x, t.get(NOSE, DX, y, x), cell);
                } else if (inCrowd) {
                    assertTrue(Float.isNaN(t.get(NOSE, C, y, x)), cell);
                    assertTrue(Float.isNaN(t.get(NOSE, DX, y, x)), cell);
                } else {
                    assertEquals(0.0f, t.get(NOSE, C, y, x), cell);
                }
            }
        }
        assertEquals(3, positives(t, NOSE), "(5, 4), (5, 5) and (6, 5)");
        assertTrue(Float.isNaN(t.get(16, C, 0, 0)), "the crowd is ignored in every field");
    }

    @Test
    void personWithoutLabelledKeypointsBecomesAnIgnoreRegion() {
        // bbox cells [10, 11] expanded by 1.5: int(8.5) = 8 to ceil(12.5) + 1 = 14 exclusive
        FieldTargets t = encode(16, sample(321, 321, unlabelled(160, 160, 16, 16)));

        for (int x = 0; x < 21; x++) {
            boolean ignored = x >= 8 && x <= 13;
            assertEquals(ignored, Float.isNaN(t.get(3, C, 10, x)), "cell " + x);
        }
        assertEquals(0.0f, t.get(3, C, 7, 10));
        assertTrue(Float.isNaN(t.get(3, C, 13, 10)));
    }

    @Test
    void outsideTheValidAreaIsBackgroundWithoutRegression() {
        // valid x < 100 px: from ceil(6.25) + 1 = 8 on the map is padding; valid y from 20 px: row 0 is padding
        Sample sample = sample(161, 161, new double[] {0, 20, 100, 141}, crowd(150, 150, 10, 10),
                person().visible(NOSE, px(8.0), px(5.0)).build());
        FieldTargets t = encode(16, sample);

        assertEquals(1.0f, t.get(NOSE, C, 5, 7));
        assertEquals(1.0f, t.get(NOSE, DX, 5, 7));
        assertEquals(0.0f, t.get(NOSE, C, 5, 8), "patch cell in the padding");
        assertTrue(Float.isNaN(t.get(NOSE, DX, 5, 8)));
        assertTrue(Float.isNaN(t.get(NOSE, DY, 5, 8)));
        assertTrue(Float.isNaN(t.get(NOSE, BMIN, 5, 8)));
        assertTrue(Float.isNaN(t.get(NOSE, C, 8, 7)), "crowd (cells 7..10) inside the valid area is ignored");
        assertEquals(0.0f, t.get(NOSE, C, 8, 8), "crowd in the padding is background, not ignored");
        assertEquals(0.0f, t.get(NOSE, C, 0, 3));
        assertEquals(0.0f, t.get(NOSE, C, 1, 3));
    }

    @Test
    void patchesPartlyOutsideTheMapKeepTheirVisibleCells() {
        // x = -1: origin rint(-2.5) = -2, so columns 0 and 1 of the map belong to the patch
        FieldTargets t = encode(16, sample(161, 161, person().visible(NOSE, px(-1.0), px(5.0)).build()));

        assertEquals(8, positives(t, NOSE));
        assertEquals(-1.0f, t.get(NOSE, DX, 5, 0));
        assertEquals(-2.0f, t.get(NOSE, DX, 5, 1));
    }

    @Test
    void patchesThatDoNotFitThePaddedMapAreDropped() {
        // side 25: origin rint(x - 12) must be >= -10 (the reference pads the map by 10 cells)
        CifEncoder wide = new CifEncoder(cif(16), 25, 0.1);
        FieldTargets fits = wide.encode(sample(161, 161, person().visible(NOSE, px(2.0), px(5.0)).build()));
        FieldTargets dropped = wide.encode(sample(161, 161, person().visible(NOSE, px(1.0), px(5.0)).build()));

        assertEquals(11 * 11, positives(fits, NOSE));
        assertEquals(0, positives(dropped, NOSE));
    }

    static int positives(FieldTargets t, int field) {
        int n = 0;
        for (int y = 0; y < t.height(); y++) {
            for (int x = 0; x < t.width(); x++) {
                if (t.get(field, 0, y, x) == 1.0f) {
                    n++;
                }
            }
        }
        return n;
    }
}
