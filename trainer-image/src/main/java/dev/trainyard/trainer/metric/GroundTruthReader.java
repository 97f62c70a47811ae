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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams a COCO annotation file for the metric: image ids, category ids and every annotation
 * with the fields the evaluation reads, in doubles.
 */
final class GroundTruthReader {

    private final Path path;
    private final List<Long> imageIds = new ArrayList<>();
    private final Set<Integer> categoryIds = new LinkedHashSet<>();
    private final List<GroundTruthObject> objects = new ArrayList<>();
    private final List<JsonLocation> objectLocations = new ArrayList<>();
    private JsonParser parser;
    private JsonValues values;

    @FunctionalInterface
    private interface ElementReader {
        void read(int index) throws IOException;
    }

    GroundTruthReader(Path path) {
        this.path = path;
    }

    void read() {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("annotation file not found: " + path);
        }
        try (JsonParser p = JsonValues.JSON.createParser(path.toFile())) {
            parser = p;
            values = new JsonValues(path, p);
            readDocument();
        } catch (StreamReadException e) {
            throw new BadInputException(path + ": malformed JSON at " + JsonValues.position(e.getLocation()) + ": "
                    + JsonValues.oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read annotation file " + path + ": " + JsonValues.oneLine(e.getMessage()), e);
        }
        checkReferences();
    }

    List<Long> imageIds() {
        return imageIds;
    }

    List<Integer> categoryIds() {
        return List.copyOf(categoryIds);
    }

    List<GroundTruthObject> objects() {
        return objects;
    }

    private void readDocument() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw values.error("expected a JSON object at the top level");
        }
        boolean sawImages = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "images" -> {
                    sawImages = true;
                    readArray(field, this::readImage);
                }
                case "annotations" -> readArray(field, this::readAnnotation);
                case "categories" -> readArray(field, this::readCategory);
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw values.error("unexpected content after the top-level object");
        }
        if (!sawImages) {
            throw new BadInputException(path + ": missing required top-level field 'images'");
        }
    }

    private void readArray(String name, ElementReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw values.error("top-level field '" + name + "' must be an array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw values.error(name + "[" + index + "] must be an object");
            }
            reader.read(index++);
        }
    }

    private void readImage(int index) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "images[" + index + "]";
        Long id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("id")) {
                id = values.integer(what, field);
            } else {
                parser.skipChildren();
            }
        }
        if (id == null) {
            throw values.error(start, what + ": missing required field 'id'");
        }
        imageIds.add(id);
    }

    private void readCategory(int index) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "categories[" + index + "]";
        Long id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("id")) {
                id = values.integer(what, field);
            } else {
                parser.skipChildren();
            }
        }
        if (id == null) {
            throw values.error(start, what + ": missing required field 'id'");
        }
        categoryIds.add(Math.toIntExact(id));
    }

    private void readAnnotation(int index) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "annotations[" + index + "]";
        Long id = null;
        Long imageId = null;
        Long categoryId = null;
        double[] keypoints = new double[0];
        double[] bbox = null;
        Double area = null;
        Long numKeypoints = null;
        boolean crowd = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> {
                    id = values.integer(what, field);
                    what = "annotation " + id;
                }
                case "image_id" -> imageId = values.integer(what, field);
                case "category_id" -> categoryId = values.integer(what, field);
                case "keypoints" -> keypoints = finite(values.numbers(what, field), what, field);
                case "bbox" -> bbox = finite(values.numbers(what, field), what, field);
                case "area" -> area = finite(new double[] {values.number(what, field)}, what, field)[0];
                case "num_keypoints" -> numKeypoints = values.integer(what, field);
                case "iscrowd" -> crowd = values.flag(what, field);
                default -> parser.skipChildren();
            }
        }
        require(id, start, what, "id");
        require(imageId, start, what, "image_id");
        require(categoryId, start, what, "category_id");
        require(bbox, start, what, "bbox");
        if (bbox.length != 4) {
            throw values.error(start, what + ": field 'bbox' must be 4 numbers [x, y, width, height], got " + bbox.length);
        }
        if (keypoints.length % 3 != 0) {
            throw values.error(start, what + ": field 'keypoints' has " + keypoints.length
                    + " values, expected [x, y, v] triples");
        }
        // OpenPifPaf patches pycocotools the same way for files without 'area' (CrowdPose).
        double resolvedArea = area != null ? area : bbox[2] * bbox[3];
        int labelled = numKeypoints != null ? Math.toIntExact(numKeypoints) : countLabelled(keypoints);
        objects.add(new GroundTruthObject(
                id, imageId, Math.toIntExact(categoryId), keypoints, bbox, resolvedArea, crowd, labelled));
        objectLocations.add(start);
    }

    private void checkReferences() {
        Set<Long> images = new HashSet<>(imageIds.size());
        for (Long id : imageIds) {
            if (!images.add(id)) {
                throw new BadInputException(path + ": duplicate image id " + id + " in 'images'");
            }
        }
        Set<Long> annotationIds = new HashSet<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            GroundTruthObject object = objects.get(i);
            if (!images.contains(object.imageId())) {
                throw values.error(objectLocations.get(i), "annotation " + object.id()
                        + ": field 'image_id' refers to unknown image id " + object.imageId());
            }
            if (!annotationIds.add(object.id())) {
                // pycocotools would silently evaluate the later annotation twice.
                throw values.error(objectLocations.get(i), "duplicate annotation id " + object.id());
            }
        }
    }

    private double[] finite(double[] numbers, String what, String field) {
        if (!JsonValues.allFinite(numbers)) {
            throw values.error(what + ": field '" + field + "' contains NaN or infinity");
        }
        return numbers;
    }

    private void require(Object value, JsonLocation start, String what, String field) {
        if (value == null) {
            throw values.error(start, what + ": missing required field '" + field + "'");
        }
    }

    private static int countLabelled(double[] keypoints) {
        int n = 0;
        for (int k = 2; k < keypoints.length; k += 3) {
            if (keypoints[k] > 0) {
                n++;
            }
        }
        return n;
    }
}
