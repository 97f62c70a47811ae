package dev.trainyard.trainer.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a COCO annotation file token by token, so segmentations are skipped rather than built
 * into a tree (the train2017 keypoint file is ~240 MB), and turns every problem into one line
 * naming the file, position and field.
 */
final class CocoJsonParser {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path path;
    private final List<CocoImage> images = new ArrayList<>();
    private final List<CocoCategory> categories = new ArrayList<>();
    private final List<PendingAnnotation> annotations = new ArrayList<>();
    private JsonParser parser;
    private JsonFields fields;

    /** An annotation whose checks against images and categories wait for the end: COCO lists categories last. */
    private record PendingAnnotation(
            long id, long imageId, int categoryId, float[] keypoints, float[] bbox, boolean crowd, double area,
            JsonLocation location) {}

    @FunctionalInterface
    private interface ElementReader {
        void read(int index) throws IOException;
    }

    CocoJsonParser(Path path) {
        this.path = path;
    }

    CocoAnnotationFile parse() {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("annotation file not found: " + path);
        }
        try (JsonParser p = JSON.createParser(path.toFile())) {
            parser = p;
            fields = new JsonFields(path, p);
            readDocument();
        } catch (StreamReadException e) {
            throw new BadInputException(path + ": malformed JSON at " + JsonFields.position(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read annotation file " + path + ": " + oneLine(e.getMessage()), e);
        }
        return assemble();
    }

    private void readDocument() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw fields.error("expected a JSON object at the top level");
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
            throw fields.error("unexpected content after the top-level object");
        }
        if (!sawImages) {
            throw new BadInputException(path + ": missing required top-level field 'images'");
        }
    }

    private void readArray(String name, ElementReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw fields.error("top-level field '" + name + "' must be an array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw fields.error(name + "[" + index + "] must be an object");
            }
            reader.read(index++);
        }
    }

    private void readImage(int index) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "images[" + index + "]";
        Long id = null;
        String fileName = null;
        Integer width = null;
        Integer height = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> id = fields.integer(what, field);
                case "file_name" -> fileName = fields.string(what, field);
                case "width" -> width = fields.positiveInt(what, field);
                case "height" -> height = fields.positiveInt(what, field);
                default -> parser.skipChildren();
            }
        }
        if (id != null) {
            what = "image " + id;
        }
        fields.require(id, start, what, "id");
        fields.require(fileName, start, what, "file_name");
        fields.require(width, start, what, "width");
        fields.require(height, start, what, "height");
        images.add(new CocoImage(id, fileName, width, height));
    }

    private void readAnnotation(int index) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "annotations[" + index + "]";
        Long id = null;
        Long imageId = null;
        Long categoryId = null;
        float[] keypoints = new float[0];
        float[] bbox = null;
        Double area = null;
        boolean crowd = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> {
                    id = fields.integer(what, field);
                    what = "annotation " + id;
                }
                case "image_id" -> imageId = fields.integer(what, field);
                case "category_id" -> categoryId = fields.integer(what, field);
                case "keypoints" -> keypoints = fields.numbers(what, field);
                case "bbox" -> {
                    JsonLocation at = parser.currentTokenLocation();
                    bbox = fields.numbers(what, field);
                    if (bbox.length != 4) {
                        throw fields.error(at, what + ": field 'bbox' must be 4 numbers [x, y, width, height], got "
                                + bbox.length);
                    }
                }
                case "area" -> area = fields.number(what, field);
                case "iscrowd" -> crowd = fields.flag(what, field);
                default -> parser.skipChildren();
            }
        }
        fields.require(id, start, what, "id");
        fields.require(imageId, start, what, "image_id");
        fields.require(categoryId, start, what, "category_id");
        fields.require(bbox, start, what, "bbox");
        // Ground truth always has an area; hand-made files may not, and the bbox area is pycocotools' fallback too.
        double resolvedArea = area != null ? area : (double) bbox[2] * bbox[3];
        annotations.add(new PendingAnnotation(
                id, imageId, Math.toIntExact(categoryId), keypoints, bbox, crowd, resolvedArea, start));
    }

    private void readCategory(int index) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        String what = "categories[" + index + "]";
        Long id = null;
        String name = null;
        String supercategory = "";
        List<String> keypoints = List.of();
        List<Connection> skeleton = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "id" -> {
                    id = fields.integer(what, field);
                    what = "category " + id;
                }
                case "name" -> name = fields.string(what, field);
                case "supercategory" -> supercategory = fields.string(what, field);
                case "keypoints" -> keypoints = fields.strings(what, field);
                case "skeleton" -> skeleton = connections(what, field);
                default -> parser.skipChildren();
            }
        }
        fields.require(id, start, what, "id");
        fields.require(name, start, what, "name");
        categories.add(new CocoCategory(Math.toIntExact(id), name, supercategory, keypoints, skeleton));
    }

    private CocoAnnotationFile assemble() {
        Map<Long, CocoImage> imagesById = HashMap.newHashMap(images.size());
        for (CocoImage image : images) {
            if (imagesById.putIfAbsent(image.id(), image) != null) {
                throw new BadInputException(path + ": duplicate image id " + image.id() + " in 'images'");
            }
        }
        Map<Integer, CocoCategory> categoriesById = HashMap.newHashMap(categories.size());
        categories.forEach(c -> categoriesById.putIfAbsent(c.id(), c));

        Map<Long, List<Annotation>> byImage = HashMap.newHashMap(images.size());
        for (PendingAnnotation a : annotations) {
            if (!imagesById.containsKey(a.imageId())) {
                throw fields.error(a.location(), "annotation " + a.id() + ": field 'image_id' refers to unknown image id "
                        + a.imageId());
            }
            checkKeypointCount(a, categoriesById.get(a.categoryId()));
            byImage.computeIfAbsent(a.imageId(), id -> new ArrayList<>())
                    .add(new Annotation(a.id(), a.categoryId(), a.keypoints(), a.bbox(), a.crowd(), a.area()));
        }
        byImage.replaceAll((id, list) -> List.copyOf(list));
        return new CocoAnnotationFile(path, images, categories, byImage);
    }

    private void checkKeypointCount(PendingAnnotation a, CocoCategory category) {
        int values = a.keypoints().length;
        if (values == 0) {
            return;
        }
        int keypoints;
        String kind;
        if (category != null && !category.keypoints().isEmpty()) {
            keypoints = category.keypoints().size();
            kind = "category '" + category.name() + "'";
        } else if (a.categoryId() == CocoConstants.PERSON_CATEGORY_ID) {
            keypoints = CocoConstants.N_KEYPOINTS;
            kind = "a COCO person";
        } else if (values % 3 == 0) {
            return;
        } else {
            throw fields.error(a.location(), "annotation " + a.id() + ": field 'keypoints' has " + values
                    + " values, expected [x, y, v] triples");
        }
        if (values != 3 * keypoints) {
            throw fields.error(a.location(), "annotation " + a.id() + ": field 'keypoints' has " + values
                    + " values, expected " + 3 * keypoints + " (3 x " + keypoints + " keypoints of " + kind + ")");
        }
    }

    private List<Connection> connections(String what, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw fields.error(what + ": field '" + field + "' must be an array of [from, to] pairs");
        }
        List<Connection> result = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            float[] pair = fields.numbers(what, field);
            if (pair.length != 2 || pair[0] != (int) pair[0] || pair[1] != (int) pair[1]
                    || pair[0] < 1 || pair[1] < 1 || pair[0] == pair[1]) {
                throw fields.error(what + ": field '" + field + "' must hold pairs of distinct 1-based keypoint numbers, got "
                        + Arrays.toString(pair));
            }
            result.add(new Connection((int) pair[0], (int) pair[1]));
        }
        return result;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
