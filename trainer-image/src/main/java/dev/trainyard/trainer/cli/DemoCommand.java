package dev.trainyard.trainer.cli;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.logs.EpochRow;
import dev.trainyard.trainer.logs.LogSummary;
import dev.trainyard.trainer.logs.TrainingLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trainyard demo}: the end-to-end demo on embedded defaults. It generates synthetic people,
 * runs {@code trainyard train} on them for a few epochs (checkpoints, JSON-lines log), summarises
 * the log as {@code trainyard logs} does, and prints where the data, log and model are.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "End-to-end demo: synthetic COCO-format people, a short `trainyard train` of a CIF/CAF network,",
            "its per-epoch train and validation losses, and where the outputs are. A few minutes on 2 CPU cores."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "demo", paramLabel = "DIR",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--basenet", defaultValue = "shufflenetv2k16", paramLabel = "NAME",
            description = "base network (default: ${DEFAULT-VALUE})")
    String basenet;

    @Option(names = "--train-images", defaultValue = "32", paramLabel = "N",
            description = "synthetic training images (default: ${DEFAULT-VALUE})")
    int trainImages;

    @Option(names = "--val-images", defaultValue = "8", paramLabel = "N",
            description = "synthetic validation images (default: ${DEFAULT-VALUE})")
    int valImages;

    @Option(names = "--epochs", defaultValue = "8", paramLabel = "N",
            description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "4", paramLabel = "N",
            description = "images per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--square-edge", defaultValue = "129", paramLabel = "PIXELS",
            description = "training crop edge, 16k+1 (default: ${DEFAULT-VALUE})")
    int squareEdge;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR",
            description = "learning rate of SGD with Nesterov momentum 0.9 (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--loader-workers", defaultValue = "2", paramLabel = "N",
            description = "data loading threads (default: ${DEFAULT-VALUE})")
    int loaderWorkers;

    @Option(names = "--no-augmentation",
            description = "train on rescaled, padded images without augmentation (an overfitting check)")
    boolean noAugmentation;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the data, the initialisation, the augmentation and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || batchSize < 1 || trainImages < batchSize || valImages < batchSize) {
            throw new BadInputException("--epochs and --batch-size must be positive and --train-images and"
                    + " --val-images at least --batch-size");
        }
        PrintWriter console = spec.commandLine().getOut();
        long start = System.nanoTime();

        Path data = out.resolve("data");
        console.printf("1/4 synthetic data: %d train and %d val images of people -> %s%n", trainImages, valImages, data);
        console.flush();
        SyntheticPeople.generate(data, new SyntheticPeople.Options(trainImages, valImages, seed,
                ImageSizeRange.DEFAULT, true), SyntheticPeople.Progress.NONE);

        Path outputs = out.resolve("outputs");
        Path model = outputs.resolve(basenet + "-demo.ckpt");
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "cocokp", "--basenet", basenet,
                "--cocokp-train-annotations", data.resolve(SyntheticPeople.TRAIN_ANNOTATIONS).toString(),
                "--cocokp-train-image-dir", data.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).toString(),
                "--cocokp-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
                "--cocokp-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString(),
                "--cocokp-square-edge", Integer.toString(squareEdge), "--batch-size", Integer.toString(batchSize),
                "--epochs", Integer.toString(epochs), "--lr", Double.toString(learningRate),
                "--loader-workers", Integer.toString(loaderWorkers), "--seed", Long.toString(seed),
                "-o", model.toString()));
        if (noAugmentation) {
            args.add("--cocokp-no-augmentation");
        }
        console.printf("2/4 trainyard %s%n", String.join(" ", args));
        console.flush();
        CommandLine train = Main.commandLine();
        train.setOut(console);
        train.setErr(spec.commandLine().getErr());
        int status = train.execute(args.toArray(String[]::new));
        if (status != 0) {
            return status;
        }

        Path logFile = outputs.resolve(model.getFileName() + ".log");
        TrainingLog log = TrainingLog.read(logFile);
        Path lastCheckpoint = outputs.resolve(model.getFileName() + String.format(Locale.ROOT, ".epoch%03d", epochs));
        List<String> evalArgs = List.of("eval", "--checkpoint", lastCheckpoint.toString(),
                "--cocokp-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
                "--cocokp-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString(),
                "--loader-workers", Integer.toString(loaderWorkers));
        console.printf("3/4 trainyard %s%n", String.join(" ", evalArgs));
        console.flush();
        CommandLine eval = Main.commandLine();
        eval.setOut(console);
        eval.setErr(spec.commandLine().getErr());
        status = eval.execute(evalArgs.toArray(String[]::new));
        if (status != 0) {
            return status;
        }
        console.println("4/4 results (as `trainyard logs` prints them):");
        LogSummary.print(log, false, console);
        List<EpochRow> rows = EpochRow.of(log);
        if (rows.size() > 1) {
            console.printf(Locale.ROOT, "    training loss %.1f in epoch 1, %.1f in epoch %d (%+.0f%%)%n",
                    rows.getFirst().trainLoss(), rows.getLast().trainLoss(), rows.getLast().epoch(),
                    100 * (rows.getLast().trainLoss() / rows.getFirst().trainLoss() - 1));
        }
        console.printf(Locale.ROOT, "    data:        %s (COCO format: annotations/, images/)%n", data);
        console.printf(Locale.ROOT, "    log:         %s (JSON lines; `trainyard logs %s --plot plots`)%n", logFile,
                logFile);
        List<String> checkpoints = checkpoints(outputs);
        console.printf(Locale.ROOT, "    checkpoints: %s ... %s (%d files, one per epoch)%n", checkpoints.getFirst(),
                checkpoints.getLast(), checkpoints.size());
        console.printf(Locale.ROOT, "    final model: %s%n", finalModel(outputs, model));
        console.printf(Locale.ROOT, "    evaluation:  %s (COCO keypoint AP; a few epochs on synthetic people are far from"
                + " useful poses)%n", dev.trainyard.trainer.eval.StatsFile.of(lastCheckpoint, "cocokp"));
        console.printf(Locale.ROOT, "    took %.0f s%n",
                (System.nanoTime() - start) / 1e9);
        console.flush();
        return 0;
    }

    private static List<String> checkpoints(Path outputs) throws java.io.IOException {
        try (Stream<Path> files = Files.list(outputs)) {
            return files.map(Path::toString).filter(name -> name.matches(".*\\.epoch\\d+")).sorted().toList();
        }
    }

    /** The sha-suffixed copy of the last checkpoint. */
    private static String finalModel(Path outputs, Path model) throws java.io.IOException {
        String stem = model.getFileName().toString().replaceFirst("\\.ckpt$", "-");
        try (Stream<Path> files = Files.list(outputs)) {
            return files.map(Path::toString)
                    .filter(name -> Path.of(name).getFileName().toString().matches(java.util.regex.Pattern.quote(stem)
                            + "[0-9a-f]{8}\\.ckpt"))
                    .findFirst().orElse("(none)");
        }
    }
}
