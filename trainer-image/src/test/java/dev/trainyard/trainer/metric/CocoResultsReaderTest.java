package dev.trainyard.trainer.metric;

import static dev.trainyard.trainer.metric.MetricFixtures.person;
import static dev.trainyard.trainer.metric.MetricFixtures.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results file that does not fit is one line naming the file and the entry. */
class CocoResultsReaderTest {

    private static final CocoGroundTruth TRUTH = truth(List.of(1L, 2L), person(1, 1, 0, 0, 20000));
    private static final EvalParams KEYPOINTS = EvalParams.defaults(IouType.KEYPOINTS);
    private static final EvalParams BBOX = EvalParams.defaults(IouType.BBOX);

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("results.json"), json);
    }

    private static String keypoints(int values) {
        return "[" + String.join(", ", Collections.nCopies(values, "1.5")) + "]";
    }

    private static String entry(long imageId, String keypoints, String score) {
        return "{\"image_id\": " + imageId + ", \"category_id\": 1, \"keypoints\": " + keypoints + ", \"score\": " + score + "}";
    }

    private static BadInputException assertBadInput(Path file, EvalParams params, String... fragments) {
        BadInputException e = assertThrows(BadInputException.class, () -> CocoResultsReader.read(file, TRUTH, params));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' in: " + message);
        }
        return e;
    }

    @Test
    void readsKeypointAndBoxResults() throws IOException {
        Path file = write("[" + entry(2, keypoints(51), "0.5") + ",\n"
                + "{\"image_id\": 1, \"category_id\": 1, \"keypoints\": " + keypoints(51) + ", \"score\": 1, \"id_\": 7}]");

        List<CocoResult> results = CocoResultsReader.read(file, TRUTH, KEYPOINTS);

        assertEquals(2, results.size());
        assertEquals(2, results.getFirst().imageId());
        assertEquals(0.5, results.getFirst().score());
        assertEquals(1.5, results.get(1).keypoints()[50]);
        assertEquals(List.of(), CocoResultsReader.read(write("[]"), TRUTH, KEYPOINTS));

        Path boxes = write("[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [1.25, 2, 3, 4], \"score\": 0.75}]");
        assertArrayEquals(new double[] {1.25, 2, 3, 4}, CocoResultsReader.read(boxes, TRUTH, BBOX).getFirst().bbox());
    }

    @Test
    void unknownImageIdNamesTheFirstOne() throws IOException {
        Path file = write("[" + entry(1, keypoints(51), "0.5") + ", " + entry(99, keypoints(51), "0.5") + ", "
                + entry(98, keypoints(51), "0.5") + "]");

        BadInputException e = assertBadInput(file, KEYPOINTS, "image id 99", "results[1]", "person_keypoints_test.json");
        // Only the first unknown id is named (the temporary path may contain any digits).
        assertFalse(e.getMessage().contains("image id 98") || e.getMessage().contains("results[2]"), e.getMessage());
    }

    @Test
    void nonFiniteNumbersNameTheEntry() throws IOException {
        // Python's json.dump writes NaN and Infinity for such values.
        assertBadInput(write("[" + entry(1, keypoints(51), "0.5") + ", " + entry(1, keypoints(51), "NaN") + "]"),
                KEYPOINTS, "results[1]", "'score'", "NaN");
        assertBadInput(write("[" + entry(1, keypoints(51).replaceFirst("1.5", "Infinity"), "0.5") + "]"),
                KEYPOINTS, "results[0]", "'keypoints'", "infinity");
        assertBadInput(write("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, -Infinity, 3, 4], \"score\": 0.5}]"),
                BBOX, "results[0]", "'bbox'");
    }

    @Test
    void wrongKeypointCountNamesTheEntry() throws IOException {
        assertBadInput(write("[" + entry(1, keypoints(51), "0.5") + ", " + entry(1, keypoints(50), "0.5") + "]"),
                KEYPOINTS, "results[1]", "50 values, expected 51");
        assertBadInput(write("[" + entry(1, keypoints(54), "0.5") + "]"), KEYPOINTS, "results[0]", "54 values");
    }

    @Test
    void structureProblems() throws IOException {
        assertBadInput(write("{\"annotations\": []}"), KEYPOINTS, "expected a JSON array");
        assertBadInput(write("[" + entry(1, keypoints(51), "0.5")), KEYPOINTS, "malformed JSON");
        assertBadInput(write("[{\"image_id\": 1, \"category_id\": 1, \"keypoints\": " + keypoints(51) + "}]"),
                KEYPOINTS, "results[0]", "missing required field 'score'");
        assertBadInput(write("[{\"image_id\": \"1\", \"category_id\": 1, \"score\": 1}]"), KEYPOINTS, "'image_id'", "integer");
        assertBadInput(write("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3], \"score\": 1}]"), BBOX, "4 numbers");
        assertBadInput(write("[3]"), KEYPOINTS, "results[0] must be an object");
        BadInputException missing = assertThrows(BadInputException.class,
                () -> CocoResultsReader.read(dir.resolve("absent.json"), TRUTH, KEYPOINTS));
        assertTrue(missing.getMessage().contains("absent.json"));
    }

    @Test
    void everyEntryNeedsTheFieldTheFirstTakesAreasFrom() throws IOException {
        String withBox = "{\"image_id\": 1, \"category_id\": 1, \"keypoints\": " + keypoints(51)
                + ", \"bbox\": [0, 0, 10, 10], \"score\": 0.5}";

        assertBadInput(write("[" + withBox + ", " + entry(1, keypoints(51), "0.4") + "]"), KEYPOINTS, "results[1]", "'bbox'");
        assertBadInput(write("[{\"image_id\": 1, \"category_id\": 1, \"keypoints\": [1, 2, 2], \"score\": 1},"
                + " {\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1}]"), BBOX,
                "results[1]", "'keypoints'");
        // A first entry without a box decides for keypoint extents; later boxes are fine.
        assertEquals(2, CocoResultsReader.read(write("[" + entry(1, keypoints(51), "0.4") + ", " + withBox + "]"),
                TRUTH, KEYPOINTS).size());
    }
}
