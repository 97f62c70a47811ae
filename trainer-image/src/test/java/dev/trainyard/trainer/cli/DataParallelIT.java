package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trainyard.trainer.checkpoint.Checkpoint;
import dev.trainyard.trainer.checkpoint.CheckpointFile;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.network.ParameterPaths;
import dev.trainyard.trainer.network.SyncBatchNormProbe;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.dist.MpiJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --ddp} as users run it: two ranks under Open MPI's {@code mpirun}, each a JVM
 * running the CLI. Needs {@code mpirun} on the PATH (Debian: {@code apt install openmpi-bin});
 * leave these tests out with {@code -DexcludedGroups=mpi}.
 */
@Tag("mpi")
class DataParallelIT {

    private static final long JOB_LIMIT_SECONDS = 240;

    private static final List<String> JVM_OPTIONS = List.of("-Dai.djl.offline=true", "-Xmx2g");

    @TempDir
    static Path dir;

    static Path data;

    private record Job(int exitStatus, String out, String err) {
    }

    @BeforeAll
    static void syntheticPeopleAndMpirun() {
        MpiJobs.requireMpirun();
        data = dir.resolve("data");
        SyntheticPeople.generate(data, new SyntheticPeople.Options(8, 4, 7, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
    }

    /**
     * Acceptance (a) and (c): 2 processes at batch 2 end with the weights of 1 process at batch 4
     * over the same samples (group norm, so that normalisation does not depend on how the batch
     * is split; no augmentation, file order, SGD), and the replica check confirms identical
     * weights on both ranks after every step.
     */
    @Test
    void twoProcessesAtBatchBTrainAsOneAtTwoB() throws Exception {
        String[] common = {"--shufflenetv2k-group-norm", "--cocokp-no-augmentation", "--epochs", "2",
                "--lr", "1e-3", "--lr-warm-up-epochs", "0", "--momentum", "0.9", "--val-batches", "1"};
        Path ddpOut = dir.resolve("ddp/m.ckpt");
        Job job = mpirun(2, concat(trainArgs(2, ddpOut), common, "--ddp", "--ddp-check-interval", "1"));
        assertEquals(0, job.exitStatus(), job::toString);

        Path singleOut = dir.resolve("single/m.ckpt");
        // The reference process runs under mpirun too: bound to one core, PyTorch uses one thread
        // as each rank does (its CPU kernels sum in a different order with two threads, which
        // alone moves these weights by about 4e-4 of their change in one step).
        Job single = mpirun(1, concat(trainArgs(4, singleOut), common));
        assertEquals(0, single.exitStatus(), single::toString);

        List<JsonNode> ddpLog = TrainCommandTest.records(Path.of(ddpOut + ".log"));
        JsonNode process = TrainCommandTest.ofType(ddpLog, "process").getFirst();
        assertEquals(2, process.get("world_size").asInt());
        assertEquals(2, process.get("batch_size").asInt());
        assertEquals(4, process.get("global_batch_size").asInt());
        List<JsonNode> singleEpochs = TrainCommandTest.ofType(
                TrainCommandTest.records(Path.of(singleOut + ".log")), "train-epoch");
        List<JsonNode> ddpEpochs = TrainCommandTest.ofType(ddpLog, "train-epoch");
        for (int e = 0; e < 2; e++) {
            assertEquals(singleEpochs.get(e).get("n_batches").asInt(), ddpEpochs.get(e).get("n_batches").asInt());
            assertEquals(singleEpochs.get(e).get("loss").asDouble(), ddpEpochs.get(e).get("loss").asDouble(),
                    1e-3 * Math.abs(singleEpochs.get(e).get("loss").asDouble()), "mean loss of epoch " + (e + 1));
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> expected = ParameterPaths.of(finalModel(singleOut, manager).network());
            Map<String, Parameter> got = ParameterPaths.of(finalModel(ddpOut, manager).network());
            assertEquals(expected.keySet(), got.keySet());
            double worst = 0;
            double moved = 0;
            for (String name : expected.keySet()) {
                float[] a = expected.get(name).getArray().toFloatArray();
                float[] b = got.get(name).getArray().toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
            }
            Checkpoint initial = CheckpointFile.read(Path.of(singleOut + ".epoch000"), manager);
            Map<String, Parameter> start = ParameterPaths.of(initial.network());
            for (String name : expected.keySet()) {
                float[] a = expected.get(name).getArray().toFloatArray();
                float[] s = start.get(name).getArray().toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    moved = Math.max(moved, Math.abs(a[i] - s[i]));
                }
            }
            System.out.printf("2 x batch 2 vs 1 x batch 4 after 4 steps: max |weight difference| %.3g,"
                    + " max |weight change| %.3g%n", worst, moved);
            assertTrue(moved > 1e-3, "training moved the weights by only " + moved);
            assertTrue(worst < 2e-5, "weights differ by up to " + worst);
        }
    }

    /**
     * Acceptance (b): SyncBatchNorm's training output and running statistics equal BatchNorm's on
     * the concatenated batch; the gradient difference (no custom backward in DJL) stays small.
     */
    @Test
    void syncBatchNormEqualsBatchNormOnTheConcatenatedBatch() throws Exception {
        Path out = Files.createDirectories(dir.resolve("syncbn"));
        Job job = run(2, List.of(SyncBatchNormProbe.class.getName(), out.toString()));
        assertEquals(0, job.exitStatus(), job::toString);
        String report = Files.readString(out.resolve("rank-0.txt"));
        System.out.print(report);
        assertTrue(value(report, "output") < 1e-5, report);
        assertTrue(value(report, "running_mean") < 1e-6, report);
        assertTrue(value(report, "running_var") < 1e-5, report);
        assertTrue(value(report, "gradient_relative") < 0.15, report);
    }

    /**
     * A rank killed mid-training ends the job with a non-zero exit well within the limit, and the
     * last checkpoint rank 0 wrote still loads.
     */
    @Test
    void killingARankEndsTheJobAndTheLastCheckpointLoads() throws Exception {
        Path out = dir.resolve("killed/m.ckpt");
        List<String> command = MpiJobs.command(2, JVM_OPTIONS, trainCommand(concat(trainArgs(2, out), "--ddp",
                "--ddp-timeout", "30", "--epochs", "500")));
        Path log = dir.resolve("killed.out");
        Process mpirun = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path second = Path.of(out + ".epoch002");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOB_LIMIT_SECONDS);
            while (!Files.exists(second) && mpirun.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(Files.exists(second), () -> "no checkpoint of epoch 2: " + read(log));
            ProcessHandle rankOne = rank(mpirun, 1).orElseThrow(() -> new AssertionError("no rank 1 process"));
            long killed = System.nanoTime();
            rankOne.destroyForcibly();
            boolean ended = mpirun.waitFor(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - killed) / 1e9;
            assertTrue(ended, () -> "the job still runs 60 s after rank 1 was killed: " + read(log));
            assertNotEquals(0, mpirun.exitValue(), () -> read(log));
            System.out.printf("killed rank 1: the job ended %.1f s later with exit status %d%n", seconds,
                    mpirun.exitValue());
        } finally {
            mpirun.descendants().forEach(ProcessHandle::destroyForcibly);
            mpirun.destroyForcibly();
        }
        List<Path> checkpoints;
        try (Stream<Path> files = Files.list(out.getParent())) {
            checkpoints = files.filter(p -> p.getFileName().toString().matches("m\\.ckpt\\.epoch\\d{3}"))
                    .sorted().toList();
        }
        Path last = checkpoints.getLast();
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpoint loaded = CheckpointFile.read(last, manager);
            assertEquals(Integer.parseInt(last.toString().substring(last.toString().length() - 3)),
                    loaded.meta().epoch());
        }
    }

    private static double value(String report, String key) {
        return report.lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .map(l -> Double.parseDouble(l.split(" ")[1])).orElseThrow(() -> new AssertionError(key + ": " + report));
    }

    private static Checkpoint finalModel(Path out, NDManager manager) throws IOException {
        try (Stream<Path> files = Files.list(out.getParent())) {
            Path last = files.filter(p -> p.getFileName().toString().matches("m-[0-9a-f]{8}\\.ckpt")).findFirst()
                    .orElseThrow(() -> new AssertionError("no final model next to " + out));
            return CheckpointFile.read(last, manager);
        }
    }

    private static String[] trainArgs(int batchSize, Path out) {
        return new String[] {"--dataset", "cocokp", "--basenet", "shufflenetv2k16",
            "--cocokp-train-annotations", data.resolve(SyntheticPeople.TRAIN_ANNOTATIONS).toString(),
            "--cocokp-train-image-dir", data.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).toString(),
            "--cocokp-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
            "--cocokp-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString(),
            "--cocokp-square-edge", "65", "--batch-size", Integer.toString(batchSize), "--loader-workers", "1",
            "--log-interval", "1", "-o", out.toString()};
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] concat(String[] first, String[] second, String... more) {
        return concat(concat(first, second), more);
    }

    private Job mpirun(int processes, String... trainArgs) throws IOException, InterruptedException {
        return run(processes, trainCommand(trainArgs));
    }

    private static List<String> trainCommand(String... trainArgs) {
        List<String> main = new ArrayList<>(List.of(Main.class.getName(), "train"));
        main.addAll(List.of(trainArgs));
        return main;
    }

    private Job run(int processes, List<String> mainAndArgs) throws IOException, InterruptedException {
        List<String> command = MpiJobs.command(processes, JVM_OPTIONS, mainAndArgs);
        Path out = Files.createTempFile(dir, "mpirun", ".out");
        Path err = Files.createTempFile(dir, "mpirun", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(JOB_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail("mpirun did not end within " + JOB_LIMIT_SECONDS + " s; stdout: " + read(out) + " stderr: " + read(err));
        }
        return new Job(process.exitValue(), read(out), read(err));
    }

    /** The process of {@code rank} among mpirun's descendants, by Open MPI's rank variable. */
    private static Optional<ProcessHandle> rank(Process mpirun, int rank) {
        return mpirun.descendants().filter(p -> {
            try {
                String environ = Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ"));
                return Arrays.asList(environ.split("\0")).contains("OMPI_COMM_WORLD_RANK=" + rank)
                        && p.info().command().orElse("").endsWith("java");
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
