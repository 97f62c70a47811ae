package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decoder's acceptance round trip: synthetic people through the evaluation preprocessing,
 * encoded into CIF/CAF targets, decoded as fields: every person comes back as exactly one pose
 * with its keypoints where they were labelled.
 *
 * <p>People a crowd region overlaps are left out: the encoders ignore most of their cells, so
 * even a perfect network would not reproduce them.
 */
class CifCafRoundTripTest {

    /** Ground-truth regressions are exact, so recovered keypoints sit on the labels up to float rounding. */
    private static final double TOLERANCE_PX = 0.5;
    /** A connected part of a person this large must become a pose; one of at most 2 joints cannot pass the instance threshold. */
    private static final int SURE_PART = 5;
    private static final int HOPELESS_PART = 2;

    @TempDir
    static Path dir;

    private static List<Sample> samples;

    @BeforeAll
    static void generate() {
        samples = SyntheticFields.evalSamples(dir, 16, 7);
    }

    @ParameterizedTest(name = "stride {0}, dense connections {1}")
    @CsvSource({"16, false", "8, false", "16, true"})
    void everyPersonComesBackAsOnePose(int stride, boolean dense) {
        List<HeadMeta> heads = CocoHeads.keypoints(16, 16 / stride, dense);
        DecoderConfig defaults = DecoderConfig.defaults();
        DecoderConfig config = new DecoderConfig(List.of(), defaults.seedThreshold(), defaults.cifThreshold(),
                defaults.cafThreshold(), defaults.keypointThreshold(), defaults.keypointThresholdRel(),
                defaults.instanceThreshold(), false, defaults.forceCompleteCafThreshold(), dense ? 1.0 : 0.0);
        Decoder decoder = Decoders.create(config, heads);
        assertEquals(dense ? List.of(0, 1, 2) : List.of(0, 1), decoder.headIndices());
        int peopleChecked = 0;
        int keypointsChecked = 0;

        for (Sample sample : samples) {
            SyntheticFields.Image image = SyntheticFields.encode(sample, heads);
            List<Pose> poses = decoder.decode(image.fields()).poses();
            String context = sample.meta().fileName() + " at stride " + stride;
            List<float[]> people = image.people();
            List<Annotation> persons = sample.annotations().stream()
                    .filter(a -> !a.crowd() && a.keypointCount() > 0).toList();
            List<float[]> crowds = sample.annotations().stream().filter(Annotation::crowd).map(Annotation::bbox).toList();

            // every pose is one person's: all its keypoints on that person's labels
            int[] owner = new int[poses.size()];
            for (int p = 0; p < poses.size(); p++) {
                owner[p] = ownerOf(poses.get(p), people);
                assertTrue(owner[p] >= 0, context + ": pose " + p + " " + poses.get(p) + " mixes people or misses labels");
            }

            int sure = 0;
            int possible = 0;
            for (int i = 0; i < people.size(); i++) {
                float[] person = people.get(i);
                if (nearCrowd(persons.get(i).bbox(), crowds, 2 * stride)) {
                    continue;
                }
                boolean[] part = largestPart(person);
                int size = count(part);
                if (size <= HOPELESS_PART) {
                    continue;
                }
                possible++;
                if (size < SURE_PART) {
                    continue;
                }
                sure++;
                peopleChecked++;
                keypointsChecked += size;
                int found = 0;
                for (int p = 0; p < poses.size(); p++) {
                    if (owner[p] == i) {
                        found++;
                        for (int j = 0; j < part.length; j++) {
                            assertTrue(!part[j] || poses.get(p).v(j) > 0,
                                    context + ": person " + i + " lost " + CocoConstants.KEYPOINTS.get(j));
                        }
                    }
                }
                assertEquals(1, found, context + ": poses of person " + i);
            }
            long clean = 0;
            for (int p = 0; p < poses.size(); p++) {
                if (!nearCrowd(persons.get(owner[p]).bbox(), crowds, 2 * stride)) {
                    clean++;
                }
            }
            assertTrue(clean >= sure && clean <= possible,
                    context + ": " + clean + " poses of people away from crowds, expected " + sure + " to " + possible);
        }
        // sixteen images hold dozens of people
        assertTrue(peopleChecked >= 40, "only " + peopleChecked + " people checked");
        assertTrue(keypointsChecked >= 600, "only " + keypointsChecked + " keypoints checked");
    }

    /** The person all of the pose's keypoints lie on, -1 when there is none. */
    private static int ownerOf(Pose pose, List<float[]> people) {
        for (int i = 0; i < people.size(); i++) {
            float[] person = people.get(i);
            boolean all = pose.presentKeypoints() > 0;
            for (int j = 0; j < pose.size() && all; j++) {
                all = pose.v(j) <= 0 || (person[3 * j + 2] > 0
                        && Math.hypot(pose.x(j) - person[3 * j], pose.y(j) - person[3 * j + 1]) <= TOLERANCE_PX);
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /** The largest set of labelled keypoints joined by skeleton connections with both ends labelled. */
    private static boolean[] largestPart(float[] person) {
        int n = CocoConstants.N_KEYPOINTS;
        int[] component = new int[n];
        for (int j = 0; j < n; j++) {
            component[j] = person[3 * j + 2] > 0 ? j : -1;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Connection c : CocoConstants.SKELETON) {
                int a = component[c.fromIndex()];
                int b = component[c.toIndex()];
                if (a >= 0 && b >= 0 && a != b) {
                    int low = Math.min(a, b);
                    for (int j = 0; j < n; j++) {
                        if (component[j] == a || component[j] == b) {
                            component[j] = low;
                        }
                    }
                    changed = true;
                }
            }
        }
        int[] sizes = new int[n];
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (component[j] >= 0 && ++sizes[component[j]] > (best < 0 ? 0 : sizes[best])) {
                best = component[j];
            }
        }
        boolean[] part = new boolean[n];
        for (int j = 0; j < n; j++) {
            part[j] = best >= 0 && component[j] == best;
        }
        return part;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return n;
    }

    private static boolean nearCrowd(float[] box, List<float[]> crowds, double margin) {
        for (float[] crowd : crowds) {
            if (box[0] < crowd[0] + crowd[2] + margin && crowd[0] < box[0] + box[2] + margin
                    && box[1] < crowd[1] + crowd[3] + margin && crowd[1] < box[1] + box[3] + margin) {
                return true;
            }
        }
        return false;
    }

}
