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

    /** {@code {checkpoint}.eval-{dataset}}, the stem of every evaluation output at the default settings. */
    public static Path stem(Path checkpoint, String dataset) {
        return stem(checkpoint, dataset, "");
    }

    /**
     * {@code {checkpoint}.eval-{dataset}{variant}}: the variant names evaluation settings other than
     * the defaults (see {@code EvalCommand}), so that evaluations of one checkpoint at different
     * settings do not overwrite each other.
     */
    public static Path stem(Path checkpoint, String dataset, String variant) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".eval-" + dataset + variant);
    }

    /** The stats file of a stem. */
    public static Path of(Path stem) {
        return stem.resolveSibling(stem.getFileName() + ".stats.json");
    }

    public static Path of(Path checkpoint, String dataset) {
        return of(stem(checkpoint, dataset));
    }

    public static void write(Path file, Map<String, Object> content) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(content);
        AtomicFile.write(file, out -> out.write(json));
    }
}
