package dev.trainyard.trainer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The factory's choices; Open MPI itself is replaced, since MPI can be initialised once per JVM (see {@link MpiCollectiveIT}). */
class CollectivesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final Map<String, String> MPIRUN_RANK_1_OF_2 = Map.of(
            "OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_LOCAL_RANK", "1");
    private static final Function<Duration, Collective> NO_MPI = t -> {
        throw new AssertionError("Open MPI must not be opened");
    };

    /** Stands in for Open MPI: a job of {@code size} seen from {@code rank}. */
    private static final class FakeJob implements Collective {
        final int rank;
        final int size;
        boolean closed;

        FakeJob(int rank, int size) {
            this.rank = rank;
            this.size = size;
        }

        @Override public int rank() { return rank; }
        @Override public int size() { return size; }
        @Override public int localRank() { return rank; }
        @Override public void allReduceSum(MemorySegment buffer, long count) { }
        @Override public void allReduceSum(float[] values) { }
        @Override public void allReduceSum(double[] values) { }
        @Override public void broadcast(MemorySegment buffer, long count, int root) { }
        @Override public void barrier() { }
        @Override public void close() { closed = true; }
    }

    @Test
    void withoutDdpOneProcessTrainsAlone() {
        Collective c = Collectives.open(false, TIMEOUT, Map.of(), NO_MPI);

        assertInstanceOf(SingleProcess.class, c);
    }

    @Test
    void withoutDdpSeveralProcessesAreAnError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> Collectives.open(false, TIMEOUT, MPIRUN_RANK_1_OF_2, NO_MPI));

        assertEquals("this process is one of 2 (OMPI_COMM_WORLD_RANK=1, OMPI_COMM_WORLD_SIZE=2) but --ddp is not given:"
                + " each would train alone and write the same files; add --ddp or start one process", e.getMessage());
    }

    @Test
    void ddpWithoutALauncherTrainsAlone() {
        Collective c = Collectives.open(true, TIMEOUT, Map.of("HOME", "/root"), NO_MPI);

        assertInstanceOf(SingleProcess.class, c);
        assertEquals(1, c.size());
    }

    @Test
    void ddpWithExplicitVariablesForOneProcessTrainsAlone() {
        Collective c = Collectives.open(true, TIMEOUT, Map.of("RANK", "0", "WORLD_SIZE", "1"), NO_MPI);

        assertInstanceOf(SingleProcess.class, c);
    }

    @Test
    void ddpWithExplicitVariablesForSeveralProcessesNeedsALauncher() {
        BadInputException e = assertThrows(BadInputException.class, () -> Collectives.open(true, TIMEOUT,
                Map.of("RANK", "1", "WORLD_SIZE", "2", "LOCAL_RANK", "1"), NO_MPI));

        assertEquals("RANK=1, WORLD_SIZE=2 announce 2 processes, but they were not started by mpirun or srun,"
                + " which --ddp needs to connect them: start them with mpirun -np 2 (or srun --mpi=pmix)", e.getMessage());
    }

    @Test
    void ddpUnderMpirunOpensOpenMpiWithTheTimeout() {
        FakeJob job = new FakeJob(1, 2);
        Duration[] asked = new Duration[1];

        Collective c = Collectives.open(true, Duration.ofSeconds(7), MPIRUN_RANK_1_OF_2, t -> {
            asked[0] = t;
            return job;
        });

        assertSame(job, c);
        assertEquals(Duration.ofSeconds(7), asked[0]);
    }

    @Test
    void aMissingLibraryTellsWhatToInstall() {
        BadInputException e = assertThrows(BadInputException.class, () -> Collectives.open(true, TIMEOUT,
                MPIRUN_RANK_1_OF_2, t -> {
                    throw new UnsatisfiedLinkError("libmpi.so.40: cannot open shared object file: No such file or directory");
                }));

        assertEquals("--ddp needs Open MPI's libmpi.so.40, which cannot be loaded (libmpi.so.40: cannot open shared"
                + " object file: No such file or directory): install openmpi-bin (apt install openmpi-bin)", e.getMessage());
    }

    @Test
    void ranksThatDidNotJoinOneJobAreAnError() {
        // srun without PMI support: every task initialises MPI as a job of its own.
        FakeJob singleton = new FakeJob(0, 1);
        Map<String, String> srun = Map.of("SLURM_PROCID", "1", "SLURM_NTASKS", "2", "SLURM_LOCALID", "1");

        BadInputException e = assertThrows(BadInputException.class,
                () -> Collectives.open(true, TIMEOUT, srun, t -> singleton));

        assertEquals("SLURM_PROCID=1, SLURM_NTASKS=2 but Open MPI sees rank 0 of 1: the processes did not join one job"
                + " (launch with srun --mpi=pmix, or mpirun inside the allocation)", e.getMessage());
        assertTrue(singleton.closed);
    }

    @Test
    void aTimeoutMustBePositive() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> Collectives.open(true, Duration.ZERO, MPIRUN_RANK_1_OF_2, NO_MPI));

        assertEquals("--ddp-timeout must be positive, not 0 s", e.getMessage());
    }

    @Test
    void inconsistentVariablesAreReportedEvenWithoutDdp() {
        assertThrows(BadInputException.class, () -> Collectives.open(false, TIMEOUT, Map.of("RANK", "x",
                "WORLD_SIZE", "2"), NO_MPI));
    }
}
