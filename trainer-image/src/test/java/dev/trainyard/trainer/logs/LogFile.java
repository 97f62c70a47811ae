package dev.trainyard.trainer.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a training log line by line, in the trainer's format, for tests. */
public final class LogFile {

    public static final List<String> FIELDS = List.of("cocokp.cif.c", "cocokp.cif.vec", "cocokp.caf.c");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private Instant clock = Instant.parse("2025-03-01T08:00:00Z");

    public LogFile process(Map<String, ?> args) {
        ObjectNode node = record("process");
        node.set("argv", JSON.valueToTree(List.of("trainyard", "train")));
        node.set("args", JSON.valueToTree(args));
        node.put("version", "0.1.0+7.gabc1234");
        node.put("hostname", "node-1");
        return add(node);
    }

    public LogFile config(List<String> fieldNames) {
        ObjectNode node = record("config");
        node.set("field_names", JSON.valueToTree(fieldNames));
        return add(node);
    }

    /** A train record; {@code heads} may hold nulls. */
    public LogFile train(int epoch, int batch, int nBatches, double time, double dataTime, double lr, Double loss,
            Double... heads) {
        ObjectNode node = record("train");
        node.put("epoch", epoch);
        node.put("batch", batch);
        node.put("n_batches", nBatches);
        node.put("time", time);
        node.put("data_time", dataTime);
        node.put("lr", lr);
        node.put("loss", loss);
        node.set("head_losses", array(heads));
        return add(node);
    }

    public LogFile trainEpoch(int epoch, Double loss, double time, Double... heads) {
        ObjectNode node = epochRecord("train-epoch", epoch, loss, time, heads);
        node.put("n_clipped_grad", 0);
        node.put("max_norm", 0.0);
        return add(node);
    }

    public LogFile valEpoch(int epoch, Double loss, double time, Double... heads) {
        return add(epochRecord("val-epoch", epoch, loss, time, heads));
    }

    /** A line as given, e.g. prose or a cut-off record. */
    public LogFile raw(String line) {
        lines.add(line);
        return this;
    }

    public Path write(Path file) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** Writes without the final newline, as a crash in the middle of a line leaves it. */
    public Path writeCut(Path file, String partialLine) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n" + partialLine);
        return file;
    }

    /**
     * A run of {@code epochs} epochs of 4 batches, logged every 2 batches, with validation after
     * every epoch. Losses fall as 10 / (epoch + 1); the second batch record of each epoch waits
     * 0.5 s of 1.5 s for data, the first 0.1 of 1.0.
     */
    public static LogFile run(int epochs, double lrScale) {
        LogFile log = new LogFile()
                .process(Map.of("lr", 1e-3 * lrScale, "epochs", 10, "dataset", "cocokp",
                        "basenet", "shufflenetv2k16", "batch_size", 8, "cocokp_square_edge", 385))
                .config(FIELDS);
        for (int e = 0; e < epochs; e++) {
            double loss = 10.0 / (e + 1);
            log.train(e, 0, 4, 0.9, 0.1, lrScale * 1e-3 * (e + 1), loss, loss * 0.5, loss * 0.3, null);
            log.train(e, 2, 4, 1.0, 0.5, lrScale * 1e-3 * (e + 1.5), loss, loss * 0.5, loss * 0.3, loss * 0.2);
            log.trainEpoch(e + 1, loss, 60.0 + e, loss * 0.5, loss * 0.3, loss * 0.2);
            log.valEpoch(e + 1, loss * 1.1, 6.0, loss * 0.55, loss * 0.33, loss * 0.22);
        }
        return log;
    }

    private ObjectNode record(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("asctime", clock.toString());
        clock = clock.plusSeconds(30);
        return node;
    }

    private ObjectNode epochRecord(String type, int epoch, Double loss, double time, Double... heads) {
        ObjectNode node = record(type);
        node.put("epoch", epoch);
        node.put("loss", loss);
        node.set("head_losses", array(heads));
        node.put("time", time);
        return node;
    }

    private static ArrayNode array(Double... values) {
        ArrayNode array = JSON.createArrayNode();
        for (Double v : values) {
            array.add(v);
        }
        return array;
    }

    private LogFile add(ObjectNode node) {
        try {
            lines.add(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }
}
