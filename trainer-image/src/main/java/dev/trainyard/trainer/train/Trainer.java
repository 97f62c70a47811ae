package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.LoaderBatch;
import dev.trainyard.trainer.dataset.DeviceBatch;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.dataset.MultiLoader;
import dev.trainyard.trainer.dist.Collective;
import dev.trainyard.trainer.dist.GradientAllReduce;
import dev.trainyard.trainer.dist.ParameterBroadcast;
import dev.trainyard.trainer.dist.ReplicaCheck;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.loss.NonFiniteLossException;
import dev.trainyard.trainer.network.PoseNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The training loop of the reference's {@code Trainer}: epochs of batches (forward, loss,
 * backward, clipping, optimizer step, weight average, learning rate stepped per batch), a
 * checkpoint before training and after every validation, validation losses every
 * {@code --val-interval} epochs and at the end, and the JSON-lines log records {@code train},
 * {@code train-epoch} and {@code val-epoch}.
 *
 * <p>Deliberate differences: epoch losses are averaged over the batches actually run (the
 * reference divides by the loader length even when {@code --train-batches} stops early), and the
 * schedule counts the batches actually run per epoch, so warm-up and decays keep their epoch
 * meaning with {@code --train-batches}.
 */
public final class Trainer {

    /** Receives every training batch before it is trained on (debug images). */
    @FunctionalInterface
    public interface BatchObserver {
        void onTrainBatch(int module, int epoch, int batch, HostBatch data);
    }

    /** Writes the checkpoint of an epoch; {@code last} marks the final one. */
    @FunctionalInterface
    public interface CheckpointSink {
        void write(int epoch, boolean last);
    }

    private final PoseNetwork network;
    private final MultiHeadLoss loss;
    private final Optimizer optimizer;
    private final TrainableParameters trainable;
    private final LearningRateSchedule schedule;
    private final TrainerConfig config;
    private final int[] headOffsets;
    private final CheckpointSink checkpoints;
    private final JsonLinesLog log;
    private final Progress progress;
    private final NDManager manager;
    private final TrainingStep step;
    private final GradientClipping clipping;
    private final Ema ema;
    private BatchObserver observer = (module, epoch, batch, data) -> {};
    private Collective collective;
    private GradientAllReduce gradients;
    private int checkInterval;
    /** The BatchNorm running statistics, broadcast from rank 0 before every step. */
    private List<NDArray> buffers = List.of();

    /**
     * @param trainable the arrays {@code optimizer} updates, in its order
     * @param schedule the learning rate per global batch, N = batches actually run per epoch
     * @param moduleHeads per data module (in loader order) its number of heads; the network's
     *     heads are the modules' heads concatenated
     */
    public Trainer(PoseNetwork network, MultiHeadLoss loss, Optimizer optimizer, TrainableParameters trainable,
            LearningRateSchedule schedule, TrainerConfig config, List<Integer> moduleHeads, CheckpointSink checkpoints,
            JsonLinesLog log, Progress progress, NDManager manager) {
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        this.trainable = trainable;
        this.schedule = schedule;
        this.config = config;
        this.headOffsets = new int[moduleHeads.size() + 1];
        for (int i = 0; i < moduleHeads.size(); i++) {
            headOffsets[i + 1] = headOffsets[i] + moduleHeads.get(i);
        }
        if (headOffsets[moduleHeads.size()] != network.heads().size()) {
            throw new IllegalArgumentException("modules have " + headOffsets[moduleHeads.size()]
                    + " heads, the network " + network.heads().size());
        }
        this.checkpoints = checkpoints;
        this.log = log;
        this.progress = progress;
        this.manager = manager;
        this.step = new TrainingStep(network, loss, optimizer, manager);
        this.clipping = new GradientClipping(trainable.network(), config.clipGradNorm(), config.clipGradValue());
        this.ema = new Ema(trainable.network(), config.ema());
    }

    public Trainer observer(BatchObserver batchObserver) {
        this.observer = batchObserver;
        return this;
    }

    /**
     * Trains as one of several data-parallel processes: every process starts from rank 0's
     * weights and buffers, gradients are averaged over the processes in buckets of
     * {@code bucketBytes} after each backward pass, and logged losses are averaged over the
     * processes (the caller gives the other ranks a log and checkpoint sink that write nothing).
     * Each process's loaders must read their own shard of the data.
     *
     * @throws dev.trainyard.trainer.BadInputException when the loss has trainable parameters
     *     ({@code --auto-tune-mtl}), which data-parallel training does not average, as the reference
     */
    public Trainer distributed(Collective processes, long bucketBytes, int checkInterval) {
        if (trainable.all().size() != trainable.networkCount()) {
            throw new BadInputException("--ddp needs a loss without trainable parameters: drop --auto-tune-mtl"
                    + " (or --auto-tune-mtl-variance)");
        }
        this.collective = processes;
        this.gradients = new GradientAllReduce(processes, trainable.network(), bucketBytes);
        this.checkInterval = checkInterval;
        this.buffers = network.getParameters().values().stream()
                .filter(p -> !p.requiresGradient()).map(p -> p.getArray()).toList();
        return this;
    }

    /**
     * Gives every process rank 0's BatchNorm running statistics, as PyTorch's DDP does before each
     * forward pass ({@code broadcast_buffers}): with per-process BatchNorm each process updates
     * them from its own batch; checkpoints, validation and the replica check then agree.
     */
    private void broadcastBuffers() {
        ParameterBroadcast.fromRankZero(collective, buffers);
    }

    /** Confirms that all processes hold the same weights and (after a buffer broadcast) BatchNorm buffers. */
    private void checkReplicas(String when) {
        broadcastBuffers();
        SequencedMap<String, NDArray> arrays = new LinkedHashMap<>();
        network.getParameters().forEach(p -> arrays.put(p.getKey(), p.getValue().getArray()));
        ReplicaCheck.verify(collective, arrays, when);
    }

    private boolean isDistributed() {
        return collective != null && collective.isDistributed();
    }

    /**
     * Trains from {@code startEpoch} (0, or the epoch of a refined checkpoint) up to the configured
     * epoch count. Afterwards the network holds the averaged weights of the last epoch, as written
     * to the final checkpoint.
     */
    public void loop(MultiLoader train, MultiLoader val, int startEpoch) {
        if (startEpoch >= config.epochs()) {
            throw new BadInputException("the checkpoint has trained " + startEpoch + " epochs, not fewer than --epochs "
                    + config.epochs() + "; give --epochs above " + startEpoch + " to continue");
        }
        log.write("config", Map.of("field_names", loss.componentNames()));
        if (isDistributed()) {
            ParameterBroadcast.fromRankZero(collective, network);
        }
        int batchesPerEpoch = config.batchesPerEpoch(train.batchesPerEpoch());
        progress.start(startEpoch, config.epochs(), batchesPerEpoch);
        for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
            if (epoch == 0) {
                checkpoints.write(0, false);
            }
            trainEpoch(train, epoch, batchesPerEpoch);
            int done = epoch + 1;
            if (done % config.valInterval() == 0 || done == config.epochs()) {
                checkpoints.write(done, done == config.epochs());
                validate(val, done);
            }
        }
        progress.finish();
    }

    private void trainEpoch(MultiLoader train, int epoch, int batchesPerEpoch) {
        long epochStart = System.nanoTime();
        ema.restore();
        List<String> names = loss.componentNames();
        Accumulator totals = new Accumulator(names.size());
        int clippedSteps = 0;
        double maxNorm = 0;
        long globalStep = (long) epoch * batchesPerEpoch;
        int batchIndex = 0;
        double lastLr = Double.NaN;
        double waitSeconds = 0;
        try (MultiLoader.Epoch batches = train.epoch(epoch)) {
            for (MultiLoader.Batch b : batches) {
                LoaderBatch<HostBatch> loaded = b.batch();
                observer.onTrainBatch(b.module(), epoch, batchIndex, loaded.data());
                double lr = schedule.at(globalStep);
                lastLr = lr;
                waitSeconds += loaded.waitSeconds();
                boolean apply = batchIndex % config.strideApply() == 0;
                long start = System.nanoTime();
                TrainingStep.StepResult result;
                if (isDistributed()) {
                    broadcastBuffers();
                }
                try (NDManager scope = manager.newSubManager()) {
                    DeviceBatch batch = toDevice(b.module(), loaded.data(), scope);
                    try {
                        result = step.backward(batch);
                    } catch (NonFiniteLossException e) {
                        throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                                "the loss is not finite in epoch %d, batch %d (lr %.3g): %s; the last checkpoint"
                                        + " is the latest model to refine from; lower --lr or set --clip-grad-value",
                                epoch, batchIndex, lr, String.join(", ", e.components())), e);
                    }
                    if (isDistributed()) {
                        gradients.average();
                    }
                    if (clipping.enabled()) {
                        GradientClipping.Result clip = clipping.apply(lr);
                        if (clip.clipped()) {
                            clippedSteps++;
                        }
                        if (!Double.isNaN(clip.norm())) {
                            maxNorm = Math.max(maxNorm, clip.norm());
                        }
                    }
                    if (apply) {
                        boolean[] mask = config.strideApply() == 1 ? trainable.activeMask(activeHeads(b.module())) : null;
                        optimizer.step(lr, mask);
                        ema.update();
                    }
                    if (isDistributed() && checkInterval > 0 && (globalStep + 1) % checkInterval == 0) {
                        checkReplicas("after epoch " + epoch + " batch " + batchIndex);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                List<Double> headLosses = componentList(result.components(), names);
                totals.add(result.loss(), headLosses);
                double batchLoss = result.loss();
                if (batchIndex % config.logInterval() == 0) {
                    if (isDistributed()) {
                        double[] mean = averageOverProcesses(batchLoss, headLosses);
                        batchLoss = mean[0];
                        headLosses = unpack(mean, headLosses);
                    }
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("epoch", epoch);
                    record.put("batch", batchIndex);
                    record.put("n_batches", batchesPerEpoch);
                    record.put("time", round(seconds, 3));
                    record.put("data_time", round(loaded.waitSeconds(), 3));
                    record.put("lr", round(lr, 8));
                    record.put("loss", round(batchLoss, 3));
                    record.put("head_losses", headLosses.stream().map(v -> v == null ? null : round(v, 3)).toList());
                    record.put("dataset", b.module());
                    record.putAll(loss.batchMeta());
                    log.write("train", record);
                }
                progress.batch(epoch, batchIndex, loaded.data().batchSize(), batchLoss, lr, seconds,
                        loaded.waitSeconds());
                if (!ema.started()) {
                    ema.start();
                }
                globalStep++;
                batchIndex++;
                if (batchIndex >= batchesPerEpoch) {
                    break;
                }
            }
        }
        ema.apply();
        if (isDistributed()) {
            checkReplicas("at the end of epoch " + epoch);
            totals.averageOver(collective);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epoch", epoch + 1);
        record.put("loss", round(totals.meanLoss(), 5));
        record.put("head_losses", totals.meanComponents(5));
        record.put("time", round((System.nanoTime() - epochStart) / 1e9, 1));
        record.put("n_clipped_grad", clippedSteps);
        record.put("max_norm", maxNorm);
        record.put("n_batches", batchIndex);
        record.put("lr", round(lastLr, 8));
        record.put("data_time", round(waitSeconds, 3));
        log.write("train-epoch", record);
        progress.epochDone(epoch, totals.meanLoss());
    }

    private void validate(MultiLoader val, int epoch) {
        long start = System.nanoTime();
        List<String> names = loss.componentNames();
        Accumulator totals = new Accumulator(names.size());
        int limit = config.valBatches() > 0 ? config.valBatches() : Integer.MAX_VALUE;
        int n = 0;
        try (MultiLoader.Epoch batches = val.epoch(epoch)) {
            for (MultiLoader.Batch b : batches) {
                try (NDManager scope = manager.newSubManager()) {
                    TrainingStep.StepResult result = step.validate(toDevice(b.module(), b.batch().data(), scope));
                    totals.add(result.loss(), componentList(result.components(), names));
                }
                if (++n >= limit) {
                    break;
                }
            }
        }
        if (isDistributed()) {
            totals.averageOver(collective);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epoch", epoch);
        record.put("loss", round(totals.meanLoss(), 5));
        record.put("head_losses", totals.meanComponents(5));
        record.put("time", round((System.nanoTime() - start) / 1e9, 1));
        record.put("n_batches", n);
        log.write("val-epoch", record);
        progress.validated(epoch, totals.meanLoss(), n);
    }

    private boolean[] activeHeads(int module) {
        boolean[] active = new boolean[network.heads().size()];
        Arrays.fill(active, headOffsets[module], headOffsets[module + 1], true);
        return active;
    }

    /** The batch as tensors with the module's targets in its heads' places and null elsewhere. */
    private DeviceBatch toDevice(int module, HostBatch host, NDManager scope) {
        DeviceBatch own = host.toNDArrays(scope);
        List<NDArray> targets = new ArrayList<>(network.heads().size());
        for (int h = 0; h < network.heads().size(); h++) {
            targets.add(h >= headOffsets[module] && h < headOffsets[module + 1]
                    ? own.targets().get(h - headOffsets[module]) : null);
        }
        return new DeviceBatch(own.images(), targets, own.metas());
    }

    /** The loss and its components averaged over the processes (absent components stay absent). */
    private double[] averageOverProcesses(double total, List<Double> components) {
        double[] values = new double[1 + components.size()];
        values[0] = total;
        for (int i = 0; i < components.size(); i++) {
            Double v = components.get(i);
            values[1 + i] = v == null ? 0 : v;
        }
        meanOverProcesses(collective, values);
        return values;
    }

    /** Replaces each value with its mean over the processes. */
    private static void meanOverProcesses(Collective collective, double[] values) {
        collective.allReduceSum(values);
        for (int i = 0; i < values.length; i++) {
            values[i] /= collective.size();
        }
    }

    private static List<Double> unpack(double[] mean, List<Double> like) {
        List<Double> values = new ArrayList<>(like.size());
        for (int i = 0; i < like.size(); i++) {
            values.add(like.get(i) == null ? null : mean[1 + i]);
        }
        return values;
    }

    private static List<Double> componentList(Map<String, Double> components, List<String> names) {
        List<Double> values = new ArrayList<>(names.size());
        for (String name : names) {
            values.add(components.get(name));
        }
        return values;
    }

    static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** Sums of the total loss and of each component over the batches that had it. */
    private static final class Accumulator {
        private double loss;
        private int batches;
        private final double[] sums;
        private final int[] counts;

        Accumulator(int components) {
            sums = new double[components];
            counts = new int[components];
        }

        void add(double total, List<Double> components) {
            loss += total;
            batches++;
            for (int i = 0; i < sums.length; i++) {
                Double v = components.get(i);
                if (v != null) {
                    sums[i] += v;
                    counts[i]++;
                }
            }
        }

        /**
         * Replaces the sums with their means over the processes: every process ran the same
         * number of batches of the same modules, so the counts agree.
         */
        void averageOver(Collective collective) {
            double[] values = new double[1 + sums.length];
            values[0] = loss;
            System.arraycopy(sums, 0, values, 1, sums.length);
            meanOverProcesses(collective, values);
            loss = values[0];
            System.arraycopy(values, 1, sums, 0, sums.length);
        }

        double meanLoss() {
            return batches == 0 ? Double.NaN : loss / batches;
        }

        List<Double> meanComponents(int digits) {
            List<Double> means = new ArrayList<>(sums.length);
            for (int i = 0; i < sums.length; i++) {
                means.add(round(sums[i] / Math.max(1, counts[i]), digits));
            }
            return means;
        }
    }
}
