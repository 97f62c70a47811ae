package dev.trainyard.trainer.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.BuildInfo;
import dev.trainyard.trainer.checkpoint.Checkpoint;
import dev.trainyard.trainer.checkpoint.CheckpointFile;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.LoaderBatch;
import dev.trainyard.trainer.data.LoaderEpoch;
import dev.trainyard.trainer.dataset.DataModule;
import dev.trainyard.trainer.dataset.DataModuleOptions;
import dev.trainyard.trainer.dataset.DataModules;
import dev.trainyard.trainer.dataset.EvalSet;
import dev.trainyard.trainer.dataset.EvalSettings;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.decoder.Decoder;
import dev.trainyard.trainer.decoder.DecoderOptions;
import dev.trainyard.trainer.decoder.Decoders;
import dev.trainyard.trainer.decoder.Detection;
import dev.trainyard.trainer.decoder.Pose;
import dev.trainyard.trainer.decoder.Predictions;
import dev.trainyard.trainer.eval.CheckpointGlob;
import dev.trainyard.trainer.eval.StatsFile;
import dev.trainyard.trainer.metric.CocoEvaluator;
import dev.trainyard.trainer.metric.CocoGroundTruth;
import dev.trainyard.trainer.metric.CocoResult;
import dev.trainyard.trainer.metric.CocoResultsWriter;
import dev.trainyard.trainer.metric.CocoStats;
import dev.trainyard.trainer.metric.ImageSelection;
import dev.trainyard.trainer.metric.IouType;
import dev.trainyard.trainer.metric.ResultsScoring;
import dev.trainyard.trainer.network.ParameterCounts;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.transform.EvalTransforms;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trainyard eval}: the reference's {@code python3 -m openpifpaf.eval}. Runs checkpoints on a
 * dataset's evaluation images, decodes, scores with the COCO metric and writes
 * {@code {checkpoint}.eval-{dataset}.stats.json}; {@code --watch} keeps evaluating new checkpoints.
 * With {@code --annotations} and {@code --predictions} it scores an existing COCO results file.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        customSynopsis = {
            "trainyard eval --checkpoint FILE|GLOB [--dataset NAME] [--watch [SECONDS]] [OPTIONS]",
            "trainyard eval --annotations GT.json --predictions RESULTS.json [--iou-type keypoints|bbox]"
        },
        description = {
            "Evaluate checkpoints with the COCO metric (the reference's eval command), or score a",
            "COCO results file. Writes {checkpoint}.eval-{dataset}.stats.json next to each checkpoint."
        })
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", paramLabel = "FILE|GLOB",
            description = "checkpoint file, or a quoted glob such as \"outputs/*-cocokp*.epoch??[05]\"")
    String checkpoint;

    @Option(names = "--dataset", defaultValue = "cocokp", paramLabel = "NAME",
            description = "dataset to evaluate on (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--watch", arity = "0..1", fallbackValue = "60", paramLabel = "SECONDS",
            description = "keep evaluating new matching checkpoints, polling every SECONDS (default 60)")
    Integer watch;

    @Option(names = {"--write-predictions", "--eval-write-predictions"},
            description = "also write {stem}.pred.json and {stem}.zip (predictions.json, COCO results format)")
    boolean writePredictions;

    @Option(names = "--output", paramLabel = "STEM",
            description = "output file name without extension (default: {checkpoint}.eval-{dataset}[variant])")
    Path output;

    @Option(names = "--skip-existing", description = "skip a checkpoint whose stats file exists already")
    boolean skipExisting;

    @Option(names = "--no-skip-epoch0", negatable = false, description = "also evaluate epoch 0 (.epoch000)")
    boolean noSkipEpoch0;

    @Option(names = "--batch-size", defaultValue = "1", paramLabel = "N",
            description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--loader-workers", paramLabel = "N", description = "image loading threads (default: 2)")
    Integer loaderWorkers;

    @Option(names = "--coco-eval-long-edge", defaultValue = "641", paramLabel = "PIXELS",
            description = "rescale the long edge to this, 0 keeps the size (default: ${DEFAULT-VALUE})")
    int longEdge;

    @Option(names = "--coco-no-eval-annotation-filter",
            description = "evaluate every image, also those without annotations")
    boolean noAnnotationFilter;

    @Option(names = "--coco-eval-orientation-invariant", description = "evaluate images turned by quarter turns")
    boolean orientationInvariant;

    @Option(names = "--coco-eval-extended-scale", description = "evaluate half of the images at half the long edge")
    boolean extendedScale;

    @Option(names = "--eval-n-images", defaultValue = "0", paramLabel = "N",
            description = "evaluate only the first n images (default: all)")
    int maxImages;

    @Option(names = "--device", paramLabel = "cpu|gpu", description = "where the network runs (default: gpu when visible)")
    String device;

    @Option(names = "--disable-cuda", description = "run on the CPU even when a GPU is visible")
    boolean disableCuda;

    @Option(names = "--annotations", paramLabel = "GT.json", description = "ground truth of a results file to score")
    Path annotations;

    @Option(names = "--predictions", paramLabel = "RESULTS.json", description = "COCO results file to score")
    Path predictions;

    @Option(names = "--iou-type", defaultValue = "keypoints", paramLabel = "TYPE",
            description = "keypoints or bbox, for --predictions (default: ${DEFAULT-VALUE})")
    String iouType;

    @Mixin
    DecoderOptions decoder = new DecoderOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private CocoGroundTruth truth;

    /** The settings part of output names, the same for every checkpoint ({@link #stem}). */
    private String variant;

    /** Data module flags by module name; filled by {@link TrainCommand#addDatasetOptions}. */
    final Map<String, DataModuleOptions> datasetOptions = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (predictions != null || annotations != null) {
            return scoreResultsFile(out);
        }
        if (checkpoint == null) {
            throw new BadInputException("give --checkpoint FILE|GLOB, or --annotations and --predictions");
        }
        DataModules.parse(dataset, List.copyOf(datasetOptions.keySet()));
        if (dataset.contains("-")) {
            throw new BadInputException("--dataset " + dataset + ": evaluate one dataset at a time");
        }
        CheckpointGlob glob = new CheckpointGlob(checkpoint);
        if (watch == null) {
            List<Path> files = glob.matches();
            if (files.isEmpty()) {
                throw new BadInputException(glob.isGlob() ? "--checkpoint " + checkpoint + " matches no file"
                        : "checkpoint " + checkpoint + " does not exist");
            }
            if (output != null && files.size() > 1) {
                throw new BadInputException("--output names one evaluation, but --checkpoint " + checkpoint + " matches "
                        + files.size() + " files");
            }
            for (Path file : files) {
                Path stats = StatsFile.of(stem(file));
                if (!noSkipEpoch0 && CheckpointGlob.isEpochZero(file)) {
                    out.println("not evaluating epoch 0: " + file + " (--no-skip-epoch0 to evaluate it)");
                } else if (skipExisting && Files.exists(stats)) {
                    out.println("skipping " + file + ": " + stats + " exists");
                } else {
                    evaluate(file, out);
                }
            }
            out.flush();
            return 0;
        }
        if (watch < 1) {
            throw new BadInputException("--watch must be at least 1 second, got " + watch);
        }
        if (output != null) {
            throw new BadInputException("--output cannot be combined with --watch: each checkpoint gets its own stats file");
        }
        watch(glob, out);
        return 0;
    }

    /**
     * Evaluates matching checkpoints that have no stats file yet (epoch 0 never), then polls. A bad
     * checkpoint is reported and skipped; watching goes on until interrupted.
     */
    private void watch(CheckpointGlob glob, PrintWriter out) {
        Set<Path> failed = new HashSet<>();
        out.printf(Locale.ROOT, "watching %s every %d s (Ctrl-C to stop)%n", checkpoint, watch);
        out.flush();
        while (!Thread.currentThread().isInterrupted()) {
            for (Path file : glob.matches()) {
                if ((!noSkipEpoch0 && CheckpointGlob.isEpochZero(file)) || Files.exists(StatsFile.of(stem(file)))
                        || failed.contains(file)) {
                    continue;
                }
                try {
                    evaluate(file, out);
                } catch (BadInputException | IOException e) {
                    failed.add(file);
                    spec.commandLine().getErr().println("trainyard: skipping " + file + ": " + e.getMessage());
                    spec.commandLine().getErr().flush();
                }
            }
            try {
                Thread.sleep(watch * 1000L);
            } catch (InterruptedException e) {
                // Stopping is the normal end of watching.
                Thread.currentThread().interrupt();
            }
        }
    }

    private int scoreResultsFile(PrintWriter out) {
        if (predictions == null || annotations == null) {
            throw new BadInputException("scoring a results file needs both --annotations and --predictions");
        }
        if (checkpoint != null) {
            throw new BadInputException("--checkpoint cannot be combined with --predictions");
        }
        CocoStats stats = ResultsScoring.score(annotations, predictions, IouType.of(iouType), ImageSelection.ALL,
                line -> out.println(line));
        Path statsFile = predictions.resolveSibling(predictions.getFileName() + ".stats.json");
        Map<String, Object> content = new LinkedHashMap<>(stats.toJson());
        content.put("annotations", annotations.toString());
        content.put("predictions", predictions.toString());
        content.put("argv", Main.argv(spec));
        content.put("version", BuildInfo.current().version());
        try {
            StatsFile.write(statsFile, content);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + statsFile + ": " + e.getMessage(), e);
        }
        out.println("stats: " + statsFile);
        out.flush();
        return 0;
    }

    /**
     * The output stem of a checkpoint, named as the reference's {@code default_output_name}:
     * {@code {checkpoint}.eval-{dataset}}, then {@code -coco[o][s]} for orientation-invariant and
     * extended-scale evaluation, {@code -cocoedge{N}} for a long edge other than 641,
     * {@code -dense[coupling]} for dense decoding; Trainyard adds the split for test splits
     * ({@code -test-dev2017}), where the reference would overwrite the val stats.
     */
    Path stem(Path file) {
        if (output != null) {
            return output;
        }
        if (variant == null) {
            // once: watching names every matching file on every poll
            variant = variant();
        }
        return StatsFile.stem(file, dataset, variant);
    }

    private String variant() {
        StringBuilder name = new StringBuilder(datasetOptions.get(dataset).create().evalVariant());
        if (orientationInvariant || extendedScale) {
            name.append("-coco").append(orientationInvariant ? "o" : "").append(extendedScale ? "s" : "");
        }
        if (longEdge != EvalTransforms.DEFAULT_LONG_EDGE) {
            name.append("-cocoedge").append(longEdge);
        }
        double dense = decoder.toConfig().denseCoupling();
        if (dense != 0) {
            name.append("-dense").append(dense != 1.0 ? Double.toString(dense) : "");
        }
        return name.toString();
    }

    /** Runs one checkpoint on the dataset and writes its stats file. */
    private void evaluate(Path file, PrintWriter out) throws IOException {
        long start = System.nanoTime();
        DataModule module = datasetOptions.get(dataset).create();
        int workers = loaderWorkers != null ? loaderWorkers : 2;
        EvalSettings settings = new EvalSettings(longEdge, batchSize, workers, !noAnnotationFilter, maxImages,
                extendedScale, orientationInvariant);
        Device dev = Devices.select(device, disableCuda);
        try (NDManager manager = NDManager.newBaseManager(dev);
                EvalSet set = module.evalSet(settings)) {
            Checkpoint loaded = CheckpointFile.read(file, manager);
            PoseNetwork network = loaded.network();
            if (network.headMetas().stream().noneMatch(h -> h.dataset().equals(dataset))) {
                throw new BadInputException("checkpoint " + file + " has heads "
                        + network.headMetas().stream().map(h -> h.fullName()).toList() + ", none for --dataset "
                        + dataset);
            }
            Decoder dec = Decoders.create(decoder.toConfig(), network.headMetas());
            out.printf(Locale.ROOT, "evaluating %s (epoch %d) on %d %s images with %s%n", file, loaded.meta().epoch(),
                    set.imageIds().size(), dataset, dec.describe());
            out.flush();
            IouType type = IouType.of(set.iouType());
            List<CocoResult> results = new ArrayList<>();
            long nnNanos = 0;
            long decoderNanos = 0;
            int images = 0;
            ParameterStore parameters = new ParameterStore(manager, false);
            try (LoaderEpoch<HostBatch> batches = set.loader().epoch(0)) {
                for (LoaderBatch<HostBatch> batch : batches) {
                    HostBatch host = batch.data();
                    try (NDManager scope = manager.newSubManager()) {
                        long t0 = System.nanoTime();
                        NDList outputs = network.forward(parameters, new NDList(host.toNDArrays(scope).images()), false);
                        // On a GPU the forward call may return before the kernels finish; the decoder's
                        // copy of the outputs then waits for them, so that time counts as decoding.
                        long t1 = System.nanoTime();
                        List<Predictions> decoded = dec.decodeBatch(outputs);
                        decoderNanos += System.nanoTime() - t1;
                        nnNanos += t1 - t0;
                        for (int i = 0; i < decoded.size(); i++) {
                            ImageMeta meta = host.metas().get(i);
                            addResults(results, decoded.get(i).toOriginal(meta, null), meta.imageId(), type);
                        }
                    }
                    images += host.batchSize();
                }
            }
            long metricStart = System.nanoTime();
            if (truth == null || !truth.path().equals(set.annotations())) {
                // Read once: watching evaluates many checkpoints against the same file.
                truth = CocoGroundTruth.read(set.annotations());
            }
            CocoStats stats = CocoEvaluator.of(type).evaluate(truth, results, set.imageIds());
            if (truth.hasAnnotations()) {
                stats.summaryLines().forEach(out::println);
            } else {
                // a test split: pycocotools reports -1 everywhere, and so does the stats file
                out.printf("%s has no annotations (a test split): no local stats; %s%n", set.annotations(),
                        writePredictions ? "submit the .zip to the COCO evaluation server"
                                : "add --write-predictions to write the results for the COCO evaluation server");
            }
            double metricSeconds = (System.nanoTime() - metricStart) / 1e9;
            Path stem = stem(file);
            if (writePredictions) {
                writePredictions(stem, results);
                out.printf("predictions: %s.pred.json, %s.zip%n", stem, stem);
            }
            Map<String, Object> content = new LinkedHashMap<>(stats.toJson());
            content.put("dataset", dataset);
            content.put("checkpoint", file.toString());
            content.put("checkpoint_epoch", loaded.meta().epoch());
            content.put("argv", Main.argv(spec));
            content.put("version", BuildInfo.current().version());
            content.put("decoder", dec.describe());
            content.put("decoder_settings", decoder.toConfig());
            content.put("eval_settings", settings);
            content.put("n_images", images);
            content.put("total_time", round((System.nanoTime() - start) / 1e9));
            content.put("nn_time_per_image", round(nnNanos / 1e9 / Math.max(1, images)));
            content.put("decoder_time_per_image", round(decoderNanos / 1e9 / Math.max(1, images)));
            content.put("metric_time", round(metricSeconds));
            content.put("file_size", Files.size(file));
            content.put("n_parameters", ParameterCounts.trainable(network));
            content.put("created", Instant.now().toString());
            Path statsFile = StatsFile.of(stem);
            StatsFile.write(statsFile, content);
            out.printf(Locale.ROOT, "%s %.4f  -> %s (%.0f s, nn %.0f ms + decoder %.1f ms per image)%n",
                    stats.textLabels().getFirst(), stats.values().getFirst(), statsFile,
                    (System.nanoTime() - start) / 1e9, nnNanos / 1e6 / Math.max(1, images),
                    decoderNanos / 1e6 / Math.max(1, images));
            out.flush();
        }
    }

    /**
     * The reference's results: at most 20 poses per image in decoder order, an empty image gets a
     * dummy pose; {@link CocoResult} rounds and floors as the reference writes them.
     */
    private static void addResults(List<CocoResult> results, Predictions predictions, long imageId, IouType type) {
        if (type == IouType.KEYPOINTS) {
            List<Pose> poses = predictions.poses();
            for (Pose pose : poses.subList(0, Math.min(20, poses.size()))) {
                results.add(CocoResult.pose(imageId, 1, pose.xyv(), pose.score()).withBox(pose.bbox()));
            }
            if (poses.isEmpty()) {
                results.add(CocoResult.pose(imageId, 1, new float[17 * 3], 0));
            }
        } else {
            for (Detection d : predictions.detections()) {
                results.add(CocoResult.box(imageId, d.categoryId(), d.bbox(), d.score()));
            }
        }
    }

    private static void writePredictions(Path stem, List<CocoResult> results) throws IOException {
        Path json = stem.resolveSibling(stem.getFileName() + ".pred.json");
        CocoResultsWriter.write(json, results);
        byte[] bytes = Files.readAllBytes(json);
        Path zip = stem.resolveSibling(stem.getFileName() + ".zip");
        dev.trainyard.trainer.AtomicFile.write(zip, o -> {
            ZipOutputStream z = new ZipOutputStream(o);
            z.putNextEntry(new ZipEntry("predictions.json"));
            z.write(bytes);
            z.closeEntry();
            z.finish();
        });
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
