package dev.trainyard.trainer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real two-rank jobs under Open MPI's {@code mpirun}, each rank a JVM running {@link MpiProbe}.
 * Needs {@code mpirun} on the PATH (Debian: {@code apt install openmpi-bin}); leave these tests
 * out with {@code -DexcludedGroups=mpi}.
 */
@Tag("mpi")
class MpiCollectiveIT {

    /** A job that is not over after this long hangs, which is itself a failure. */
    private static final long JOB_LIMIT_SECONDS = 60;

    /** How the job ended: mpirun's status, the ranks' own output (rank 0's lines, then rank 1's), mpirun's stderr. */
    private record Job(int exitStatus, String out, String err) {
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMpirun() {
        MpiJobs.requireMpirun();
    }

    @Test
    void everyCollectiveCombinesTheRanksData() throws Exception {
        Job job = run("ops", 30_000);

        assertEquals(0, job.exitStatus(), job::toString);
        String expectedBroadcast = "[42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, ";
        for (int r = 0; r < 2; r++) {
            assertLine(job, r + " rank=" + r + " size=2 localRank=" + r + " type=MpiCollective");
            // Rank r contributed (i % 7) * (r + 1): the sums are (i % 7) * 3.
            assertLine(job, r + " segment[5]=15.0 segment[1000002]=9.0 firstWrong=-1");
            // The two floats past the count keep each rank's own values.
            assertLine(job, r + " broadcast=" + expectedBroadcast + (r == 1 ? "52.0, 53.0]" : "-1.0, -1.0]"));
            assertLine(job, r + " floats=[1.0, 3.0]");
            assertLine(job, r + " doubles=[0.003, 1.0, 2.0E12]");
            assertLine(job, r + " barrier");
        }
    }

    @ParameterizedTest(name = "exit status {0}")
    @ValueSource(ints = {7, 0})
    void aRankThatDiesEndsTheJob(int exitStatus) throws Exception {
        // The survivor's timeout is far beyond the job limit: only mpirun can end this job in time.
        Job job = run("die", 600_000, "-Dprobe.exit=" + exitStatus);

        assertNotEquals(0, job.exitStatus(), job::toString);
        assertTrue(job.out().contains("0 waiting"), job::toString);
        assertFalse(job.out().contains("0 returned"), job::toString);
    }

    @Test
    void theWatchdogAbortsAHungCollective() throws Exception {
        Job job = run("hang", 2_000);

        assertEquals(CollectiveTimeoutException.EXIT_STATUS, job.exitStatus(), job::toString);
        assertTrue(job.err().contains("trainyard: error: rank 0 of 2: MPI_Allreduce (4 floats) did not complete"
                + " within 2 s"), job::toString);
        assertFalse(job.out().contains("returned"), job::toString);
    }

    private static void assertLine(Job job, String line) {
        assertTrue(job.out().lines().anyMatch(line::equals), () -> "no line '" + line + "' in " + job);
    }

    private Job run(String mode, long timeoutMillis, String... jvmOptions) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"));
        options.addAll(List.of(jvmOptions));
        List<String> command = MpiJobs.command(2, options,
                List.of(MpiProbe.class.getName(), mode, Long.toString(timeoutMillis), dir.toString()));
        Path out = dir.resolve("mpirun.out");
        Path err = dir.resolve("mpirun.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(JOB_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail("mpirun did not end within " + JOB_LIMIT_SECONDS + " s; stdout: " + Files.readString(out)
                    + " stderr: " + Files.readString(err));
        }
        StringBuilder ranks = new StringBuilder();
        for (int r = 0; r < 2; r++) {
            Path file = dir.resolve("rank-" + r + ".txt");
            if (Files.exists(file)) {
                ranks.append(Files.readString(file));
            }
        }
        return new Job(process.exitValue(), ranks.toString(), Files.readString(err) + Files.readString(out));
    }
}
