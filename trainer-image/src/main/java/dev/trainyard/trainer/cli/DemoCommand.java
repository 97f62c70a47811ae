package dev.trainyard.trainer.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.BuildInfo;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.LoaderBatch;
import dev.trainyard.trainer.data.LoaderEpoch;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.dataset.CocoKp;
import dev.trainyard.trainer.dataset.CocoKpSettings;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.dataset.LoaderSettings;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.loss.LossConfig;
import dev.trainyard.trainer.loss.LossFactory;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.train.JsonLinesLog;
import dev.trainyard.trainer.train.LearningRateSchedule;
import dev.trainyard.trainer.train.Sgd;
import dev.trainyard.trainer.train.TrainingStep;
import dev.trainyard.trainer.transform.CocoKpConfig;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trainyard demo}: the end-to-end demo on embedded defaults. It generates synthetic people,
 * trains a ShuffleNetV2K16 with CIF/CAF heads on them for a few dozen steps, measures the
 * validation loss before and after, and prints where the data, log and weights are.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "End-to-end demo: synthetic COCO-format people, a short training of a CIF/CAF network,",
            "validation loss before and after, and where the outputs are. Runs on CPU in a few minutes."
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

    @Option(names = "--steps", defaultValue = "60", paramLabel = "N",
            description = "training steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--batch-size", defaultValue = "4", paramLabel = "N",
            description = "images per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--square-edge", defaultValue = "129", paramLabel = "PIXELS",
            description = "training crop edge, 16k+1 (default: ${DEFAULT-VALUE})")
    int squareEdge;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR",
            description = "learning rate of SGD with Nesterov momentum 0.9 (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--loader-workers", defaultValue = "2", paramLabel = "N",
            description = "data loading threads (default: ${DEFAULT-VALUE})")
    int loaderWorkers;

    @Option(names = "--no-augmentation",
            description = "train on rescaled, padded images without augmentation (an overfitting check)")
    boolean noAugmentation;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the data, the augmentation and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || batchSize < 1 || trainImages < batchSize || valImages < batchSize) {
            throw new BadInputException("--steps and --batch-size must be positive and --train-images and"
                    + " --val-images at least --batch-size");
        }
        PrintWriter console = spec.commandLine().getOut();
        long start = System.nanoTime();

        Path data = out.resolve("data");
        console.printf("1/3 synthetic data: %d train and %d val images of people -> %s%n", trainImages, valImages, data);
        console.flush();
        SyntheticPeople.generate(data, new SyntheticPeople.Options(trainImages, valImages, seed,
                ImageSizeRange.DEFAULT, true), SyntheticPeople.Progress.NONE);

        CocoKp cocokp = new CocoKp(CocoKpSettings.forRoot(data, augmentation(), 1));
        SampleSource train = cocokp.openTrain();
        SampleSource val = cocokp.openVal();
        Path logFile = out.resolve(basenet + "-demo.log");
        Path weightsFile = out.resolve(basenet + "-demo.params");
        try (NDManager manager = NDManager.newBaseManager();
                JsonLinesLog log = new JsonLinesLog(logFile)) {
            Engine.getInstance().setRandomSeed((int) seed);
            PoseNetwork network = NetworkFactory.createInitialized(NetworkConfig.of(basenet), cocokp.headMetas(), manager);
            List<HeadMeta> heads = network.headMetas();
            MultiHeadLoss loss = LossFactory.create(heads, LossConfig.defaults(), manager);
            TrainingStep step = new TrainingStep(network, loss,
                    new Sgd(TrainingStep.trainableArrays(network, loss), 0.9f, 0f, true), manager);
            log.write("process", Map.of("argv", spec.commandLine().getParseResult().originalArgs(),
                    "version", BuildInfo.current().version(), "basenet", basenet, "batch_size", batchSize,
                    "square_edge", squareEdge, "steps", steps, "lr", learningRate));

            console.printf("2/3 training %s (%s heads, stride %d) for %d steps of %d images at %dx%d%n", basenet,
                    String.join("+", heads.stream().map(HeadMeta::name).toList()), heads.getFirst().stride(),
                    steps, batchSize, squareEdge, squareEdge);
            console.flush();
            LoaderSettings loaderSettings = new LoaderSettings(batchSize, loaderWorkers, seed, true);
            try (BatchLoader<EncodedSample, HostBatch> trainLoader = cocokp.loader(train, heads, loaderSettings);
                    BatchLoader<EncodedSample, HostBatch> valLoader = cocokp.loader(val, heads, loaderSettings)) {
                double valBefore = validate(step, valLoader, manager);
                log.write("val", Map.of("step", 0, "loss", valBefore));
                // The reference's default warm-up: the first epoch ramps up from 1e-3 x lr, so the
                // first, very large gradients of a fresh network do not saturate its outputs.
                LearningRateSchedule schedule = LearningRateSchedule.warmUpOnly(learningRate, trainLoader.batchesPerEpoch());
                // Per-batch losses swing with the number of people in a batch; compare epoch means.
                List<double[]> epochLosses = new ArrayList<>();
                int done = 0;
                for (int epoch = 0; done < steps; epoch++) {
                    double[] sumAndCount = new double[2];
                    epochLosses.add(sumAndCount);
                    try (LoaderEpoch<HostBatch> batches = trainLoader.epoch(epoch)) {
                        for (LoaderBatch<HostBatch> batch : batches) {
                            double lr = schedule.at(done);
                            TrainingStep.StepResult result;
                            try (NDManager scope = manager.newSubManager()) {
                                result = step.run(batch.data().toNDArrays(scope), (float) lr);
                            }
                            done++;
                            sumAndCount[0] += result.loss();
                            sumAndCount[1]++;
                            Map<String, Object> record = new LinkedHashMap<>();
                            record.put("epoch", epoch);
                            record.put("step", done);
                            record.put("lr", lr);
                            record.put("loss", result.loss());
                            record.put("head_losses", result.components());
                            record.put("time", result.totalNanos() / 1e9);
                            record.put("data_time", batch.waitSeconds());
                            log.write("train", record);
                            if (done % 10 == 0 || done == steps) {
                                console.printf(Locale.ROOT, "    step %3d/%d  epoch %d  loss %.3f  (%.2f s/step)%n",
                                        done, steps, epoch, result.loss(), result.totalNanos() / 1e9);
                                console.flush();
                            }
                            if (done == steps) {
                                break;
                            }
                        }
                    }
                }
                double valAfter = validate(step, valLoader, manager);
                log.write("val", Map.of("step", done, "loss", valAfter));

                AtomicFile.write(weightsFile, o -> network.saveParameters(new DataOutputStream(o)));
                double[] first = epochLosses.getFirst();
                double[] last = epochLosses.getLast();
                console.printf(Locale.ROOT, "3/3 results: validation loss %.1f before training, %.1f after (%+.0f%%)%n",
                        valBefore, valAfter, 100 * (valAfter / valBefore - 1));
                console.printf(Locale.ROOT, "    training loss, mean per epoch: %.1f in epoch 0, %.1f in epoch %d%n",
                        first[0] / first[1], last[0] / last[1], epochLosses.size() - 1);
            }
        }
        console.printf(Locale.ROOT, "    data:    %s (COCO format: annotations/, images/)%n", data);
        console.printf(Locale.ROOT, "    log:     %s (JSON lines)%n", logFile);
        console.printf(Locale.ROOT, "    weights: %s (DJL parameters)%n", weightsFile);
        console.printf(Locale.ROOT, "    took %.0f s; decoding and COCO evaluation join the demo with `trainyard eval`%n",
                (System.nanoTime() - start) / 1e9);
        console.flush();
        return 0;
    }

    private CocoKpConfig augmentation() {
        CocoKpConfig config = CocoKpConfig.defaults().withSquareEdge(squareEdge);
        return noAugmentation ? config.withAugmentation(false) : config;
    }

    /** Mean validation loss over one pass of the validation loader. */
    private static double validate(TrainingStep step, BatchLoader<EncodedSample, HostBatch> loader, NDManager manager) {
        double sum = 0;
        int n = 0;
        try (LoaderEpoch<HostBatch> batches = loader.epoch(0)) {
            for (LoaderBatch<HostBatch> batch : batches) {
                try (NDManager scope = manager.newSubManager()) {
                    sum += step.validate(batch.data().toNDArrays(scope)).loss();
                    n++;
                }
            }
        }
        return sum / n;
    }
}
