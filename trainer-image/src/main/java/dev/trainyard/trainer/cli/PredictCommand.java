package dev.trainyard.trainer.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.checkpoint.Checkpoint;
import dev.trainyard.trainer.checkpoint.CheckpointFile;
import dev.trainyard.trainer.data.ImageFileReader;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.debug.DebugIndex;
import dev.trainyard.trainer.debug.DebugPlots;
import dev.trainyard.trainer.decoder.Decoder;
import dev.trainyard.trainer.decoder.DecoderOptions;
import dev.trainyard.trainer.decoder.Decoders;
import dev.trainyard.trainer.decoder.Detection;
import dev.trainyard.trainer.decoder.Fields;
import dev.trainyard.trainer.decoder.Pose;
import dev.trainyard.trainer.decoder.Predictions;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.metric.CocoResult;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.predict.PosePainter;
import dev.trainyard.trainer.transform.EvalTransforms;
import dev.trainyard.trainer.transform.SampleRandom;
import dev.trainyard.trainer.transform.Transform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Stack;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trainyard predict}: the reference's {@code python3 -m openpifpaf.predict}. Runs a
 * checkpoint on image files and writes, per image, {@code {image}.predictions.json} (poses or boxes
 * in the original image's pixels), with {@code --image-output} the image with the skeletons drawn,
 * and with {@code --debug-images} one PNG per selected predicted field ({@code {stem}-{head}{field}.png},
 * drawn over the network's input image).
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        customSynopsis = {
            "trainyard predict --checkpoint FILE [--json-output [DIR]] [--image-output [DIR]]",
            "                  [--debug-images] [--debug-indices HEAD:FIELD...] [--save-all [DIR]] IMAGE..."
        },
        description = {
            "Predict poses on images: one {image}.predictions.json per image (keypoints [x, y, v] and",
            "score in the original image's pixels), with --image-output a drawing of them, and with",
            "--debug-images the predicted fields of --debug-indices drawn over the network's input."
        })
public final class PredictCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files (JPEG, PNG)")
    List<Path> images;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "a trained checkpoint")
    Path checkpoint;

    @Option(names = "--json-output", arity = "0..1", fallbackValue = "", paramLabel = "DIR",
            description = "directory of the JSON files (default: next to each image)")
    String jsonOutput;

    @Option(names = "--image-output", arity = "0..1", fallbackValue = "", paramLabel = "DIR",
            description = "also write {image}.predictions.jpeg with the poses drawn (in DIR, else next to the image)")
    String imageOutput;

    @Option(names = "--debug-images",
            description = "also write the predicted fields of --debug-indices over the network's input image,"
                    + " one {image stem}-{head}{field}.png per field (see --save-all)")
    boolean debugImages;

    @Option(names = "--debug-indices", arity = "1..*", paramLabel = "HEAD:FIELD",
            parameterConsumer = HeadFieldValues.class,
            description = "predicted fields to draw, e.g. cif:5 caf:5; implies --debug-images"
                    + " (default with --debug-images: field 0 of the first head, cif:0 for keypoint models)")
    List<String> debugIndices = new ArrayList<>();

    @Option(names = "--save-all", arity = "0..1", paramLabel = "DIR", fallbackValue = "all-images",
            description = "directory of the debug images (without DIR: all-images; without the flag: the"
                    + " --image-output directory, else next to each image)")
    Path saveAll;

    @Option(names = "--long-edge", defaultValue = "0", paramLabel = "PIXELS",
            description = "rescale the long edge to this before the network, 0 keeps the size (default: ${DEFAULT-VALUE})")
    int longEdge;

    @Option(names = "--device", paramLabel = "cpu|gpu", description = "where the network runs (default: gpu when visible)")
    String device;

    @Option(names = "--disable-cuda", description = "run on the CPU even when a GPU is visible")
    boolean disableCuda;

    @Mixin
    DecoderOptions decoder = new DecoderOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Transform transform = EvalTransforms.coco(longEdge, 1);
        try (NDManager manager = NDManager.newBaseManager(Devices.select(device, disableCuda))) {
            Checkpoint loaded = CheckpointFile.read(checkpoint, manager);
            PoseNetwork network = loaded.network();
            List<HeadMeta> heads = network.headMetas();
            Decoder dec = Decoders.create(decoder.toConfig(), heads);
            PosePainter painter = new PosePainter(skeleton(heads));
            List<DebugIndex> debug = debugIndices(heads);
            // the heads to copy from the network output: the decoder's and those drawn
            TreeSet<Integer> copied = new TreeSet<>(dec.headIndices());
            copied.addAll(DebugIndex.headIndices(debug, heads));
            ParameterStore parameters = new ParameterStore(manager, false);
            for (int i = 0; i < images.size(); i++) {
                Path image = images.get(i);
                long start = System.nanoTime();
                RgbImage rgb = ImageFileReader.read(image);
                Sample sample = new Sample(rgb, List.of(),
                        ImageMeta.of(i, i, image.getFileName().toString(), rgb.width(), rgb.height()));
                Sample input = transform.apply(sample, SampleRandom.of(0, 0, i));
                EncodedSample encoded = new EncodedSample(input.image().data(), input.image().height(),
                        input.image().width(), List.of(), input.meta());
                HostBatch batch = HostBatch.collate(List.of(encoded));
                Fields fields;
                try (NDManager scope = manager.newSubManager()) {
                    NDList outputs = network.forward(parameters, new NDList(batch.toNDArrays(scope).images()), false);
                    fields = Fields.ofBatch(outputs, heads, List.copyOf(copied)).getFirst();
                }
                Predictions predictions = dec.decode(fields).toOriginal(input.meta(), null);
                Path json = outputFile(image, jsonOutput, ".predictions.json");
                byte[] bytes = JSON.writeValueAsBytes(toJson(predictions));
                AtomicFile.write(json, o -> o.write(bytes));
                String drawn = "";
                if (imageOutput != null) {
                    Path picture = outputFile(image, imageOutput, ".predictions.jpeg");
                    List<PosePainter.Drawn> poses = predictions.poses().stream()
                            .map(p -> new PosePainter.Drawn(p.keypoints(), p.score())).toList();
                    PosePainter.write(painter.paint(rgb.toBufferedImage(), poses), picture);
                    drawn = ", " + picture;
                }
                if (!debug.isEmpty()) {
                    Path directory = debugDirectory(image);
                    List<Path> plots = new DebugPlots(directory, debug).writePredicted(encoded, fields, heads,
                            stem(image));
                    drawn += ", " + plots.size() + " debug images in " + directory;
                }
                out.printf(Locale.ROOT, "%s: %d poses, %d boxes -> %s%s (%.0f ms)%n", image, predictions.poses().size(),
                        predictions.detections().size(), json, drawn, (System.nanoTime() - start) / 1e6);
                out.flush();
            }
        }
        return 0;
    }

    /**
     * The fields selected for debug images, validated against the checkpoint's heads: none without
     * {@code --debug-images} or {@code --debug-indices} (which implies it).
     */
    private List<DebugIndex> debugIndices(List<HeadMeta> heads) {
        if (!debugImages && debugIndices.isEmpty()) {
            return List.of();
        }
        List<String> specs = debugIndices.isEmpty() ? List.of(heads.getFirst().name() + ":0") : debugIndices;
        return DebugIndex.parse(specs, heads);
    }

    /**
     * Takes the values of {@code --debug-indices} up to the first that is not {@code head:field}-like,
     * so that images may follow it ({@code --debug-indices cif:5 caf:5 photo.jpg}) as they may in the
     * reference; the first value is always taken, for {@link DebugIndex#parse} to judge.
     */
    static final class HeadFieldValues implements CommandLine.IParameterConsumer {

        @Override
        public void consumeParameters(Stack<String> args, CommandLine.Model.ArgSpec argSpec,
                                      CommandLine.Model.CommandSpec commandSpec) {
            if (args.isEmpty() || args.peek().startsWith("-")) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "--debug-indices needs at least one HEAD:FIELD, e.g. cif:5");
            }
            List<String> values = argSpec.getValue();
            values.add(args.pop());
            while (!args.isEmpty() && args.peek().contains(":") && !args.peek().startsWith("-")) {
                values.add(args.pop());
            }
        }
    }

    /** {@code --save-all DIR}, else the {@code --image-output} directory, else the image's own directory. */
    private Path debugDirectory(Path image) {
        if (saveAll != null) {
            return saveAll;
        }
        if (imageOutput != null && !imageOutput.isEmpty()) {
            return Path.of(imageOutput);
        }
        Path parent = image.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("");
    }

    /** The image's file name without its extension: {@code person.jpg} gives {@code person}. */
    static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Path outputFile(Path image, String directory, String suffix) throws IOException {
        String name = image.getFileName() + suffix;
        if (directory == null || directory.isEmpty()) {
            return image.resolveSibling(name);
        }
        Path dir = Files.createDirectories(Path.of(directory));
        return dir.resolve(name);
    }

    /**
     * The reference's per-image JSON ({@code json_data}): keypoints {@code [x, y, v, ...]}, bbox,
     * score and category, rounded and floored by {@link CocoResult} as the reference writes them.
     */
    static List<Map<String, Object>> toJson(Predictions predictions) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Pose pose : predictions.poses()) {
            list.add(entry(CocoResult.pose(0, 1, pose.xyv(), pose.score()).withBox(pose.bbox())));
        }
        for (Detection d : predictions.detections()) {
            list.add(entry(CocoResult.box(0, d.categoryId(), d.bbox(), d.score())));
        }
        return list;
    }

    private static Map<String, Object> entry(CocoResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (result.hasKeypoints()) {
            entry.put("keypoints", result.keypoints());
        }
        entry.put("bbox", result.bbox());
        entry.put("score", result.score());
        entry.put("category_id", result.categoryId());
        return entry;
    }

    private static List<Connection> skeleton(List<HeadMeta> heads) {
        for (HeadMeta head : heads) {
            if (head instanceof CifMeta cif) {
                return cif.drawSkeleton();
            }
        }
        return List.of();
    }
}
