package dev.trainyard.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A log of JSON objects, one per line, each with a {@code type} field and the UTC time {@code asctime}, so that other tools parse
 * data rather than prose. Every record is flushed as written: a crash loses at most one line.
 */
public final class JsonLinesLog implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final BufferedWriter writer;

    /** Creates (or truncates) the log file. */
    public JsonLinesLog(Path path) {
        this.path = path;
        if (path == null) {
            this.writer = null;
            return;
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log " + path, e);
        }
    }

    /** A log that writes nothing: data-parallel processes other than rank 0 log through rank 0. */
    public static JsonLinesLog discarding() {
        return new JsonLinesLog(null);
    }

    /** The file, null for a discarding log. */
    public Path path() {
        return path;
    }

    /** Writes one record: {@code {"type": type, ...fields}}. */
    public synchronized void write(String type, Map<String, ?> fields) {
        if (writer == null) {
            return;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        node.put("asctime", java.time.Instant.now().toString());
        node.setAll((ObjectNode) MAPPER.valueToTree(fields));
        try {
            writer.write(MAPPER.writeValueAsString(node));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log " + path, e);
        }
    }

    @Override
    public synchronized void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log " + path, e);
        }
    }
}
