package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.encoder.CifDetEncoder;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.transform.Compose;
import dev.trainyard.trainer.transform.EvalTransforms;
import dev.trainyard.trainer.transform.HFlip;
import dev.trainyard.trainer.transform.SampleRandom;
import dev.trainyard.trainer.transform.Transform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoded ground truth mapped back through the preprocessing lands on the labels of the original image. */
class ToOriginalTest {

    private static final int[] HFLIP = CocoConstants.hflipPermutation(CocoConstants.KEYPOINTS, CocoConstants.HFLIP);

    @TempDir
    static Path dir;

    private static CocoDataset dataset;

    @BeforeAll
    static void generate() {
        SyntheticFields.evalSamples(dir, 6, 4);
        dataset = CocoDataset.open(dir.resolve(SyntheticPeople.VAL_ANNOTATIONS),
                dir.resolve(SyntheticPeople.VAL_IMAGE_DIR), CocoFilter.none());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rescaled and padded", "turned by image id", "flipped"})
    void posesAndBoxesMapBackToTheLabels(String preprocessing) {
        Transform eval = EvalTransforms.coco(641, 1, false, preprocessing.startsWith("turned"));
        Transform transform = preprocessing.equals("flipped") ? Compose.of(HFlip.coco(), eval) : eval;
        List<HeadMeta> keypoints = CocoHeads.keypoints(16, 1, false);
        CifDetMeta det = (CifDetMeta) CocoHeads.detection(16, 1).getFirst();
        Decoder poses = Decoders.create(DecoderConfig.defaults(), keypoints);
        Decoder boxes = Decoders.create(DecoderConfig.defaults(), List.of(det));
        int keypointsChecked = 0;
        int boxesChecked = 0;
        boolean turned = false;
        for (int i = 0; i < dataset.size(); i++) {
            Sample original = dataset.load(i);
            Sample sample = transform.apply(original, SampleRandom.of(4, 0, i));
            turned |= sample.meta().rotationAngle() != 0;
            List<Annotation> labels = original.annotations().stream().filter(a -> !a.crowd()).toList();

            Predictions found = poses.decode(SyntheticFields.encode(sample, keypoints).fields())
                    .toOriginal(sample.meta(), HFLIP);
            for (Pose pose : found.poses()) {
                for (int j = 0; j < pose.size(); j++) {
                    if (pose.v(j) > 0) {
                        double nearest = Double.POSITIVE_INFINITY;
                        for (Annotation label : labels) {
                            if (label.v(j) > 0) {
                                nearest = Math.min(nearest, Math.hypot(label.x(j) - pose.x(j), label.y(j) - pose.y(j)));
                            }
                        }
                        assertTrue(nearest < 0.01, preprocessing + ": keypoint " + j + " is " + nearest + " px off");
                        keypointsChecked++;
                    }
                }
            }

            List<Detection> detections = boxes.decode(Fields.ofTargets(List.of(
                    new CifDetEncoder(det, CifDetEncoder.DEFAULT_BMIN).encode(sample)))).toOriginal(sample.meta(), null)
                    .detections();
            for (Detection d : detections) {
                double nearest = labels.stream().mapToDouble(a -> Math.abs(a.bbox()[0] - d.x()) + Math.abs(a.bbox()[1] - d.y())
                        + Math.abs(a.bbox()[2] - d.width()) + Math.abs(a.bbox()[3] - d.height())).min().orElseThrow();
                assertTrue(nearest < 0.05, preprocessing + ": box " + d + " is " + nearest + " px off");
                boxesChecked++;
            }
        }
        assertEquals(preprocessing.startsWith("turned"), turned);
        assertTrue(keypointsChecked > 100, "only " + keypointsChecked + " keypoints checked");
        assertTrue(boxesChecked > 8, "only " + boxesChecked + " boxes checked");
    }
}
