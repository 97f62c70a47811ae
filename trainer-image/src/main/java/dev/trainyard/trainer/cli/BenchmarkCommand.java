package dev.trainyard.trainer.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.BuildInfo;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.LoaderEpoch;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.dataset.CocoKp;
import dev.trainyard.trainer.dataset.CocoKpOptions;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.dataset.LoaderSettings;
import dev.trainyard.trainer.dist.Collective;
import dev.trainyard.trainer.dist.GradientAllReduce;
import dev.trainyard.trainer.dist.ParameterBroadcast;
import dev.trainyard.trainer.dist.SingleProcess;
import dev.trainyard.trainer.encoder.EncoderOptions;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.loss.LossFactory;
import dev.trainyard.trainer.loss.LossOptions;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.NetworkOptions;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.network.SyncBatchNorm;
import dev.trainyard.trainer.train.TrainableParameters;
import dev.trainyard.trainer.train.TrainingBenchmark;
import dev.trainyard.trainer.train.TrainingStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trainyard benchmark}: milliseconds per training step (forward, composite loss, backward,
 * Nesterov SGD) for a basenet, batch size and square edge, on one augmented and encoded batch.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Time training steps (forward, composite loss, backward, SGD with Nesterov momentum) of a network.",
            "The batch comes from synthetic people (or --data DIR in the COCO layout), augmented and encoded",
            "once; the steps then repeat on it, so the numbers measure the network, not data loading."
        })
public final class BenchmarkCommand implements Callable<Integer> {

    @Mixin
    NetworkOptions network;

    @Mixin
    CocoKpOptions cocokp;

    @Mixin
    EncoderOptions encoder = new EncoderOptions();

    @Mixin
    LossOptions loss;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "images per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--steps", defaultValue = "5", paramLabel = "N",
            description = "timed steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--data", paramLabel = "DIR",
            description = "dataset in the reference layout (annotations/, images/train2017/); default: synthetic people")
    Path data;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the synthetic data, the augmentation and the initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print machine-readable JSON instead of a table")
    boolean json;

    @Mixin
    DdpOptions ddp = new DdpOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || steps < 1 || warmup < 0) {
            throw new BadInputException("--batch-size and --steps must be positive and --warmup not negative");
        }
        ddp.validate();
        // without --ddp each process benchmarks alone, also under mpirun (the baseline of --ddp's overhead)
        try (Collective processes = ddp.ddp ? ddp.open() : new SingleProcess()) {
            return benchmark(processes);
        }
    }

    private int benchmark(Collective processes) throws Exception {
        boolean lead = processes.rank() == 0;
        PrintWriter silent = new PrintWriter(Writer.nullWriter());
        PrintWriter out = lead ? spec.commandLine().getOut() : silent;
        PrintWriter err = lead ? spec.commandLine().getErr() : silent;
        boolean syncBatchNorm = ddp.synchronisesBatchNorm(processes);
        Path synthetic = null;
        try {
            if (data == null) {
                synthetic = Files.createTempDirectory("trainyard-benchmark-");
                SyntheticPeople.generate(synthetic.resolve("data"),
                        new SyntheticPeople.Options(batchSize, 0, seed, ImageSizeRange.DEFAULT, false),
                        SyntheticPeople.Progress.NONE);
                cocokp.useDatasetRoot(synthetic.resolve("data"));
            } else {
                cocokp.useDatasetRoot(data);
            }
            cocokp.useSharedEncoder(encoder.toConfig());
            CocoKp module = new CocoKp(cocokp.toSettings());
            try (NDManager manager = NDManager.newBaseManager();
                    SyncBatchNorm.Scope scope = SyncBatchNorm.across(syncBatchNorm ? processes : new SingleProcess())) {
                Engine.getInstance().setRandomSeed((int) seed);
                PoseNetwork net = NetworkFactory.createInitialized(network.toConfig("shufflenetv2k16"), module.headMetas(), manager);
                List<HeadMeta> heads = net.headMetas();
                MultiHeadLoss multiHeadLoss = LossFactory.create(heads, loss.toConfig(), manager);
                HostBatch batch = firstBatch(module, heads);
                String header = header(net, batch) + (processes.isDistributed()
                        ? String.format(Locale.ROOT, "%n--ddp: %d processes, batch %d each, SyncBatchNorm %s",
                                processes.size(), batchSize, syncBatchNorm ? "on" : "off")
                        : "");
                if (!json) {
                    out.println(header);
                    out.flush();
                }
                TrainingBenchmark benchmark = new TrainingBenchmark(net, multiHeadLoss, manager);
                GradientAllReduce gradients = null;
                if (processes.isDistributed()) {
                    ParameterBroadcast.fromRankZero(processes, net);
                    gradients = new GradientAllReduce(processes, TrainableParameters.of(net, multiHeadLoss).network(),
                            ddp.bucketBytes());
                    benchmark.averaging(gradients);
                }
                TrainingBenchmark.Result result = benchmark.run(batch, warmup, steps, 1e-3f, n -> {
                            if (!json) {
                                err.printf(Locale.ROOT, "\rstep %d/%d", n, warmup + steps);
                                err.flush();
                            }
                        });
                if (!json) {
                    err.print("\r              \r");
                    err.flush();
                }
                if (gradients != null) {
                    gradients.close();
                }
                out.print(json ? toJson(net, batch, result) : toTable(result, processes.isDistributed()));
                out.flush();
            }
        } finally {
            if (synthetic != null) {
                deleteRecursively(synthetic);
            }
        }
        return 0;
    }

    /** The first training batch, loaded on this thread by the module's own loader. */
    private HostBatch firstBatch(CocoKp module, List<HeadMeta> heads) {
        try (BatchLoader<EncodedSample, HostBatch> loader = module.trainLoader(heads, new LoaderSettings(batchSize, 0, seed, true));
                LoaderEpoch<HostBatch> epoch = loader.epoch(0)) {
            return epoch.next().data();
        }
    }

    private static String header(PoseNetwork net, HostBatch batch) {
        String heads = String.join("+", net.headMetas().stream().map(HeadMeta::name).toList());
        return String.format(Locale.ROOT,
                "benchmark: %s with %s heads (stride %d), input %dx3x%dx%d, PyTorch %s on %s, %d intra-op threads, trainyard %s",
                net.basenetName(), heads, net.headMetas().getFirst().stride(), batch.batchSize(), batch.height(),
                batch.width(), Engine.getInstance().getVersion(), Engine.getInstance().defaultDevice(),
                JniUtils.getNumThreads(), BuildInfo.current().version());
    }

    /** The per-step table; {@code distributed} adds the gradient all-reduce column. */
    static String toTable(TrainingBenchmark.Result result, boolean distributed) {
        StringBuilder text = new StringBuilder();
        String row = "%-8s %11s %9s %12s" + (distributed ? " %13s" : "%s") + " %13s %10s%n";
        text.append(String.format(Locale.ROOT, row, "step", "forward ms", "loss ms", "backward ms",
                distributed ? "all-reduce ms" : "", "optimizer ms", "step ms"));
        List<TrainingStep.StepResult> all = result.all();
        for (int i = 0; i < all.size(); i++) {
            TrainingStep.StepResult s = all.get(i);
            long averaging = result.averagingNanos().get(i);
            text.append(String.format(Locale.ROOT, row, (i + 1) + (i < result.warmup() ? "*" : ""),
                    millis(s.forwardNanos()), millis(s.lossNanos()), millis(s.backwardNanos()),
                    distributed ? millis(averaging) : "", millis(s.optimizerNanos()), millis(s.totalNanos() + averaging)));
        }
        text.append(String.format(Locale.ROOT, row, "median", median(result.medianForwardMillis()),
                median(result.medianLossMillis()), median(result.medianBackwardMillis()),
                distributed ? median(result.medianAveragingMillis()) : "", median(result.medianOptimizerMillis()),
                median(result.medianStepMillis())));
        text.append(String.format(Locale.ROOT,
                "(* warm-up, not in the medians) %.2f images/s at the median step%n",
                result.imagesPerSecond()));
        return text.toString();
    }

    private static String median(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String toJson(PoseNetwork net, HostBatch batch, TrainingBenchmark.Result result) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("basenet", net.basenetName());
        node.put("batchSize", batch.batchSize());
        node.put("height", batch.height());
        node.put("width", batch.width());
        node.put("threads", JniUtils.getNumThreads());
        node.put("version", BuildInfo.current().version());
        node.put("medianForwardMillis", result.medianForwardMillis());
        node.put("medianLossMillis", result.medianLossMillis());
        node.put("medianBackwardMillis", result.medianBackwardMillis());
        node.put("medianOptimizerMillis", result.medianOptimizerMillis());
        node.put("medianAllReduceMillis", result.medianAveragingMillis());
        node.put("medianStepMillis", result.medianStepMillis());
        node.put("imagesPerSecond", result.imagesPerSecond());
        ArrayNode steps = node.putArray("steps");
        for (TrainingStep.StepResult s : result.all()) {
            ObjectNode step = steps.addObject();
            step.put("forwardMillis", s.forwardNanos() / 1e6);
            step.put("lossMillis", s.lossNanos() / 1e6);
            step.put("backwardMillis", s.backwardNanos() / 1e6);
            step.put("optimizerMillis", s.optimizerNanos() / 1e6);
            step.put("loss", s.loss());
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node) + System.lineSeparator();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's temporary data " + root, e);
        }
    }
}
