package dev.trainyard.trainer.metric;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a COCO results file, a JSON list of {@code {image_id, category_id, keypoints | bbox,
 * score}}, and checks it against the ground truth and the evaluation: every problem is one line
 * naming the file, position and entry index.
 */
public final class CocoResultsReader {

    private final Path path;
    private final CocoGroundTruth truth;
    private final EvalParams params;
    private JsonParser parser;
    private JsonValues values;

    private CocoResultsReader(Path path, CocoGroundTruth truth, EvalParams params) {
        this.path = path;
        this.truth = truth;
        this.params = params;
    }

    /**
     * Reads and checks a results file: image ids must be in the ground truth, numbers finite,
     * keypoint results must have 3 values per sigma, and every entry must carry the field
     * ({@code bbox}, else {@code keypoints}) from which pycocotools' {@code loadRes} takes the
     * areas, decided by the first entry.
     *
     * @throws BadInputException naming the file, and the entry index or the first unknown image id
     */
    public static List<CocoResult> read(Path path, CocoGroundTruth truth, EvalParams params) {
        return new CocoResultsReader(path, truth, params).read();
    }

    private List<CocoResult> read() {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("results file not found: " + path);
        }
        List<CocoResult> results = new ArrayList<>();
        try (JsonParser p = JsonValues.JSON.createParser(path.toFile())) {
            parser = p;
            values = new JsonValues(path, p);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw values.error("expected a JSON array of results at the top level");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int index = results.size();
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw values.error("results[" + index + "] must be an object");
                }
                results.add(readEntry(index, results.isEmpty() ? null : results.getFirst()));
            }
            if (parser.nextToken() != null) {
                throw values.error("unexpected content after the results array");
            }
        } catch (StreamReadException e) {
            throw new BadInputException(path + ": malformed JSON at " + JsonValues.position(e.getLocation()) + ": "
                    + JsonValues.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read results file " + path + ": " + JsonValues.oneLine(e.getMessage()), e);
        }
        for (int i = 0; i < results.size(); i++) {
            long imageId = results.get(i).imageId();
            if (!truth.containsImage(imageId)) {
                throw new BadInputException(path + ": results[" + i + "] is for image id " + imageId
                        + ", which is not in the ground truth " + truth.name() + " (first unknown image id)");
            }
        }
        return results;
    }

    private CocoResult readEntry(int index, CocoResult first) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "results[" + index + "]";
        Long imageId = null;
        Long categoryId = null;
        Double score = null;
        double[] keypoints = new double[0];
        double[] bbox = new double[0];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "image_id" -> imageId = values.integer(what, field);
                case "category_id" -> categoryId = values.integer(what, field);
                case "score" -> score = values.number(what, field);
                case "keypoints" -> keypoints = values.numbers(what, field);
                case "bbox" -> bbox = values.numbers(what, field);
                default -> parser.skipChildren();
            }
        }
        require(imageId, start, what, "image_id");
        require(categoryId, start, what, "category_id");
        require(score, start, what, "score");
        if (!Double.isFinite(score)) {
            throw values.error(start, what + ": field 'score' is " + score + ", expected a finite number");
        }
        if (!JsonValues.allFinite(keypoints)) {
            throw values.error(start, what + ": field 'keypoints' contains NaN or infinity");
        }
        if (!JsonValues.allFinite(bbox)) {
            throw values.error(start, what + ": field 'bbox' contains NaN or infinity");
        }
        if (bbox.length != 0 && bbox.length != 4) {
            throw values.error(start, what + ": field 'bbox' must be 4 numbers [x, y, width, height], got " + bbox.length);
        }
        int expected = 3 * params.keypointCount();
        if (params.iouType() == IouType.KEYPOINTS && keypoints.length != expected) {
            throw values.error(start, what + ": field 'keypoints' has " + keypoints.length + " values, expected "
                    + expected + " (3 x " + params.keypointCount() + " keypoints)");
        }
        if (keypoints.length % 3 != 0) {
            throw values.error(start, what + ": field 'keypoints' has " + keypoints.length
                    + " values, expected [x, y, v] triples");
        }
        if (keypoints.length == 0 && bbox.length == 0) {
            throw values.error(start, what + ": needs 'bbox' or 'keypoints'");
        }
        if (first != null && first.hasBbox() && bbox.length == 0) {
            throw values.error(start, what + ": missing 'bbox', which results[0] has (pycocotools then takes every"
                    + " result's area from its bbox)");
        }
        if (first != null && !first.hasBbox() && keypoints.length == 0) {
            throw values.error(start, what + ": missing 'keypoints', which results[0] has (pycocotools then takes every"
                    + " result's area from its keypoints)");
        }
        return new CocoResult(imageId, Math.toIntExact(categoryId), keypoints, bbox, score);
    }

    private void require(Object value, JsonLocation start, String what, String field) {
        if (value == null) {
            throw values.error(start, what + ": missing required field '" + field + "'");
        }
    }
}
