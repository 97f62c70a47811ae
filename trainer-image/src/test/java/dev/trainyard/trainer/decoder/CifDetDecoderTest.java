package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.encoder.CifDetEncoder;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifDetDecoderTest {

    @TempDir
    Path dir;

    @Test
    void groundTruthFieldsGiveBackEveryBox() {
        List<HeadMeta> heads = CocoHeads.detection(16, 1);
        CifDetEncoder encoder = new CifDetEncoder((CifDetMeta) heads.getFirst(), CifDetEncoder.DEFAULT_BMIN);
        Decoder decoder = Decoders.create(DecoderConfig.defaults(), heads);
        assertEquals("cifdet:0 (cocodet.cifdet)", decoder.describe());
        int checked = 0;
        for (Sample sample : SyntheticFields.evalSamples(dir, 12, 5)) {
            FieldTargets targets = encoder.encode(sample);
            List<Detection> detections = decoder.decode(Fields.ofTargets(List.of(targets))).detections();
            List<float[]> crowds = sample.annotations().stream().filter(Annotation::crowd).map(Annotation::bbox).toList();
            List<Annotation> people = sample.annotations().stream().filter(a -> !a.crowd()).toList();
            for (Annotation person : people) {
                if (overlapsAny(person.bbox(), crowds)) {
                    continue;
                }
                checked++;
                float[] box = person.bbox();
                assertTrue(detections.stream().anyMatch(d -> d.categoryId() == CocoConstants.PERSON_CATEGORY_ID
                                && Math.abs(d.x() - box[0]) < 0.01 && Math.abs(d.y() - box[1]) < 0.01
                                && Math.abs(d.width() - box[2]) < 0.01 && Math.abs(d.height() - box[3]) < 0.01),
                        sample.meta().fileName() + ": box " + Arrays.toString(box) + " not in " + detections);
            }
            assertTrue(detections.size() <= people.size(), "more boxes than people: " + detections);
        }
        assertTrue(checked >= 20, "only " + checked + " boxes checked");
    }

    @Test
    void nmsSuppressesOverlappingBoxesOfTheSameCategoryOnly() {
        int[] categories = {1, 1, 2, 1};
        double[] scores = {0.9, 0.8, 0.7, 0.6};
        double[] boxes = {
            0, 0, 10, 10,
            1, 0, 11, 10,  // IoU 9/11 with the first: suppressed
            1, 0, 11, 10,  // other category: kept
            5, 0, 15, 10,  // IoU 5/15 with the first: kept
        };
        CifDetDecoder.suppress(4, categories, scores, boxes);
        assertEquals(0.9, scores[0]);
        assertEquals(0.08, scores[1], 1e-12);
        assertEquals(0.7, scores[2]);
        assertEquals(0.6, scores[3]);
    }

    private static boolean overlapsAny(float[] box, List<float[]> others) {
        for (float[] o : others) {
            if (box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3]) {
                return true;
            }
        }
        return false;
    }
}
