package dev.trainyard.trainer.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The metric's reader keeps every annotation, crowds included, in doubles and file order. */
class CocoGroundTruthTest {

    @TempDir
    Path dir;

    private Path write(String annotations) throws IOException {
        return Files.writeString(dir.resolve("gt.json"), "{\"images\": [{\"id\": 1}, {\"id\": 2}],\n\"annotations\": ["
                + annotations + "],\n\"categories\": [{\"id\": 1, \"name\": \"person\"}]}");
    }

    private static void assertBadInput(Executable action, String... fragments) {
        BadInputException e = assertThrows(BadInputException.class, action);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
        }
    }

    @Test
    void readsTheFixtureWithCrowdsAndSkipsSegmentations() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("person_keypoints_metric.json").toURI());

        CocoGroundTruth gt = CocoGroundTruth.read(file);

        assertEquals(Set.of(1L, 2L, 3L, 4L), gt.imageIds());
        assertEquals(List.of(1), gt.categoryIds());
        List<GroundTruthObject> image1 = gt.objects(1);
        assertEquals(List.of(11L, 12L), image1.stream().map(GroundTruthObject::id).toList());
        assertFalse(image1.get(0).crowd());
        assertTrue(image1.get(1).crowd());
        assertEquals(0, image1.get(1).numKeypoints());
        assertEquals(25000.0, image1.get(1).area());
        assertArrayEquals(new double[] {300, 200, 200, 150}, image1.get(1).bbox());
        assertEquals(List.of(), gt.objects(3));
    }

    @Test
    void missingOptionalFieldsTakeTheirCocoMeaning() throws IOException {
        Path file = write("{\"id\": 5, \"image_id\": 2, \"category_id\": 1, \"bbox\": [0.1, 0.2, 10.5, 4],"
                + " \"keypoints\": [1, 2, 2, 3, 4, 0, 5, 6, 1]}");

        GroundTruthObject object = CocoGroundTruth.read(file).objects(2).getFirst();

        assertEquals(42.0, object.area(), "the box area, as OpenPifPaf patches pycocotools");
        assertEquals(2, object.numKeypoints(), "keypoints with v > 0");
        assertFalse(object.crowd());
        assertEquals(0.1, object.bbox()[0], "read as a double, not a float");
    }

    @Test
    void badFilesNameTheAnnotation() throws IOException {
        String valid = "{\"id\": 5, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 4]}";
        assertBadInput(() -> CocoGroundTruth.read(write(valid + ", " + valid)), "gt.json", "duplicate annotation id 5");
        assertBadInput(() -> CocoGroundTruth.read(write(valid.replace("\"image_id\": 1", "\"image_id\": 9"))),
                "annotation 5", "unknown image id 9");
        assertBadInput(() -> CocoGroundTruth.read(write(valid.replace("[0, 0, 10, 4]", "[0, NaN, 10, 4]"))),
                "annotation 5", "'bbox'", "NaN");
        assertBadInput(() -> CocoGroundTruth.read(write(valid.replace("[0, 0, 10, 4]", "[0, 10, 4]"))), "4 numbers");
        assertBadInput(() -> CocoGroundTruth.read(write(valid.replace(", \"bbox\": [0, 0, 10, 4]", ""))),
                "missing required field 'bbox'");
        assertBadInput(() -> CocoGroundTruth.read(dir.resolve("absent.json")), "annotation file not found", "absent.json");
    }

    @Test
    void keypointsThatDoNotMatchTheSigmasAreAnErrorNamingTheAnnotation() throws IOException {
        Path file = write("{\"id\": 5, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 4],"
                + " \"keypoints\": [1, 2, 2, 3, 4, 2]}");
        CocoGroundTruth gt = CocoGroundTruth.read(file);
        CocoResult result = new CocoResult(1, 1, MetricFixtures.pose(0, 0), new double[0], 0.5);

        assertBadInput(() -> CocoEvaluator.of(IouType.KEYPOINTS).evaluate(gt, List.of(result)),
                "gt.json", "annotation 5", "6 keypoint values, expected 51");
    }
}
