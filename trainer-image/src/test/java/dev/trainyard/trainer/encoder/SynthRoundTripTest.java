package dev.trainyard.trainer.encoder;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.encoder.FieldReadback.Limb;
import dev.trainyard.trainer.encoder.FieldReadback.Point;
import dev.trainyard.trainer.encoder.FieldReadback.Unit;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance round trip: a dataset written by {@code trainyard synth}, read back by the COCO
 * reader and encoded into CIF/CAF targets, gives back every visible, non-suppressed keypoint and
 * every labelled limb within half a field cell.
 */
class SynthRoundTripTest {

    private static final double TOLERANCE_CELLS = 0.5;

    @TempDir
    static Path dir;

    private static CocoDataset dataset;

    @BeforeAll
    static void generate() {
        SyntheticPeople.generate(dir, new SyntheticPeople.Options(12, 0, 5, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
        dataset = CocoDataset.open(dir.resolve(SyntheticPeople.TRAIN_ANNOTATIONS),
                dir.resolve(SyntheticPeople.TRAIN_IMAGE_DIR), CocoFilter.training());
    }

    @ParameterizedTest(name = "upsample {0}")
    @ValueSource(ints = {1, 2})
    void cifAndCafTargetsGiveBackEveryLabelledKeypoint(int upsample) {
        List<HeadMeta> heads = CocoHeads.keypoints(16, upsample, false);
        CifMeta cif = (CifMeta) heads.get(0);
        CafMeta caf = (CafMeta) heads.get(1);
        CifEncoder cifEncoder = new CifEncoder(cif, 4, 0.1);
        CafEncoder cafEncoder = new CafEncoder(caf, 3, 0.1);
        AnnRescaler rescaler = new AnnRescaler(cif.stride(), cif.pose());
        int keypointsChecked = 0;
        int limbsChecked = 0;

        for (int i = 0; i < dataset.size(); i++) {
            Sample sample = dataset.load(i);
            FieldTargets cifTargets = cifEncoder.encode(sample);
            FieldTargets cafTargets = cafEncoder.encode(sample);
            List<List<Point>> keypoints = FieldReadback.cifKeypoints(cifTargets, Unit.CELLS);
            List<List<Limb>> limbs = FieldReadback.cafLimbs(cafTargets, Unit.CELLS);
            // The reference's field of view for CAF ends at the last field cell, not the last pixel.
            double maxX = cafTargets.width() - 1;
            double maxY = cafTargets.height() - 1;

            // Expected positions in field cells, after the reference's self-hidden suppression.
            for (float[] person : rescaler.keypointSets(sample.annotations())) {
                for (int j = 0; j < person.length / 3; j++) {
                    float x = person[3 * j];
                    float y = person[3 * j + 1];
                    if (person[3 * j + 2] <= 0) {
                        continue;
                    }
                    keypointsChecked++;
                    Point found = FieldReadback.nearest(keypoints.get(j), x, y).orElse(null);
                    if (found == null || found.distanceTo(x, y) > TOLERANCE_CELLS) {
                        fail(sample.meta().fileName() + ": keypoint " + cif.keypoints().get(j) + " at (" + x + ", "
                                + y + ") cells not recovered, nearest " + found);
                    }
                }
                for (int c = 0; c < caf.skeleton().size(); c++) {
                    Connection connection = caf.skeleton().get(c);
                    int a = connection.fromIndex();
                    int b = connection.toIndex();
                    if (person[3 * a + 2] <= 0 || person[3 * b + 2] <= 0
                            || (outside(person, a, maxX, maxY) && outside(person, b, maxX, maxY))) {
                        continue;
                    }
                    limbsChecked++;
                    assertTrue(hasLimb(limbs.get(c), person[3 * a], person[3 * a + 1], person[3 * b], person[3 * b + 1]),
                            sample.meta().fileName() + ": limb " + connection + " not recovered");
                }
            }
        }
        // Guard against a vacuous pass: twelve synthetic images hold dozens of people.
        assertTrue(keypointsChecked > 200, "only " + keypointsChecked + " keypoints checked");
        assertTrue(limbsChecked > 150, "only " + limbsChecked + " limbs checked");
    }

    private static boolean outside(float[] person, int j, double maxX, double maxY) {
        float x = person[3 * j];
        float y = person[3 * j + 1];
        return x < 0 || y < 0 || x > maxX || y > maxY;
    }

    private static boolean hasLimb(List<Limb> limbs, double x1, double y1, double x2, double y2) {
        for (Limb limb : limbs) {
            if (limb.joint1().distanceTo(x1, y1) <= TOLERANCE_CELLS && limb.joint2().distanceTo(x2, y2) <= TOLERANCE_CELLS) {
                return true;
            }
        }
        return false;
    }
}
