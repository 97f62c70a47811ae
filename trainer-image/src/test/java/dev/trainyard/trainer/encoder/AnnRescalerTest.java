package dev.trainyard.trainer.encoder;

import static dev.trainyard.trainer.encoder.EncoderSamples.crowd;
import static dev.trainyard.trainer.encoder.EncoderSamples.person;
import static dev.trainyard.trainer.encoder.EncoderSamples.unlabelled;
import static dev.trainyard.trainer.encoder.EncoderSamples.upright;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.Keypoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnRescalerTest {

    private static final int NOSE = 0;
    private static final int LEFT_EYE = 1;

    private final AnnRescaler rescaler16 = new AnnRescaler(16, CocoConstants.UPRIGHT_POSE);

    @Test
    void dropsCrowdsAndUnlabelledSlotsAndDividesByStride() {
        Annotation person = person().visible(NOSE, 32, 48).hidden(LEFT_EYE, 40, 8).build();
        Annotation noSlots = new Annotation(7, 1, new float[0], new float[] {0, 0, 10, 10}, false, 100);

        List<float[]> sets = rescaler16.keypointSets(List.of(crowd(0, 0, 50, 50), person, noSlots));

        assertEquals(1, sets.size());
        float[] kps = sets.getFirst();
        assertEquals(2.0f, kps[0]);
        assertEquals(3.0f, kps[1]);
        assertEquals(2.0f, kps[2]);
        assertEquals(2.5f, kps[3]);
        assertEquals(0.5f, kps[4]);
        assertEquals(1.0f, kps[5]);
        assertEquals(0.0f, kps[8], "absent keypoints stay absent");
        assertEquals(32f, person.keypoints()[0], "the annotation itself is not modified");
    }

    @Test
    void rejectsAnnotationsWithAnotherKeypointCount() {
        Annotation odd = new Annotation(9, 1, new float[9], new float[] {0, 0, 1, 1}, false, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> rescaler16.keypointSets(List.of(odd)));
        assertTrue(e.getMessage().contains("annotation 9"), e.getMessage());
    }

    @Test
    void hiddenKeypointNearAnotherPersonsVisibleOneIsSuppressed() {
        // the hidden one comes first: the rule sorts by visibility, not annotation order
        Annotation hidden = person().hidden(NOSE, 120, 132).visible(LEFT_EYE, 300, 300).build();
        Annotation visible = person().visible(NOSE, 100, 100).hidden(LEFT_EYE, 10, 10).build();

        List<float[]> sets = rescaler16.keypointSets(List.of(hidden, visible));

        assertEquals(0.0f, sets.get(0)[3 * NOSE + 2], "within 32 px in x and y (|dx| 20, |dy| 32)");
        assertEquals(2.0f, sets.get(1)[3 * NOSE + 2]);
        assertEquals(2.0f, sets.get(0)[3 * LEFT_EYE + 2]);
        assertEquals(1.0f, sets.get(1)[3 * LEFT_EYE + 2], "far from the other person's visible eye");
    }

    @Test
    void withoutTheSelfHiddenRuleEveryLabelledKeypointIsKept() {
        Annotation hidden = person().hidden(NOSE, 120, 132).build();
        Annotation visible = person().visible(NOSE, 100, 100).build();
        AnnRescaler keepAll = new AnnRescaler(16, CocoConstants.UPRIGHT_POSE, false);

        List<float[]> sets = keepAll.keypointSets(List.of(hidden, visible));

        assertEquals(1.0f, sets.get(0)[3 * NOSE + 2]);
        assertEquals(120f / 16, sets.get(0)[3 * NOSE]);
    }

    @Test
    void suppressionNeedsBothAxesWithin32PixelsAndAVisibleKeypoint() {
        Annotation visible = person().visible(NOSE, 100, 100).build();
        Annotation farInY = person().hidden(NOSE, 100, 132.5).build();
        Annotation farInX = person().hidden(NOSE, 67, 100).build();
        Annotation alsoHidden = person().hidden(LEFT_EYE, 100, 100).build();
        Annotation hiddenNearHidden = person().hidden(LEFT_EYE, 101, 101).build();

        List<float[]> sets = rescaler16.keypointSets(List.of(visible, farInY, farInX, alsoHidden, hiddenNearHidden));

        assertEquals(1.0f, sets.get(1)[3 * NOSE + 2]);
        assertEquals(1.0f, sets.get(2)[3 * NOSE + 2]);
        assertEquals(1.0f, sets.get(3)[3 * LEFT_EYE + 2], "two hidden keypoints do not suppress each other");
        assertEquals(1.0f, sets.get(4)[3 * LEFT_EYE + 2]);
    }

    @Test
    void fullUprightPoseScaleIsTheSquareRootOfItsBboxArea() {
        // 97 px from ankles to eyes: 10 px per pose unit, bbox 35 x 97 px
        float[] kps = rescaler16.keypointSets(List.of(upright(100, 200, 97).build())).getFirst();

        double expected = Math.sqrt((35.0 / 16) * (97.0 / 16));
        assertEquals(expected, rescaler16.scale(kps), 1e-5);
    }

    @Test
    void partialPoseScaleIsScaledUpByTheMissingReferenceArea() {
        EncoderSamples.Person upperBody = upright(100, 200, 97);
        for (int j = 11; j < 17; j++) {
            upperBody.absent(j);
        }
        float[] kps = rescaler16.keypointSets(List.of(upperBody.build())).getFirst();

        // visible bbox 35 x 57 px; the upright reference covers 19.95 of 33.95 (the 45-degree one needs more)
        double factor = Math.sqrt(33.95 / 19.95);
        assertEquals(Math.sqrt((35.0 / 16) * (57.0 / 16)) * factor, rescaler16.scale(kps), 1e-5);
    }

    @Test
    void scaleFactorIsClippedAtFive() {
        EncoderSamples.Person head = upright(100, 200, 97);
        for (int j = 5; j < 17; j++) {
            head.absent(j);
        }
        float[] kps = rescaler16.keypointSets(List.of(head.build())).getFirst();

        // unclipped the factor would be 7.79; visible bbox 14 x 4 px
        assertEquals(Math.sqrt((14.0 / 16) * (4.0 / 16)) * 5.0, rescaler16.scale(kps), 1e-5);
    }

    @Test
    void scaleIsNaNWithFewerThanThreeVisibleKeypointsOrWhenTiny() {
        float[] two = rescaler16.keypointSets(List.of(person()
                .visible(0, 10, 10).hidden(5, 50, 80).build())).getFirst();
        float[] tiny = rescaler16.keypointSets(List.of(upright(100, 200, 1.0).build())).getFirst();
        float[] hiddenCount = rescaler16.keypointSets(List.of(person()
                .visible(0, 10, 10).hidden(5, 50, 80).hidden(6, 70, 80).build())).getFirst();

        assertTrue(Double.isNaN(rescaler16.scale(two)));
        assertTrue(Double.isNaN(rescaler16.scale(tiny)), "scale below 0.1 cells");
        assertFalse(Double.isNaN(rescaler16.scale(hiddenCount)), "hidden keypoints count as labelled");
    }

    @Test
    void scaleIsNaNWhenTheVisibleReferencePoseIsDegenerate() {
        List<Keypoint> pose = List.of(new Keypoint(0, 0), new Keypoint(0, 0), new Keypoint(0, 0), new Keypoint(3, 5));
        AnnRescaler rescaler = new AnnRescaler(8, pose);
        float[] kps = {0, 0, 2, 16, 0, 2, 0, 16, 2, 0, 0, 0};

        assertTrue(Double.isNaN(rescaler.scale(kps)));
    }

    @Test
    void crowdBoxesAreExpandedWithTheReferenceArithmetic() {
        // bbox cells [4, 6] x [4, 6], margin 1.5: int(2.5) = 2 to ceil(7.5) + 1 = 9 exclusive
        BackgroundMask mask = rescaler16.backgroundMask(List.of(crowd(64, 64, 32, 32)), 321, 321, 1.5);

        assertEquals(21, mask.width());
        assertEquals(21, mask.height());
        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 21; x++) {
                boolean inside = x >= 2 && x <= 8 && y >= 2 && y <= 8;
                assertEquals(inside, mask.isIgnored(3, y, x), "cell " + x + "," + y);
            }
        }
    }

    @Test
    void crowdBoxesAreClippedToTheMap() {
        BackgroundMask mask = rescaler16.backgroundMask(List.of(crowd(-60, 300, 30, 100)), 321, 321, 1.5);

        assertTrue(mask.isIgnored(0, 20, 0));
        assertTrue(mask.isIgnored(0, 17, 0), "int(18.75 - 1.5) = 17");
        assertFalse(mask.isIgnored(0, 16, 0));
        assertFalse(mask.isIgnored(0, 20, 1), "the box ends left of the map; the clip keeps column 0");
    }

    @Test
    void onlyPeopleWithoutLabelledKeypointsJoinTheMask() {
        Annotation unlabelled = unlabelled(160, 160, 16, 16);
        Annotation hiddenOnly = person().hidden(NOSE, 40, 40).build();

        BackgroundMask mask = rescaler16.backgroundMask(List.of(unlabelled, hiddenOnly), 321, 321, 1.0);

        assertTrue(mask.isIgnored(0, 10, 9), "int(10 - 1) = 9");
        assertTrue(mask.isIgnored(0, 12, 12), "ceil(11 + 1) + 1 = 13 exclusive");
        assertFalse(mask.isIgnored(0, 13, 13));
        assertFalse(mask.isIgnored(0, 2, 2), "a hidden keypoint counts as labelled");
    }

    @Test
    void validAreaIsTheMetaRectangleInCells() {
        ImageMeta meta = ImageMeta.of(0, 1, "a.jpg", 385, 385).withValidArea(8, 16, 300, 385);

        assertEquals(new ValidArea(1.0, 2.0, 37.5, 48.125), new AnnRescaler(8, CocoConstants.UPRIGHT_POSE).validArea(meta));
    }

    @Test
    void validAreaMasksOutsideWithTheReferenceBounds() {
        float[] plane = new float[10 * 10];
        new ValidArea(1.5, 0.5, 5.2, 3.0).maskOutside(plane, 0, 10, 10, Float.NaN);

        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                // leading: x < int(1.5) (y < 1 masks no rows); trailing: from ceil(3.5) + 1 and ceil(6.7) + 1
                boolean masked = x < 1 || y >= 5 || x >= 8;
                assertEquals(masked, Float.isNaN(plane[y * 10 + x]), "cell " + x + "," + y);
            }
        }
    }
}
