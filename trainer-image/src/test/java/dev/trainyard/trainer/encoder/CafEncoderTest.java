package dev.trainyard.trainer.encoder;

import static dev.trainyard.trainer.encoder.CafEncoder.BMIN1;
import static dev.trainyard.trainer.encoder.CafEncoder.BMIN2;
import static dev.trainyard.trainer.encoder.CafEncoder.C;
import static dev.trainyard.trainer.encoder.CafEncoder.DX1;
import static dev.trainyard.trainer.encoder.CafEncoder.DX2;
import static dev.trainyard.trainer.encoder.CafEncoder.DY1;
import static dev.trainyard.trainer.encoder.CafEncoder.DY2;
import static dev.trainyard.trainer.encoder.CafEncoder.SCALE1;
import static dev.trainyard.trainer.encoder.CafEncoder.SCALE2;
import static dev.trainyard.trainer.encoder.CifEncoderTest.positives;
import static dev.trainyard.trainer.encoder.EncoderSamples.caf;
import static dev.trainyard.trainer.encoder.EncoderSamples.caf25;
import static dev.trainyard.trainer.encoder.EncoderSamples.crowd;
import static dev.trainyard.trainer.encoder.EncoderSamples.person;
import static dev.trainyard.trainer.encoder.EncoderSamples.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class CafEncoderTest {

    /** Field 0 of caf is 16-14: left ankle (joint 15) to left knee (joint 13). */
    private static final int SHIN = 0;
    private static final int LEFT_ANKLE = 15;
    private static final int LEFT_KNEE = 13;
    private static final int LEFT_HIP = 11;

    private static FieldTargets encode(CafMeta meta, Annotation... annotations) {
        return new CafEncoder(meta, 3, 0.1).encode(sample(161, 161, annotations));
    }

    private static Annotation shin(double ankleX, double ankleY, double kneeX, double kneeY) {
        return person().visible(LEFT_ANKLE, 16 * ankleX, 16 * ankleY).visible(LEFT_KNEE, 16 * kneeX, 16 * kneeY).build();
    }

    @Test
    void cellsAlongALimbRegressBothJoints() {
        // length 5: samples at f = 0.3..0.7 lie on rows 6.5, 6, 5.5, 5, 4.5; with the 3x3 offsets
        // and half-to-even rounding they reach rows 4..8 (4.5 - 1 and 4.5 both round to 4)
        FieldTargets t = encode(caf(16), shin(2, 8, 2, 3));

        assertArrayEquals(new long[] {19, 9, 11, 11}, t.shape());
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 11; x++) {
                String cell = "cell " + x + "," + y;
                if (x >= 1 && x <= 3 && y >= 4 && y <= 8) {
                    assertEquals(1.0f, t.get(SHIN, C, y, x), cell);
                    assertEquals(2.0f - x, t.get(SHIN, DX1, y, x), cell);
                    assertEquals(8.0f - y, t.get(SHIN, DY1, y, x), cell);
                    assertEquals(2.0f - x, t.get(SHIN, DX2, y, x), cell);
                    assertEquals(3.0f - y, t.get(SHIN, DY2, y, x), cell);
                    assertEquals(0.1f / 16, t.get(SHIN, BMIN1, y, x), cell);
                    assertEquals(0.1f / 16, t.get(SHIN, BMIN2, y, x), cell);
                    assertTrue(Float.isNaN(t.get(SHIN, SCALE1, y, x)), "two keypoints have no instance scale");
                } else {
                    assertEquals(0.0f, t.get(SHIN, C, y, x), cell);
                    assertTrue(Float.isNaN(t.get(SHIN, DX1, y, x)), cell);
                }
            }
        }
        for (int f = 1; f < 19; f++) {
            assertEquals(0, positives(t, f), "field " + f);
        }
    }

    @Test
    void scalesAreTheInstanceScaleTimesEachJointsSigma() {
        Annotation person = person().visible(LEFT_ANKLE, 32, 128).visible(LEFT_KNEE, 32, 48)
                .visible(LEFT_HIP, 48, 16).build();
        FieldTargets t = encode(caf(16), person);

        AnnRescaler rescaler = new AnnRescaler(16, CocoConstants.UPRIGHT_POSE);
        double scale = rescaler.scale(rescaler.keypointSets(List.of(person)).getFirst());
        assertTrue(scale > 0);
        assertEquals((float) (scale * CocoConstants.SIGMAS.get(LEFT_ANKLE)), t.get(SHIN, SCALE1, 5, 2));
        assertEquals((float) (scale * CocoConstants.SIGMAS.get(LEFT_KNEE)), t.get(SHIN, SCALE2, 5, 2));
    }

    @Test
    void theConnectionNearestToACellWinsIt() {
        // columns 1..3 and 3..5 (rows 4..8); in column 3 the first limb is 1.0 away, the second 1.4
        Annotation near = shin(2, 8, 2, 3);
        Annotation far = shin(4.4, 8, 4.4, 3);

        for (List<Annotation> order : List.of(List.of(near, far), List.of(far, near))) {
            FieldTargets t = encode(caf(16), order.toArray(Annotation[]::new));
            assertEquals(-1.0f, t.get(SHIN, DX1, 5, 3), "column 3 points at the first limb");
            assertEquals(0.4f, t.get(SHIN, DX1, 5, 4), 1e-6f);
            assertEquals(-0.6f, t.get(SHIN, DX2, 5, 5), 1e-6f);
            assertEquals(25, positives(t, SHIN), "columns 1..5, rows 4..8");
        }
    }

    @Test
    void aLimbWithOneJointOutOfViewIsEncodedButNotOneWithBoth() {
        // the map is 11 x 11 cells: a joint is out of view when x or y is below 0 or above 10
        assertTrue(positives(encode(caf(16), shin(2, 8, 2, -3)), SHIN) > 0, "knee above the image");
        assertTrue(positives(encode(caf(16), shin(10, 8, 12, 3)), SHIN) > 0, "ankle on the last column");
        assertEquals(0, positives(encode(caf(16), shin(10.0625, 8, 12, 3)), SHIN), "ankle past the last column");
        assertEquals(0, positives(encode(caf(16), shin(5, -1, 5, 12)), SHIN), "crosses the image, both ends out");
    }

    @Test
    void onlyInFieldOfViewHeadsNeedBothJointsInView() {
        CafMeta dense = caf25(16);
        int noseToEar = dense.skeleton().indexOf(new Connection(1, 4));
        Annotation inView = person().visible(0, 80, 80).visible(3, 80, 144).build();
        Annotation earOut = person().visible(0, 80, 80).visible(3, 80, 192).build();

        assertTrue(dense.onlyInFieldOfView());
        assertTrue(positives(encode(dense, inView), noseToEar) > 0);
        assertEquals(0, positives(encode(dense, earOut), noseToEar));
    }

    @Test
    void denseConnectionsAreSkippedWhenBothJointsHaveAMuchShorterSparseOne() {
        // left shoulder (2, 2) to right hip (4, 8): length 6.3, so sparse connections under 3.2 count
        CafMeta dense = caf25(16);
        int shoulderToHip = dense.skeleton().indexOf(new Connection(6, 13));
        EncoderSamples.Person torso = person()
                .visible(5, 32, 32).visible(12, 64, 128).visible(6, 64, 32).visible(11, 32, 128);

        assertEquals(0, positives(encode(dense, torso.build()), shoulderToHip),
                "shoulders 6-7 and hips 12-13 are 2 cells long");
        assertTrue(positives(encode(caf(16), torso.build()), CocoConstants.SKELETON.indexOf(new Connection(6, 7))) > 0,
                "the sparse head is unaffected");
        torso.absent(11);
        assertTrue(positives(encode(dense, torso.build()), shoulderToHip) > 0,
                "without the left hip the right hip's shortest sparse connection is 7-13, 6 cells");
        torso.visible(11, 32, 128).absent(6);
        assertTrue(positives(encode(dense, torso.build()), shoulderToHip) > 0,
                "without the right shoulder the left shoulder's shortest is 6-12, 6 cells");
    }

    @Test
    void insideACrowdOnlyCellsWithinOneCellOfTheLimbArePositive() {
        // crowd cells [4, 6] expanded by 1: int(3) = 3 to ceil(7) + 1 = 8 exclusive
        FieldTargets t = encode(caf(16), crowd(64, 64, 32, 32), shin(5.4, 7, 5.4, 3));

        assertEquals(0.0f, t.get(SHIN, C, 3, 2));
        assertTrue(Float.isNaN(t.get(SHIN, C, 3, 3)));
        assertTrue(Float.isNaN(t.get(SHIN, C, 3, 7)));
        assertEquals(0.0f, t.get(SHIN, C, 3, 8));
        assertTrue(Float.isNaN(t.get(SHIN, C, 5, 4)), "1.4 cells from the limb");
        assertEquals(1.0f, t.get(SHIN, C, 5, 5));
        assertEquals(1.0f, t.get(SHIN, C, 5, 6));
    }
}
