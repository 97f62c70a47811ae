package dev.trainyard.trainer.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trainyard.trainer.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The evaluation result next to a checkpoint, named as the reference's:
 * {@code {checkpoint}.eval-{dataset}.stats.json}. Written atomically, so its presence means the
 * checkpoint was evaluated completely; watching uses it to evaluate each checkpoint once.
 */
public final class StatsFile {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatsFile() {}

    /** {@code {checkpoint}.eval-{dataset}}, the stem of every evaluation output. */
    public static Path stem(Path checkpoint, String dataset) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".eval-" + dataset);
    }

    public static Path of(Path checkpoint, String dataset) {
        return checkpoint.resolveSibling(stem(checkpoint, dataset).getFileName() + ".stats.json");
    }

    public static boolean exists(Path checkpoint, String dataset) {
        return Files.isRegularFile(of(checkpoint, dataset));
    }

    public static void write(Path file, Map<String, Object> content) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(content);
        AtomicFile.write(file, out -> out.write(json));
    }
}
