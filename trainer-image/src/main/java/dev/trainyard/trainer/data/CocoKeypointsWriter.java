package dev.trainyard.trainer.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trainyard.trainer.head.CocoConstants;
import dev.trainyard.trainer.head.Connection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a COCO person-keypoints annotation file that pycocotools reads: {@code info},
 * {@code licenses}, {@code images}, {@code annotations} and the person {@code categories} entry.
 *
 * <p>Annotations stream to a side file while images are added, then are copied in after the
 * {@code images} list, so memory stays flat however many images there are. Not thread-safe.
 */
final class CocoKeypointsWriter implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();
    /** Annotation ids are {@code imageId * ANNOTATIONS_PER_IMAGE + n}: stable whatever else the file holds. */
    static final int ANNOTATIONS_PER_IMAGE = 100;

    private final Path file;
    private final Path annotationsPart;
    private final String description;
    private final JsonGenerator annotations;
    private final List<CocoImage> images = new ArrayList<>();

    CocoKeypointsWriter(Path file, String description) throws IOException {
        this.file = file;
        this.description = description;
        this.annotationsPart = file.resolveSibling(file.getFileName() + ".annotations.part");
        this.annotations = JSON.createGenerator(Files.newBufferedWriter(annotationsPart, StandardCharsets.UTF_8));
        annotations.writeStartArray();
    }

    /** Adds one image with its people and crowds. */
    void add(CocoImage image, SyntheticScene scene) throws IOException {
        if (scene.people().size() + scene.crowds().size() >= ANNOTATIONS_PER_IMAGE) {
            throw new IllegalArgumentException("too many annotations in image " + image.id());
        }
        images.add(image);
        long id = image.id() * ANNOTATIONS_PER_IMAGE;
        for (SyntheticScene.Person person : scene.people()) {
            startAnnotation(++id, image.id());
            annotations.writeArrayFieldStart("keypoints");
            int labelled = 0;
            for (int k = 0; k < CocoConstants.N_KEYPOINTS; k++) {
                int v = (int) person.keypoints()[3 * k + 2];
                if (v == 0) {
                    annotations.writeNumber(0);
                    annotations.writeNumber(0);
                } else {
                    annotations.writeNumber(person.keypoints()[3 * k]);
                    annotations.writeNumber(person.keypoints()[3 * k + 1]);
                    labelled++;
                }
                annotations.writeNumber(v);
            }
            annotations.writeEndArray();
            annotations.writeNumberField("num_keypoints", labelled);
            writeBox(person.bbox(), person.area(), false);
            annotations.writeArrayFieldStart("segmentation");
            for (double[] polygon : person.polygons()) {
                annotations.writeArray(polygon, 0, polygon.length);
            }
            annotations.writeEndArray();
            annotations.writeEndObject();
        }
        for (SyntheticScene.Crowd crowd : scene.crowds()) {
            startAnnotation(++id, image.id());
            annotations.writeArrayFieldStart("keypoints");
            for (int i = 0; i < 3 * CocoConstants.N_KEYPOINTS; i++) {
                annotations.writeNumber(0);
            }
            annotations.writeEndArray();
            annotations.writeNumberField("num_keypoints", 0);
            writeBox(crowd.bbox(), crowd.area(), true);
            // Crowd masks as uncompressed RLE, as in COCO's own files.
            annotations.writeObjectFieldStart("segmentation");
            annotations.writeArrayFieldStart("counts");
            for (int run : crowd.runLengths()) {
                annotations.writeNumber(run);
            }
            annotations.writeEndArray();
            annotations.writeArrayFieldStart("size");
            annotations.writeNumber(image.height());
            annotations.writeNumber(image.width());
            annotations.writeEndArray();
            annotations.writeEndObject();
            annotations.writeEndObject();
        }
    }

    private void startAnnotation(long id, long imageId) throws IOException {
        annotations.writeStartObject();
        annotations.writeNumberField("id", id);
        annotations.writeNumberField("image_id", imageId);
        annotations.writeNumberField("category_id", CocoConstants.PERSON_CATEGORY_ID);
    }

    private void writeBox(float[] bbox, int area, boolean crowd) throws IOException {
        annotations.writeArrayFieldStart("bbox");
        for (float v : bbox) {
            annotations.writeNumber(v);
        }
        annotations.writeEndArray();
        annotations.writeNumberField("area", area);
        annotations.writeNumberField("iscrowd", crowd ? 1 : 0);
    }

    /** Writes the annotation file and removes the side file. */
    void finish() throws IOException {
        annotations.writeEndArray();
        annotations.close();
        try (JsonGenerator out = JSON.createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
                Reader part = Files.newBufferedReader(annotationsPart, StandardCharsets.US_ASCII)) {
            out.writeStartObject();
            out.writeObjectFieldStart("info");
            out.writeStringField("description", description);
            out.writeStringField("version", "1.0");
            out.writeStringField("contributor", "trainyard synth");
            out.writeEndObject();
            out.writeArrayFieldStart("licenses");
            out.writeStartObject();
            out.writeNumberField("id", 1);
            out.writeStringField("name", "Public Domain (synthetic images)");
            out.writeStringField("url", "");
            out.writeEndObject();
            out.writeEndArray();
            out.writeArrayFieldStart("images");
            for (CocoImage image : images) {
                out.writeStartObject();
                out.writeNumberField("id", image.id());
                out.writeStringField("file_name", image.fileName());
                out.writeNumberField("width", image.width());
                out.writeNumberField("height", image.height());
                out.writeNumberField("license", 1);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeFieldName("annotations");
            copyRawValue(part, out);
            out.writeArrayFieldStart("categories");
            writePersonCategory(out);
            out.writeEndArray();
            out.writeEndObject();
        }
        Files.delete(annotationsPart);
    }

    /** Copies already-serialised JSON as the current field's value, in chunks instead of one string. */
    private static void copyRawValue(Reader part, JsonGenerator out) throws IOException {
        char[] chunk = new char[1 << 16];
        int n = part.read(chunk);
        out.writeRawValue(chunk, 0, Math.max(n, 0));
        while ((n = part.read(chunk)) > 0) {
            out.writeRaw(chunk, 0, n);
        }
    }

    private static void writePersonCategory(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("supercategory", "person");
        out.writeNumberField("id", CocoConstants.PERSON_CATEGORY_ID);
        out.writeStringField("name", "person");
        out.writeArrayFieldStart("keypoints");
        for (String name : CocoConstants.KEYPOINTS) {
            out.writeString(name);
        }
        out.writeEndArray();
        out.writeArrayFieldStart("skeleton");
        for (Connection c : CocoConstants.SKELETON) {
            out.writeArray(new int[] {c.from(), c.to()}, 0, 2);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** Releases the side file if {@link #finish} was not reached. */
    @Override
    public void close() {
        try {
            annotations.close();
            Files.deleteIfExists(annotationsPart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
