package dev.trainyard.trainer.logs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trainyard.trainer.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses one training log line by line into a {@link TrainingLog}. */
final class TrainingLogReader {

    static final Set<String> TYPES = Set.of("process", "config", "train", "train-epoch", "val-epoch");

    // A diverging run may log NaN or Infinity, which Python's json module writes as bare tokens.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path file;
    private ProcessInfo process = ProcessInfo.UNKNOWN;
    private final List<String> fieldNames = new ArrayList<>();
    private final List<TrainRecord> train = new ArrayList<>();
    private final List<EpochRecord> trainEpochs = new ArrayList<>();
    private final List<EpochRecord> valEpochs = new ArrayList<>();
    private int records;
    private int skipped;
    private int lineNumber;

    TrainingLogReader(Path file) {
        this.file = file;
    }

    TrainingLog read() {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a training log");
        }
        // The default decoder replaces malformed bytes, so a binary file reads as lines of no JSON.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                parseLine(line.strip());
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (records == 0) {
            throw new BadInputException(file + ": not a training log (no JSON line of type " + String.join(", ",
                    TYPES.stream().sorted().toList()) + ")");
        }
        return new TrainingLog(file, TrainingLog.labelOf(file), process, fieldNames, train, trainEpochs, valEpochs,
                skipped);
    }

    private void parseLine(String line) {
        if (!line.startsWith("{")) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            skipped++;
            return;
        }
        String type = node.path("type").asText("");
        if (!TYPES.contains(type)) {
            return;
        }
        records++;
        switch (type) {
            case "process" -> process = process(node);
            case "config" -> config(node);
            case "train" -> train.add(trainRecord(node));
            case "train-epoch" -> trainEpochs.add(epochRecord(node));
            case "val-epoch" -> valEpochs.add(epochRecord(node));
            default -> throw new IllegalStateException(type);
        }
    }

    private static ProcessInfo process(JsonNode node) {
        List<String> argv = new ArrayList<>();
        node.path("argv").forEach(a -> argv.add(a.asText()));
        Map<String, String> args = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> arg : node.path("args").properties()) {
            if (!arg.getValue().isNull()) {
                args.put(arg.getKey(), arg.getValue().isValueNode() ? arg.getValue().asText() : arg.getValue().toString());
            }
        }
        return new ProcessInfo(argv, args, node.path("version").asText(""), node.path("hostname").asText(""));
    }

    private void config(JsonNode node) {
        JsonNode names = node.path("field_names");
        if (!names.isArray()) {
            throw new BadInputException(where() + "config record without a field_names list");
        }
        fieldNames.clear();
        names.forEach(n -> fieldNames.add(n.asText()));
    }

    private TrainRecord trainRecord(JsonNode node) {
        return new TrainRecord(epoch(node, "train"), node.path("batch").asInt(0), node.path("n_batches").asInt(0),
                number(node.get("time")), number(node.get("data_time")), number(node.get("lr")),
                number(node.get("loss")), headLosses(node.get("head_losses")), numbers(node.get("mtl_sigmas")));
    }

    private EpochRecord epochRecord(JsonNode node) {
        return new EpochRecord(epoch(node, node.get("type").asText()), number(node.get("loss")),
                headLosses(node.get("head_losses")), number(node.get("time")), number(node.get("lr")),
                number(node.get("data_time")));
    }

    private int epoch(JsonNode node, String type) {
        JsonNode epoch = node.get("epoch");
        if (epoch == null || !epoch.canConvertToInt() || !epoch.isIntegralNumber()) {
            throw new BadInputException(where() + type + " record without an integer epoch");
        }
        return epoch.intValue();
    }

    /**
     * Head losses as a list in field-name order. The trainer writes a list; an object keyed by
     * component name (as the demo writes) is put in that order, and unknown names are appended.
     */
    private List<Double> headLosses(JsonNode node) {
        if (node == null || !node.isObject()) {
            return numbers(node);
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!fieldNames.contains(name)) {
                fieldNames.add(name);
            }
        });
        List<Double> values = new ArrayList<>(fieldNames.size());
        for (String name : fieldNames) {
            values.add(number(node.get(name)));
        }
        return values;
    }

    private static List<Double> numbers(JsonNode node) {
        List<Double> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(number(v)));
        }
        return values;
    }

    /** A JSON number as a double; NaN for null, a missing field or anything else. */
    private static double number(JsonNode node) {
        if (node == null) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        // Jackson writes non-finite doubles as the strings "NaN", "Infinity" and "-Infinity".
        if (node.isTextual()) {
            return switch (node.textValue()) {
                case "Infinity", "inf" -> Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN;
            };
        }
        return Double.NaN;
    }

    private String where() {
        return file + ":" + lineNumber + ": ";
    }
}
