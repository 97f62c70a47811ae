package dev.trainyard.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.BuildInfo;
import dev.trainyard.trainer.checkpoint.Checkpoint;
import dev.trainyard.trainer.checkpoint.CheckpointFile;
import dev.trainyard.trainer.checkpoint.CheckpointMeta;
import dev.trainyard.trainer.checkpoint.HeadConsolidation;
import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.dataset.DataModule;
import dev.trainyard.trainer.dataset.DataModuleOptions;
import dev.trainyard.trainer.dataset.DataModulePlugin;
import dev.trainyard.trainer.dataset.DataModules;
import dev.trainyard.trainer.dataset.DatasetWeights;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.dataset.LoaderSettings;
import dev.trainyard.trainer.dataset.MultiLoader;
import dev.trainyard.trainer.dist.Collective;
import dev.trainyard.trainer.dist.SingleProcess;
import dev.trainyard.trainer.debug.DebugIndex;
import dev.trainyard.trainer.debug.DebugPlots;
import dev.trainyard.trainer.encoder.EncoderOptions;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.loss.LossFactory;
import dev.trainyard.trainer.loss.LossOptions;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.NetworkOptions;
import dev.trainyard.trainer.network.NormKind;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.network.SyncBatchNorm;
import dev.trainyard.trainer.train.JsonLinesLog;
import dev.trainyard.trainer.train.LearningRateSchedule;
import dev.trainyard.trainer.train.Optimizer;
import dev.trainyard.trainer.train.OptimizerOptions;
import dev.trainyard.trainer.train.OutputPaths;
import dev.trainyard.trainer.train.Progress;
import dev.trainyard.trainer.train.TrainableParameters;
import dev.trainyard.trainer.train.Trainer;
import dev.trainyard.trainer.train.TrainerConfig;
import dev.trainyard.trainer.train.TrainerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trainyard train}: the reference's {@code python3 -m openpifpaf.train} with the same
 * flags. Builds (or refines) a network for the selected datasets, trains it with the composite
 * loss, and writes checkpoints and a JSON-lines log under {@code outputs/}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        customSynopsis = "trainyard train --dataset NAME[-NAME...] (--basenet NAME | --checkpoint FILE) --epochs N [OPTIONS]",
        description = {
            "Train a composite-field (CIF/CAF) network with the reference's train flags.",
            "Writes {out}.epochNNN checkpoints, a final {stem}-{sha256[:8]}.ckpt and the",
            "JSON-lines log {out}.log (see `trainyard logs`); docs/training.md has details."
        })
public final class TrainCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "output file (default: outputs/{basenet}-{yyMMdd-HHmmss}-{dataset}.ckpt)")
    Path output;

    @Option(names = "--dataset", paramLabel = "NAME[-NAME...]", required = true,
            description = "dataset(s) to train on: ${COMPLETION-CANDIDATES}; several joined with '-'",
            completionCandidates = DatasetNames.class)
    String dataset;

    @Option(names = "--dataset-weights", arity = "1..*", paramLabel = "W",
            description = "sampling weights of the datasets (n, or n-1 with the last taking the rest)")
    List<Double> datasetWeights = new ArrayList<>();

    @Option(names = "--batch-size", defaultValue = "1", paramLabel = "N",
            description = "images per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--loader-workers", paramLabel = "N",
            description = "data loading threads (default: min(16, batch size))")
    Integer loaderWorkers;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "refine this checkpoint, continuing its epoch count")
    Path checkpoint;

    @Option(names = "--head-consolidation", defaultValue = "filter_and_extend", paramLabel = "MODE",
            description = "heads of a refined checkpoint: filter_and_extend, create or keep (default: ${DEFAULT-VALUE})")
    String headConsolidation;

    @Option(names = "--device", paramLabel = "cpu|gpu",
            description = "where the network runs (default: gpu when one is visible, else cpu)")
    String device;

    @Option(names = "--disable-cuda", description = "run on the CPU even when a GPU is visible")
    boolean disableCuda;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of initialisation, augmentation and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--strict-stability",
            description = "refuse to start when lr x clip-grad-value exceeds sqrt(BatchNorm eps)")
    boolean strictStability;

    @Option(names = "--debug", description = "do not shuffle the datasets (the same images first, for debugging)")
    boolean debug;

    @Option(names = "--debug-images",
            description = "write the training inputs with their ground-truth fields as PNGs (implies --debug)")
    boolean debugImages;

    @Option(names = "--debug-indices", arity = "1..*", paramLabel = "HEAD:FIELD",
            description = "fields to draw with --debug-images, e.g. cif:5 caf:5; implies --debug-images"
                    + " (default: cif:0)")
    List<String> debugIndices = new ArrayList<>();

    @Option(names = "--save-all", arity = "0..1", paramLabel = "DIR", fallbackValue = "all-images",
            description = "directory of the debug images (default with --debug-images: all-images)")
    Path saveAll;

    @Option(names = {"-q", "--quiet"}, description = "no progress output (the log file is unaffected)")
    boolean quiet;

    @Mixin
    DdpOptions ddp = new DdpOptions();

    @Option(names = "--ddp-check-interval", defaultValue = "0", paramLabel = "STEPS",
            description = "in DDP mode, also confirm every STEPS optimizer steps that all processes hold identical"
                    + " weights (always done at the end of each epoch; default: ${DEFAULT-VALUE}, epoch ends only)")
    int ddpCheckInterval;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Mixin
    EncoderOptions encoder = new EncoderOptions();

    @Mixin
    LossOptions loss = new LossOptions();

    @Mixin
    TrainerOptions trainer = new TrainerOptions();

    @Mixin
    OptimizerOptions optimizer = new OptimizerOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Data module flags by module name; filled by {@link #addDatasetOptions}. */
    final Map<String, DataModuleOptions> datasetOptions = new LinkedHashMap<>();

    /** Adds every registered data module's flags to a command, collecting them by module name. */
    static void addDatasetOptions(CommandLine command, Map<String, DataModuleOptions> byName) {
        for (DataModulePlugin plugin : DataModules.plugins()) {
            DataModuleOptions options = plugin.newOptions();
            command.addMixin(plugin.name(), options);
            byName.put(plugin.name(), options);
        }
    }

    @Override
    public Integer call() throws Exception {
        ddp.validate();
        if (ddpCheckInterval < 0) {
            throw new BadInputException("--ddp-check-interval must be 0 or more, got " + ddpCheckInterval);
        }
        try (Collective processes = ddp.open()) {
            return train(processes);
        }
    }

    /**
     * Trains as process {@code processes.rank()} of {@code processes.size()}: all processes train
     * on their own shard of every epoch; rank 0 alone prints, logs and writes checkpoints.
     */
    private int train(Collective processes) throws Exception {
        boolean lead = processes.rank() == 0;
        PrintWriter console = lead ? spec.commandLine().getOut() : new PrintWriter(java.io.Writer.nullWriter());
        Progress progress = quiet || !lead ? Progress.NONE : Progress.console(console);

        List<String> names = DataModules.parse(dataset, List.copyOf(datasetOptions.keySet()));
        double[] weights = DatasetWeights.resolve(datasetWeights, names);
        List<DataModule> modules = new ArrayList<>();
        for (String name : names) {
            DataModuleOptions options = datasetOptions.get(name);
            options.useSharedEncoder(encoder.toConfig());
            modules.add(options.create());
        }
        TrainerConfig trainerConfig = trainer.toConfig();
        int workers = loaderWorkers != null ? loaderWorkers : BatchLoader.defaultWorkers(batchSize);
        // as in predict, naming fields to draw asks for the debug images
        boolean drawDebug = debugImages || !debugIndices.isEmpty();
        // each process reads its own shard of every epoch (train and validation, as the reference's
        // DistributedSampler); one shard of one alone
        LoaderSettings loaderSettings = new LoaderSettings(batchSize, workers, seed, !(debug || drawDebug))
                .sharded(processes.rank(), processes.size());

        CheckpointMeta refined = checkpoint != null ? CheckpointFile.readMeta(checkpoint) : null;
        NetworkConfig networkConfig = networkConfig(refined);
        HeadConsolidation consolidation = HeadConsolidation.parse(headConsolidation);
        if (lead) {
            checkStability(networkConfig, progress);
        }

        Device dev = Devices.select(device, disableCuda);
        if (dev.isGpu() && processes.isDistributed()) {
            dev = Device.gpu(processes.localRank());
        }
        List<HeadMeta> datasetHeads = new ArrayList<>();
        modules.forEach(m -> datasetHeads.addAll(m.headMetas()));

        try (NDManager manager = NDManager.newBaseManager(dev)) {
            Engine.getInstance().setRandomSeed((int) seed);
            int startEpoch = 0;
            PoseNetwork net;
            boolean syncBatchNorm = ddp.synchronisesBatchNorm(processes);
            if (processes.isDistributed() && ddp.batchNormUnspecified() && lead) {
                spec.commandLine().getErr().println("trainyard: note: --ddp keeps BatchNorm statistics per process;"
                        + " SyncBatchNorm is experimental in this version (--sync-batchnorm, docs/distributed.md)");
                spec.commandLine().getErr().flush();
            }
            try (SyncBatchNorm.Scope scope = SyncBatchNorm.across(syncBatchNorm ? processes : new SingleProcess())) {
                if (refined != null) {
                    Checkpoint loaded = CheckpointFile.read(checkpoint, manager);
                    net = consolidation.apply(loaded, datasetHeads, manager);
                    startEpoch = refined.epoch();
                } else {
                    net = NetworkFactory.createInitialized(networkConfig, datasetHeads, manager);
                }
            }
            MultiHeadLoss multiLoss = LossFactory.create(net.headMetas(), loss.toConfig(), manager);
            TrainableParameters trainable = TrainableParameters.of(net, multiLoss);
            Optimizer opt = optimizer.create(trainable.all());

            OutputPaths outputs = outputPaths(modules.getFirst(), net.basenetName());
            // The network's heads are the modules' heads concatenated, in --dataset order.
            List<List<HeadMeta>> headsByModule = new ArrayList<>();
            int offset = 0;
            for (DataModule module : modules) {
                int n = module.headMetas().size();
                headsByModule.add(net.headMetas().subList(offset, offset + n));
                offset += n;
            }
            List<Integer> moduleHeads = headsByModule.stream().map(List::size).toList();
            try (MultiLoader train = new MultiLoader(loaders(modules, headsByModule, loaderSettings, true), weights);
                    MultiLoader val = new MultiLoader(loaders(modules, headsByModule, loaderSettings, false), weights);
                    JsonLinesLog log = lead ? new JsonLinesLog(outputs.log()) : JsonLinesLog.discarding()) {
                int batchesPerEpoch = trainerConfig.batchesPerEpoch(train.batchesPerEpoch());
                if (batchesPerEpoch < 1) {
                    throw new BadInputException("--dataset " + dataset + " gives no training batch per epoch"
                            + " (batch size " + batchSize + ", weights " + java.util.Arrays.toString(weights) + ")");
                }
                LearningRateSchedule schedule = optimizer.schedule(batchesPerEpoch);
                Map<String, Object> args = resolvedArgs();
                String hostname = hostname();
                log.write("process", processRecord(args, hostname, dev, opt, weights, processes, syncBatchNorm));
                CheckpointMeta meta = new CheckpointMeta(startEpoch, networkConfig, net.headMetas(), names, args,
                        Main.argv(spec), BuildInfo.current().version(), hostname, Instant.now().toString());
                console.printf(Locale.ROOT, "%s: %s (%s heads, stride %d) on %s, %s, %d batches of %d per epoch%n",
                        refined != null ? "refining " + checkpoint + " from epoch " + startEpoch : "training",
                        net.basenetName(), String.join("+", net.headMetas().stream().map(HeadMeta::fullName).toList()),
                        net.headMetas().getFirst().stride(), dataset, dev, batchesPerEpoch, batchSize);
                console.printf(Locale.ROOT, "output: %s (log %s)%n", outputs.out(), outputs.log());
                console.flush();
                Trainer.CheckpointSink sink = lead
                        ? (epoch, last) -> writeCheckpoint(outputs, net, meta, epoch, last, log, progress)
                        : (epoch, last) -> { };
                Trainer trainerLoop = new Trainer(net, multiLoss, opt, trainable, schedule, trainerConfig, moduleHeads,
                        sink, log, progress, manager);
                if (processes.isDistributed()) {
                    trainerLoop.distributed(processes, ddp.bucketBytes(), ddpCheckInterval);
                }
                if (drawDebug) {
                    trainerLoop.observer(debugObserver(net.headMetas(), headsByModule, console));
                }
                trainerLoop.loop(train, val, startEpoch);
            }
        }
        return 0;
    }

    /** Writes every training image with the selected ground-truth fields drawn over it. */
    private Trainer.BatchObserver debugObserver(
            List<HeadMeta> heads, List<List<HeadMeta>> headsByModule, PrintWriter console) {
        List<String> specs = debugIndices.isEmpty() ? List.of("cif:0") : debugIndices;
        List<DebugIndex> indices = DebugIndex.parse(specs, heads);
        Path directory = saveAll != null ? saveAll : Path.of("all-images");
        DebugPlots plots = new DebugPlots(directory, indices);
        console.printf("debug images of %s -> %s%n", String.join(" ", specs), directory);
        return (module, epoch, batch, data) -> {
            List<HeadMeta> own = headsByModule.get(module);
            for (int i = 0; i < data.batchSize(); i++) {
                plots.write(data.sample(i, own), own,
                        String.format(Locale.ROOT, "e%03d-b%04d-i%02d", epoch, batch, i));
            }
        };
    }

    private NetworkConfig networkConfig(CheckpointMeta refined) {
        if (refined == null) {
            if (network.basenetGiven() == null) {
                throw new BadInputException("give --basenet NAME to train from scratch or --checkpoint FILE to refine"
                        + " a model (known basenets: " + String.join(", ", dev.trainyard.trainer.network.Basenets.NAMES)
                        + ")");
            }
            return network.toConfig();
        }
        String given = network.basenetGiven();
        if (given != null && !given.equals(refined.network().basenet())) {
            throw new BadInputException("--basenet " + given + " contradicts --checkpoint " + checkpoint + ", a "
                    + refined.network().basenet() + "; drop --basenet to refine the checkpoint");
        }
        return refined.network();
    }

    /** The guide's stability rule: lr x clip-grad-value <= sqrt(eps) of the normalisation. */
    private void checkStability(NetworkConfig config, Progress progress) {
        double clip = trainer.clipGradValue();
        if (clip <= 0) {
            return;
        }
        boolean batchNorm = !config.basenet().startsWith("shufflenetv2k") || config.shufflenetv2k().norm() == NormKind.BATCH;
        double eps = batchNorm ? NormKind.BATCH_EPSILON : NormKind.GROUP_INSTANCE_EPSILON;
        double lr = optimizer.learningRate();
        if (lr * clip > Math.sqrt(eps)) {
            String message = String.format(Locale.ROOT,
                    "--lr %s x --clip-grad-value %s = %.4g exceeds sqrt(BatchNorm eps %s) = %.4g; training may be"
                            + " unstable (the guide's rule lr x clip-grad-value <= sqrt(eps))",
                    lr, clip, lr * clip, eps, Math.sqrt(eps));
            if (strictStability) {
                throw new BadInputException(message + "; --strict-stability refuses to start");
            }
            spec.commandLine().getErr().println("trainyard: warning: " + message);
            spec.commandLine().getErr().flush();
        }
    }

    private List<BatchLoader<EncodedSample, HostBatch>> loaders(
            List<DataModule> modules, List<List<HeadMeta>> headsByModule, LoaderSettings settings, boolean train) {
        List<BatchLoader<EncodedSample, HostBatch>> loaders = new ArrayList<>();
        try {
            for (int i = 0; i < modules.size(); i++) {
                List<HeadMeta> heads = headsByModule.get(i);
                loaders.add(train ? modules.get(i).trainLoader(heads, settings) : modules.get(i).valLoader(heads, settings));
            }
        } catch (RuntimeException e) {
            loaders.forEach(BatchLoader::close);
            throw e;
        }
        return loaders;
    }

    private OutputPaths outputPaths(DataModule first, String basenet) {
        if (output != null) {
            return new OutputPaths(output);
        }
        String base = checkpoint != null && network.basenetGiven() == null ? OutputPaths.basenetOf(checkpoint) : basenet;
        double orientation = 0;
        boolean extended = false;
        if (first instanceof dev.trainyard.trainer.dataset.CocoKp cocokp) {
            orientation = cocokp.settings().augmentation().orientationInvariant();
            extended = cocokp.settings().augmentation().extendedScale();
        }
        return OutputPaths.defaultFor(Path.of("outputs"), base, dataset, LocalDateTime.now(),
                System.getenv("SLURM_JOB_ID"), first.squareEdge(), orientation, extended);
    }

    private void writeCheckpoint(OutputPaths outputs, PoseNetwork net, CheckpointMeta meta, int epoch, boolean last,
            JsonLinesLog log, Progress progress) {
        Path file = outputs.epoch(epoch);
        try {
            CheckpointFile.write(file, net, meta.at(epoch, Instant.now().toString()));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("epoch", epoch);
            record.put("file", file.toString());
            record.put("size", Files.size(file));
            if (last) {
                String sha = CheckpointFile.sha256(file);
                Path finalFile = outputs.finalFile(sha);
                Path temp = finalFile.resolveSibling("." + finalFile.getFileName() + ".tmp");
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, finalFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                record.put("sha256", sha);
                record.put("final", finalFile.toString());
                progress.message("final model: " + finalFile);
            }
            log.write("checkpoint", record);
        } catch (IOException e) {
            throw new BadInputException("cannot write checkpoint " + file + ": " + e.getMessage()
                    + " (nothing was left under that name)", e);
        }
    }

    private Map<String, Object> processRecord(Map<String, Object> args, String hostname, Device dev, Optimizer opt,
            double[] weights, Collective processes, boolean syncBatchNorm) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("argv", Main.argv(spec));
        record.put("args", args);
        record.put("version", BuildInfo.current().version());
        record.put("git_commit", BuildInfo.current().commitFull());
        record.put("hostname", hostname);
        record.put("device", dev.toString());
        record.put("world_size", processes.size());
        record.put("batch_size", batchSize);
        record.put("global_batch_size", batchSize * processes.size());
        record.put("sync_batchnorm", syncBatchNorm);
        record.put("optimizer", opt.describe());
        record.put("dataset_weights", weights);
        return record;
    }

    /** Every flag's value after defaults, named as the reference's args ({@code cocokp_square_edge}). */
    private Map<String, Object> resolvedArgs() {
        Map<String, Object> args = new java.util.TreeMap<>();
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName().replaceFirst("^-+", "").replace('-', '_');
            Object value = option.getValue();
            args.put(name, json(value));
        }
        return args;
    }

    private static Object json(Object value) {
        if (value instanceof Path p) {
            return p.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TrainCommand::json).toList();
        }
        return value;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }

    /** Dataset names for help and completion. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DataModules.names().iterator();
        }
    }
}
