package dev.trainyard.trainer.metric;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trainyard.trainer.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes predictions in the COCO results format, atomically: a JSON list of
 * {@code {"image_id", "category_id", "keypoints" and/or "bbox", "score"}}, numbers as the shortest
 * decimal that reads back to the same double.
 *
 * <p>Each entry carries the fields its {@link CocoResult} has. OpenPifPaf's {@code .pred.json}
 * holds poses rounded as {@link CocoResult#pose} makes them and no boxes; results with boxes
 * ({@link CocoResult#withBox}) make a rescored file take its areas from the boxes.
 */
public final class CocoResultsWriter {

    private CocoResultsWriter() {}

    /**
     * @throws IllegalArgumentException for a NaN or infinite value, which JSON cannot hold
     */
    public static void write(Path file, List<CocoResult> results) throws IOException {
        for (int i = 0; i < results.size(); i++) {
            CocoResult r = results.get(i);
            if (!Double.isFinite(r.score()) || !JsonValues.allFinite(r.keypoints()) || !JsonValues.allFinite(r.bbox())) {
                throw new IllegalArgumentException("result " + i + " has a NaN or infinite value");
            }
        }
        AtomicFile.write(file, out -> {
            // AtomicFile forces the stream to disk after this returns, so the generator must not close it.
            JsonGenerator json = JsonValues.JSON.createGenerator(out, JsonEncoding.UTF8);
            json.writeStartArray();
            for (CocoResult r : results) {
                json.writeStartObject();
                json.writeNumberField("image_id", r.imageId());
                json.writeNumberField("category_id", r.categoryId());
                if (r.hasKeypoints()) {
                    json.writeFieldName("keypoints");
                    json.writeArray(r.keypoints(), 0, r.keypoints().length);
                }
                if (r.hasBbox()) {
                    json.writeFieldName("bbox");
                    json.writeArray(r.bbox(), 0, r.bbox().length);
                }
                json.writeNumberField("score", r.score());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.flush();
        });
    }
}
