package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The decoder's thresholds, force-complete and NMS on ground-truth fields of synthetic people. */
class CifCafDecoderTest {

    private static final List<HeadMeta> HEADS = CocoHeads.keypoints(16, 1, false);

    @TempDir
    static Path dir;

    private static List<SyntheticFields.Image> images;

    @BeforeAll
    static void generate() {
        images = SyntheticFields.evalSamples(dir, 10, 3).stream().map(s -> SyntheticFields.encode(s, HEADS)).toList();
    }

    @Command(name = "eval")
    static final class Eval {
        @Mixin
        DecoderOptions decoder = new DecoderOptions();
    }

    private static Decoder decoder(String... args) {
        Eval eval = new Eval();
        new CommandLine(eval).parseArgs(args);
        return Decoders.create(eval.decoder.toConfig(), HEADS);
    }

    private static List<Pose> allPoses(Decoder decoder) {
        List<Pose> poses = new ArrayList<>();
        for (SyntheticFields.Image image : images) {
            poses.addAll(decoder.decode(image.fields()).poses());
        }
        return poses;
    }

    @Test
    void theInstanceThresholdDropsPosesWithALowMeanScore() {
        List<Pose> all = allPoses(decoder());
        long strong = all.stream().filter(p -> meanV(p) >= 0.9).count();
        assertTrue(strong > 5 && strong < all.size(), strong + " of " + all.size() + " poses are strong: no contrast");

        List<Pose> kept = allPoses(decoder("--instance-threshold", "0.9"));
        assertEquals(strong, kept.size());
        kept.forEach(p -> assertTrue(meanV(p) >= 0.9, p.toString()));
    }

    @Test
    void theKeypointThresholdZeroesWeakJoints() {
        for (Pose pose : allPoses(decoder("--keypoint-threshold", "0.9", "--instance-threshold", "0"))) {
            for (int j = 0; j < pose.size(); j++) {
                assertTrue(pose.v(j) == 0 || pose.v(j) > 0.9, pose + " joint " + j + " v " + pose.v(j));
            }
        }
    }

    @Test
    void forceCompletePoseGivesEveryPoseEveryKeypointAndKeepsTheFoundOnes() {
        List<Pose> normal = allPoses(decoder());
        List<Pose> complete = allPoses(decoder("--force-complete-pose"));

        assertTrue(complete.size() >= normal.size());
        assertTrue(normal.stream().anyMatch(p -> p.presentKeypoints() < 17), "some people are partial");
        for (Pose pose : complete) {
            assertEquals(17, pose.presentKeypoints(), pose.toString());
        }
        for (Pose pose : normal) {
            assertTrue(complete.stream().anyMatch(c -> sameFoundKeypoints(pose, c)), "lost " + pose);
        }
    }

    @Test
    void aDuplicatedPersonDecodesToOnePose() {
        SyntheticFields.Image image = images.stream()
                .filter(i -> i.people().stream().anyMatch(p -> visible(p) == 17)).findFirst().orElseThrow();
        Sample sample = image.sample();
        Annotation person = sample.annotations().stream()
                .filter(a -> !a.crowd() && a.labelledKeypoints() == 17).findFirst().orElseThrow();
        float[] shifted = person.keypoints().clone();
        for (int j = 0; j < shifted.length; j += 3) {
            shifted[j] += 1.5f;
            shifted[j + 1] -= 1.0f;
        }
        List<Annotation> annotations = new ArrayList<>(sample.annotations());
        annotations.add(person.withGeometry(shifted, person.bbox()));
        SyntheticFields.Image doubled = SyntheticFields.encode(sample.withAnnotations(annotations), HEADS);

        Decoder decoder = decoder();
        List<Pose> before = decoder.decode(image.fields()).poses();
        List<Pose> after = decoder.decode(doubled.fields()).poses();

        assertEquals(before.size(), after.size());
        long onPerson = after.stream().filter(p -> Math.abs(p.x(0) - person.x(0)) < 3 && Math.abs(p.y(0) - person.y(0)) < 3)
                .count();
        assertEquals(1, onPerson);
    }

    @Test
    void nmsSuppressesTheJointsOfADuplicateAndDropsIt() {
        double[] better = pose(100, 100, 0.9);
        double[] duplicate = pose(101, 100.5, 0.8);
        double[] other = pose(300, 100, 0.7);
        Occupancy occupancy = new Occupancy();
        occupancy.reset(17, 481, 641);

        List<double[]> kept = PoseNms.apply(occupancy, List.of(duplicate, other, better), 0.15, 0.15);
        assertEquals(List.of(better, other), kept, "best first, the duplicate dropped");
        assertEquals(0.0, duplicate[0], "suppressed below the keypoint threshold");

        // with force-complete's zero keypoint threshold the suppressed joints stay, tiny
        duplicate = pose(101, 100.5, 0.8);
        kept = PoseNms.apply(occupancy, List.of(duplicate, better), 0.0, 0.15);
        assertEquals(List.of(better), kept);
        assertEquals(0.8 * PoseNms.SUPPRESSION, duplicate[0], 1e-12);
    }

    @Test
    void rawNetworkOutputsDecodeAsTheTargetsTheyEncode() {
        SyntheticFields.Image image = images.getFirst();
        List<Pose> expected = decoder().decode(image.fields()).poses();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList outputs = new NDList();
            for (FieldTargets targets : image.targets()) {
                HeadFields fields = HeadFields.fromTargets(targets);
                outputs.add(manager.create(logits(fields), new Shape(1, fields.meta().nFields(),
                        fields.meta().predictionChannels(), fields.height(), fields.width())));
            }
            List<Predictions> predictions = decoder().decodeBatch(outputs);

            assertEquals(1, predictions.size());
            List<Pose> poses = predictions.getFirst().poses();
            assertEquals(expected.size(), poses.size());
            for (int p = 0; p < poses.size(); p++) {
                for (int j = 0; j < 17; j++) {
                    assertEquals(expected.get(p).x(j), poses.get(p).x(j), 1e-3);
                    assertEquals(expected.get(p).v(j), poses.get(p).v(j), 1e-4);
                }
            }
        }
    }

    /** The pre-activation values whose eval activations give {@code fields}. */
    private static float[] logits(HeadFields fields) {
        float[] out = fields.data().clone();
        HeadMeta meta = fields.meta();
        int cells = fields.height() * fields.width();
        for (int f = 0; f < meta.nFields(); f++) {
            for (int i = 0; i < cells; i++) {
                int c = fields.plane(f, 1) + i;
                out[c] = out[c] > 0.5f ? 30.0f : -30.0f;
                for (int v = 0; v < meta.nVectors(); v++) {
                    out[fields.plane(f, fields.vectorChannel(v)) + i] -= i % fields.width();
                    out[fields.plane(f, fields.vectorChannel(v) + 1) + i] -= i / fields.width();
                }
                for (int s = 0; s < meta.nScales(); s++) {
                    int at = fields.plane(f, fields.scaleChannel(s)) + i;
                    out[at] = out[at] > 0 ? (float) Math.log(Math.expm1(out[at])) : -30.0f;
                }
            }
        }
        return out;
    }

    private static double[] pose(double x, double y, double v) {
        double[] pose = new double[4 * 17];
        for (int j = 0; j < 17; j++) {
            pose[4 * j] = v;
            pose[4 * j + 1] = x + 3 * j;
            pose[4 * j + 2] = y + 10 * j;
            pose[4 * j + 3] = 5;
        }
        return pose;
    }

    private static boolean sameFoundKeypoints(Pose found, Pose completed) {
        for (int j = 0; j < found.size(); j++) {
            if (found.v(j) > 0 && Math.hypot(found.x(j) - completed.x(j), found.y(j) - completed.y(j)) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private static double meanV(Pose pose) {
        double sum = 0;
        for (int j = 0; j < pose.size(); j++) {
            sum += pose.v(j);
        }
        return sum / pose.size();
    }

    private static int visible(float[] person) {
        int n = 0;
        for (int j = 2; j < person.length; j += 3) {
            n += person[j] > 0 ? 1 : 0;
        }
        return n;
    }
}
