package dev.trainyard.trainer.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake in a COCO dataset becomes one line naming the file and the field. */
class CocoBadInputTest {

    private static final String PERSON_KEYPOINTS = String.join(", ", Collections.nCopies(51, "0"))
            .replaceFirst("0, 0, 0", "10, 12, 2");
    private static final String CATEGORIES = """
            "categories": [{"id": 1, "name": "person", "supercategory": "person",
              "keypoints": ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder",
                "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
                "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"]}]""";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("person_keypoints_bad.json"), json);
    }

    /** A valid file with one image and one person annotation, with the parts a test breaks replaceable. */
    private Path file(String image, String annotation) throws IOException {
        return write("{\n\"images\": [" + image + "],\n\"annotations\": [" + annotation + "],\n" + CATEGORIES + "\n}\n");
    }

    private static String image() {
        return """
                {"id": 1, "file_name": "a.jpg", "width": 64, "height": 48}""";
    }

    private static String annotation(String keypoints, String bbox, long imageId) {
        return """
                {"id": 7, "image_id": %d, "category_id": 1, "iscrowd": 0, "area": 10.0,
                 "segmentation": [[1, 2, 3, 4, 5, 6]], "bbox": %s, "keypoints": [%s]}"""
                .formatted(imageId, bbox, keypoints);
    }

    private static String person() {
        return annotation(PERSON_KEYPOINTS, "[1, 2, 30, 40]", 1);
    }

    private static BadInputException assertBadInput(Executable action, String... fragments) {
        BadInputException e = assertThrows(BadInputException.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' in: " + message);
        }
        return e;
    }

    @Test
    void validFileReads() throws IOException {
        Path json = file(image(), person());

        assertTrue(CocoAnnotationFile.read(json).annotations(1).getFirst().hasLabelledKeypoint());
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() throws IOException {
        Path json = write("{\n\"images\": [\n  {\"id\": 1 \"file_name\": \"a.jpg\"}\n]}\n");

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "malformed JSON", "line 3, column 12");
    }

    @Test
    void truncatedFileIsMalformed() throws IOException {
        String full = Files.readString(file(image(), person()));
        Path json = write(full.substring(0, full.length() / 2));

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "malformed JSON", "end-of-input");
    }

    @Test
    void missingAnnotationFileIsNamed() {
        Path json = dir.resolve("nope.json");

        assertBadInput(() -> CocoAnnotationFile.read(json), "annotation file not found", json.toString());
    }

    @Test
    void missingImagesListIsNamed() throws IOException {
        Path json = write("{\"annotations\": []}");

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "'images'");
    }

    @Test
    void imageWithoutFileNameIsNamed() throws IOException {
        Path json = file("{\"id\": 1, \"width\": 64, \"height\": 48}", person());

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "image 1", "missing required field 'file_name'");
    }

    @Test
    void annotationWithoutImageIdIsNamed() throws IOException {
        Path json = file(image(), person().replace("\"image_id\": 1,", ""));

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "annotation 7",
                "missing required field 'image_id'", "line 3");
    }

    @Test
    void annotationWithoutBboxIsNamed() throws IOException {
        Path json = file(image(), person().replace("\"bbox\": [1, 2, 30, 40],", ""));

        assertBadInput(() -> CocoAnnotationFile.read(json), "annotation 7", "missing required field 'bbox'");
    }

    @Test
    void wronglyTypedFieldIsNamed() throws IOException {
        Path json = file("{\"id\": \"one\", \"file_name\": \"a.jpg\", \"width\": 64, \"height\": 48}", person());

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "images[0]", "'id' must be an integer");
    }

    @Test
    void personKeypointsOfWrongLengthNameTheAnnotation() throws IOException {
        Path json = file(image(), annotation(PERSON_KEYPOINTS + ", 5, 5, 2", "[1, 2, 30, 40]", 1));

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "annotation 7", "'keypoints'",
                "54 values", "expected 51");
    }

    @Test
    void emptyKeypointsOfAPersonAreAccepted() throws IOException {
        Path json = file(image(), annotation("", "[1, 2, 30, 40]", 1));

        assertTrue(CocoAnnotationFile.read(json).annotations(1).getFirst().keypointCount() == 0);
    }

    @Test
    void bboxWithThreeNumbersIsNamed() throws IOException {
        Path json = file(image(), annotation(PERSON_KEYPOINTS, "[1, 2, 30]", 1));

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "annotation 7", "'bbox' must be 4 numbers",
                "got 3");
    }

    @Test
    void bboxWithANonNumberIsNamed() throws IOException {
        Path json = file(image(), annotation(PERSON_KEYPOINTS, "[1, 2, \"30\", 40]", 1));

        assertBadInput(() -> CocoAnnotationFile.read(json), "annotation 7", "'bbox' must contain only numbers");
    }

    @Test
    void annotationOfUnknownImageIsNamed() throws IOException {
        Path json = file(image(), annotation(PERSON_KEYPOINTS, "[1, 2, 30, 40]", 99));

        assertBadInput(() -> CocoAnnotationFile.read(json), json.toString(), "annotation 7", "'image_id'",
                "unknown image id 99");
    }

    @Test
    void missingImageFileIsNamedWhenLoading() throws IOException {
        Path json = file(image(), person());
        CocoDataset dataset = CocoDataset.open(json, dir, CocoFilter.training());

        assertBadInput(() -> dataset.load(0), "image file not found", dir.resolve("a.jpg").toString());
    }

    @Test
    void undecodableImageFileIsNamedWhenLoading() throws IOException {
        Path json = file(image(), person());
        Files.writeString(dir.resolve("a.jpg"), "this is not a JPEG");
        CocoDataset dataset = CocoDataset.open(json, dir, CocoFilter.training());

        assertBadInput(() -> dataset.load(0), dir.resolve("a.jpg").toString());
    }

    @Test
    void missingImageDirectoryIsNamed() throws IOException {
        Path json = file(image(), person());
        Path images = dir.resolve("no-images");

        assertBadInput(() -> CocoDataset.open(json, images, CocoFilter.training()), "image directory not found",
                images.toString());
    }

    @Test
    void emptyDatasetAfterFilteringNamesFileAndFilter() throws IOException {
        Path json = file(image(), annotation(String.join(", ", Collections.nCopies(51, "0")), "[1, 2, 30, 40]", 1));

        assertBadInput(() -> CocoDataset.open(json, dir, CocoFilter.training()), "no images left", json.toString(),
                "categories [1], annotation filter on, min_kp_anns 1", "1 images");
    }
}
