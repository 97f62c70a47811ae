package dev.trainyard.trainer.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.network.ResNetConfig;
import dev.trainyard.trainer.network.ShuffleNetV2KConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A checkpoint is one ZIP file: {@code checkpoint.json} (the {@link CheckpointMeta}) and
 * {@code network.params} (the network's DJL parameter stream, BatchNorm statistics included).
 * ZIP keeps it one self-describing file that standard tools can list ({@code unzip -l},
 * {@code unzip -p FILE checkpoint.json}), and its central directory at the end makes a truncated
 * file detectable. Files are written atomically: a reader sees the previous file or the complete
 * new one, never a half-written checkpoint under the final name.
 */
public final class CheckpointFile {

    /** Format marker in {@code checkpoint.json}. */
    public static final String FORMAT = "trainyard-checkpoint";
    /** Format version; readers refuse newer ones. */
    public static final int FORMAT_VERSION = 1;

    static final String META_ENTRY = "checkpoint.json";
    static final String PARAMS_ENTRY = "network.params";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFile() {}

    /** Writes {@code network} with {@code meta} to {@code file} atomically. */
    public static void write(Path file, PoseNetwork network, CheckpointMeta meta) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(toJson(meta));
        ByteArrayOutputStream params = new ByteArrayOutputStream(1 << 20);
        network.saveParameters(new DataOutputStream(params));
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(META_ENTRY));
            zip.write(json);
            zip.closeEntry();
            // Weights barely compress (about 8 %); storing them saves a second of CPU per checkpoint.
            zip.putNextEntry(stored(PARAMS_ENTRY, params));
            params.writeTo(zip);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Reads only the metadata; throws {@code BadInputException} naming the file when it is not a readable checkpoint. */
    public static CheckpointMeta readMeta(Path file) {
        try (ZipFile zip = open(file)) {
            return fromJson(file, readJson(file, zip));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Loads a checkpoint: its metadata and the network with its weights, on {@code manager}.
     * Throws {@code BadInputException} naming the file when it is missing, truncated, not a
     * checkpoint or of a newer format.
     */
    public static Checkpoint read(Path file, NDManager manager) {
        try (ZipFile zip = open(file)) {
            CheckpointMeta meta = fromJson(file, readJson(file, zip));
            ZipEntry params = zip.getEntry(PARAMS_ENTRY);
            if (params == null) {
                throw new BadInputException("checkpoint " + file + " has no " + PARAMS_ENTRY);
            }
            PoseNetwork network = NetworkFactory.create(meta.network(), meta.heads());
            try (InputStream in = new BufferedInputStream(zip.getInputStream(params))) {
                network.loadParameters(manager, new DataInputStream(in));
                // Loaded parameters keep their values; this only attaches gradients.
                network.initialize(manager, DataType.FLOAT32, NetworkFactory.INITIALIZATION_SHAPE);
            } catch (MalformedModelException | IOException | RuntimeException e) {
                network.clear();
                throw new BadInputException("checkpoint " + file + ": cannot load the network weights ("
                        + oneLine(e) + ")", e);
            }
            return new Checkpoint(file, meta, network);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The lowercase hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("checkpoint " + file + " does not exist");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BadInputException("checkpoint " + file + " is truncated or not a Trainyard checkpoint ("
                    + oneLine(e) + ")", e);
        } catch (NoSuchFileException e) {
            throw new BadInputException("checkpoint " + file + " does not exist", e);
        }
    }

    private static JsonNode readJson(Path file, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(META_ENTRY);
        if (entry == null) {
            throw new BadInputException("checkpoint " + file + " has no " + META_ENTRY + "; not a Trainyard checkpoint");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return MAPPER.readTree(in);
        }
    }

    private static BadInputException unreadable(Path file, IOException e) {
        return new BadInputException("cannot read checkpoint " + file + ": " + oneLine(e), e);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }

    static ObjectNode toJson(CheckpointMeta meta) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("epoch", meta.epoch());
        ObjectNode network = root.putObject("network");
        network.put("basenet", meta.network().basenet());
        network.set("shufflenetv2k", MAPPER.valueToTree(meta.network().shufflenetv2k()));
        network.set("resnet", MAPPER.valueToTree(meta.network().resnet()));
        ArrayNode heads = root.putArray("heads");
        for (HeadMeta head : meta.heads()) {
            heads.add(HeadMetaJson.write(MAPPER, head));
        }
        root.set("datasets", MAPPER.valueToTree(meta.datasets()));
        root.set("args", MAPPER.valueToTree(meta.args()));
        root.set("argv", MAPPER.valueToTree(meta.argv()));
        root.put("version", meta.version());
        root.put("hostname", meta.hostname());
        root.put("created", meta.created());
        return root;
    }

    @SuppressWarnings("unchecked")
    static CheckpointMeta fromJson(Path file, JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException("checkpoint " + file + " is not a Trainyard checkpoint (format '"
                    + root.path("format").asText() + "')");
        }
        int version = root.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new BadInputException("checkpoint " + file + " has format version " + version
                    + "; this trainer reads up to " + FORMAT_VERSION + " (upgrade Trainyard)");
        }
        try {
            JsonNode network = root.get("network");
            NetworkConfig config = new NetworkConfig(network.get("basenet").asText(),
                    MAPPER.treeToValue(network.get("shufflenetv2k"), ShuffleNetV2KConfig.class),
                    MAPPER.treeToValue(network.get("resnet"), ResNetConfig.class), Optional.empty());
            List<HeadMeta> heads = new ArrayList<>();
            for (JsonNode head : root.withArray("heads")) {
                heads.add(HeadMetaJson.read(MAPPER, (ObjectNode) head));
            }
            List<String> datasets = MAPPER.convertValue(root.get("datasets"), List.class);
            Map<String, Object> args = MAPPER.convertValue(root.get("args"), Map.class);
            List<String> argv = MAPPER.convertValue(root.get("argv"), List.class);
            return new CheckpointMeta(root.get("epoch").asInt(), config, heads, datasets, args, argv,
                    root.path("version").asText(), root.path("hostname").asText(), root.path("created").asText());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("checkpoint " + file + " has invalid metadata (" + oneLine(e) + ")", e);
        }
    }

    private static ZipEntry stored(String name, ByteArrayOutputStream content) {
        byte[] bytes = content.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        return entry;
    }
}
