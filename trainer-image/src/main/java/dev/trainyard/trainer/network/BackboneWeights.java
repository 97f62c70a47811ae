package dev.trainyard.trainer.network;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.BadInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrained backbone weights in local files (nothing is ever downloaded), in two formats:
 * <ul>
 *   <li>{@link Format#NPZ}: a numpy {@code .npz} of a PyTorch state dict, e.g. torchvision's
 *       {@code resnet50} ({@code layer1.0.conv1.weight}, {@code bn1.running_mean}, ...) or the
 *       reference's {@code base_net.*}; keys of other layers ({@code fc.*}, heads) are ignored;</li>
 *   <li>{@link Format#DJL}: DJL's parameter stream ({@code Block.saveParameters}) of a backbone or
 *       of a whole {@link PoseNetwork}, bare or as a {@code Model.save} {@code .params} file.</li>
 * </ul>
 * Every tensor is checked against the backbone before any is copied, so a bad file leaves the
 * backbone as it was. Copies are in place: a ParameterStore that already holds the arrays sees them.
 */
public final class BackboneWeights {

    /** File formats for backbone weights. */
    public enum Format {
        DJL,
        NPZ
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackboneWeights.class);
    private static final byte[] MODEL_MAGIC = "DJL@".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> KEY_PREFIXES = List.of("module.", "base_net.");

    private BackboneWeights() {}

    /**
     * Copies the weights in {@code file} into an initialised backbone; layers the reference adds to
     * a pretrained architecture keep their initialisation when the file lacks them.
     *
     * @throws BadInputException if the file is missing or unreadable, lacks a parameter or has
     *     one of another shape
     */
    public static void load(Backbone backbone, Path file, NDManager manager) {
        SequencedMap<String, Parameter> targets = initializedParameters(backbone);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("basenet weights file " + file + " does not exist");
        }
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> tensors = isZip(file) ? readNpz(file, scratch) : readDjl(backbone, file, scratch);
            List<Assignment> assignments = match(backbone, file, targets, tensors);
            for (Assignment assignment : assignments) {
                assignment.copy();
            }
            LOG.info("loaded {} tensors of {} from {} ({} unused)",
                    assignments.size(), backbone.name(), file, tensors.size() - assignments.size());
        } catch (IOException e) {
            throw new BadInputException("cannot read basenet weights file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the backbone's parameters (with running statistics) to {@code file}, atomically. */
    public static void save(Backbone backbone, Path file, Format format) throws IOException {
        initializedParameters(backbone);
        AtomicFile.write(file, out -> {
            switch (format) {
                case DJL -> backbone.saveParameters(new DataOutputStream(out));
                case NPZ -> writeNpz(backbone, out);
            }
        });
    }

    private static void writeNpz(Backbone backbone, OutputStream out) throws IOException {
        SequencedMap<String, NDArray> arrays = new LinkedHashMap<>();
        ParameterPaths.of(backbone).forEach((path, parameter) -> arrays.put(path, parameter.getArray()));
        NpzFiles.write(arrays, out);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 'P' && in.read() == 'K';
        }
    }

    private static Map<String, NDArray> readNpz(Path file, NDManager scratch) throws IOException {
        Map<String, NDArray> tensors = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NpzFiles.read(in, scratch).forEach((key, array) -> tensors.put(withoutPrefixes(key), array));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new BadInputException(
                    "basenet weights file " + file + " is not a readable .npz: " + e.getMessage(), e);
        }
        return tensors;
    }

    private static String withoutPrefixes(String key) {
        String stripped = key;
        for (String prefix : KEY_PREFIXES) {
            if (stripped.startsWith(prefix)) {
                stripped = stripped.substring(prefix.length());
            }
        }
        return stripped;
    }

    /** Reads the stream into a fresh backbone of the same architecture, so a mismatch fails before any copy. */
    private static Map<String, NDArray> readDjl(Backbone backbone, Path file, NDManager scratch) throws IOException {
        Backbone copy = backbone.newInstance();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            skipModelHeader(in);
            skipNetworkPrefix(in);
            copy.loadParameters(scratch, in);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new BadInputException("basenet weights file " + file + " is neither an .npz nor DJL parameters of a "
                    + backbone.name() + " backbone: " + e.getMessage(), e);
        }
        Map<String, NDArray> tensors = new HashMap<>();
        ParameterPaths.of(copy).forEach((path, parameter) -> {
            if (parameter.isInitialized()) {
                tensors.put(path, parameter.getArray());
            }
        });
        return tensors;
    }

    /** Skips the header {@code Model.save} writes before the block parameters, if present. */
    private static void skipModelHeader(DataInputStream in) throws IOException {
        in.mark(MODEL_MAGIC.length);
        byte[] magic = in.readNBytes(MODEL_MAGIC.length);
        if (!Arrays.equals(magic, MODEL_MAGIC)) {
            in.reset();
            return;
        }
        in.readInt(); // model format version
        in.readUTF(); // model name
        in.readUTF(); // data type
        for (int inputs = in.readInt(); inputs > 0; inputs--) {
            in.readUTF();
            Shape.decode(in);
        }
        for (int properties = in.readInt(); properties > 0; properties--) {
            in.readUTF();
            in.readUTF();
        }
    }

    /** A whole network's stream starts with its own version and input shapes, then its backbone's. */
    private static void skipNetworkPrefix(DataInputStream in) throws IOException {
        in.mark(1);
        if (in.readByte() != PoseNetwork.VERSION) {
            in.reset();
            return;
        }
        for (int shapes = in.readInt(); shapes > 0; shapes--) {
            Shape.decode(in);
        }
    }

    private static List<Assignment> match(
            Backbone backbone, Path file, SequencedMap<String, Parameter> targets, Map<String, NDArray> tensors) {
        List<Assignment> assignments = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        targets.forEach((path, parameter) -> {
            NDArray tensor = tensors.get(path);
            if (tensor == null) {
                if (!backbone.isAddition(path)) {
                    missing.add(path);
                }
                return;
            }
            Shape expected = parameter.getArray().getShape();
            if (!tensor.getShape().equals(expected)) {
                throw new BadInputException("basenet weights file " + file + ": " + path + " has shape "
                        + tensor.getShape() + " but " + backbone.name() + " expects " + expected);
            }
            if (!tensor.getDataType().isFloating()) {
                throw new BadInputException("basenet weights file " + file + ": " + path
                        + " holds " + tensor.getDataType() + ", not floating-point values");
            }
            assignments.add(new Assignment(tensor, parameter));
        });
        if (!missing.isEmpty()) {
            String more = missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "";
            throw new BadInputException("basenet weights file " + file + " lacks " + missing.getFirst() + more
                    + " of " + backbone.name());
        }
        return assignments;
    }

    private record Assignment(NDArray source, Parameter target) {
        void copy() {
            NDArray array = target.getArray();
            NDArray converted = source.getDataType() == array.getDataType()
                    ? source
                    : source.toType(array.getDataType(), false);
            converted.copyTo(array);
        }
    }

    /** The backbone's parameters by path, each checked to hold values. */
    private static SequencedMap<String, Parameter> initializedParameters(Backbone backbone) {
        SequencedMap<String, Parameter> paths = ParameterPaths.of(backbone);
        paths.forEach((path, parameter) -> {
            if (!parameter.isInitialized()) {
                throw new IllegalStateException(
                        "initialise " + backbone.name() + " before loading or saving its weights (" + path + ")");
            }
        });
        return paths;
    }
}
