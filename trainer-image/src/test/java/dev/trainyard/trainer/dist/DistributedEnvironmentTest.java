package dev.trainyard.trainer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.dist.DistributedEnvironment.Launcher;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributedEnvironmentTest {

    @Test
    void noLauncherVariablesMeansOneProcess() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of("PATH", "/usr/bin", "HOME", "/root"));

        assertEquals(DistributedEnvironment.SINGLE, env);
        assertEquals(new DistributedEnvironment(0, 1, 0, Launcher.NONE), env);
    }

    @Test
    void readsMpirunsVariables() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of(
                "OMPI_COMM_WORLD_RANK", "3", "OMPI_COMM_WORLD_SIZE", "4", "OMPI_COMM_WORLD_LOCAL_RANK", "1"));

        assertEquals(new DistributedEnvironment(3, 4, 1, Launcher.OPEN_MPI), env);
        assertTrue(env.isDistributed());
    }

    @Test
    void readsSrunsVariables() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of(
                "SLURM_PROCID", "5", "SLURM_NTASKS", "8", "SLURM_LOCALID", "1", "SLURM_JOB_ID", "77"));

        assertEquals(new DistributedEnvironment(5, 8, 1, Launcher.SLURM), env);
    }

    @Test
    void readsExplicitVariables() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of(
                "RANK", "1", "WORLD_SIZE", "2", "LOCAL_RANK", "0"));

        assertEquals(new DistributedEnvironment(1, 2, 0, Launcher.EXPLICIT), env);
    }

    @Test
    void oneExplicitProcessNeedsNoLocalRank() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of("RANK", "0", "WORLD_SIZE", "1"));

        assertEquals(new DistributedEnvironment(0, 1, 0, Launcher.EXPLICIT), env);
        assertEquals(false, env.isDistributed());
    }

    @Test
    void mpirunInsideASlurmAllocationIsMpirun() {
        // sbatch exports the batch step's SLURM_PROCID=0 to every process mpirun starts.
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of(
                "SLURM_PROCID", "0", "SLURM_NTASKS", "2", "SLURM_LOCALID", "0",
                "OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_LOCAL_RANK", "1"));

        assertEquals(new DistributedEnvironment(1, 2, 1, Launcher.OPEN_MPI), env);
    }

    @Test
    void explicitVariablesOverrideSlurms() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of(
                "SLURM_PROCID", "0", "SLURM_NTASKS", "1", "RANK", "1", "WORLD_SIZE", "2", "LOCAL_RANK", "1"));

        assertEquals(new DistributedEnvironment(1, 2, 1, Launcher.EXPLICIT), env);
    }

    @Test
    void explicitVariablesThatAgreeWithMpirunAreAccepted() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of(
                "OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_LOCAL_RANK", "1",
                "RANK", "1", "WORLD_SIZE", "2"));

        assertEquals(Launcher.OPEN_MPI, env.launcher());
    }

    @Test
    void explicitVariablesThatContradictMpirunAreAnError() {
        BadInputException e = assertThrows(BadInputException.class, () -> DistributedEnvironment.detect(Map.of(
                "OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_LOCAL_RANK", "1",
                "RANK", "0", "WORLD_SIZE", "2")));

        assertEquals("RANK=0 and WORLD_SIZE=2 contradict mpirun's OMPI_COMM_WORLD_RANK=1 and OMPI_COMM_WORLD_SIZE=2:"
                + " unset RANK and WORLD_SIZE when launching with mpirun", e.getMessage());
    }

    @Test
    void aRankWithoutASizeIsAnError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DistributedEnvironment.detect(Map.of("RANK", "1")));

        assertEquals("RANK is set but WORLD_SIZE is not: set RANK and WORLD_SIZE together", e.getMessage());
    }

    @Test
    void aLocalRankAloneIsAnError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DistributedEnvironment.detect(Map.of("SLURM_LOCALID", "0")));

        assertEquals("SLURM_LOCALID is set but SLURM_PROCID is not: set SLURM_PROCID and SLURM_NTASKS together",
                e.getMessage());
    }

    @Test
    void severalProcessesNeedALocalRank() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DistributedEnvironment.detect(Map.of("RANK", "1", "WORLD_SIZE", "2")));

        assertEquals("LOCAL_RANK is not set but WORLD_SIZE=2: set it to the rank among the processes on this node",
                e.getMessage());
    }

    @Test
    void notANumberIsAnError() {
        BadInputException e = assertThrows(BadInputException.class, () -> DistributedEnvironment.detect(Map.of(
                "OMPI_COMM_WORLD_RANK", "one", "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_LOCAL_RANK", "0")));

        assertEquals("OMPI_COMM_WORLD_RANK=one is not a whole number", e.getMessage());
    }

    @Test
    void aRankBeyondTheSizeIsAnError() {
        BadInputException e = assertThrows(BadInputException.class, () -> DistributedEnvironment.detect(Map.of(
                "SLURM_PROCID", "2", "SLURM_NTASKS", "2", "SLURM_LOCALID", "0")));

        assertEquals("SLURM_PROCID=2 must be between 0 and 1 (SLURM_NTASKS=2)", e.getMessage());
    }

    @Test
    void aSizeOfZeroIsAnError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DistributedEnvironment.detect(Map.of("RANK", "0", "WORLD_SIZE", "0")));

        assertEquals("WORLD_SIZE=0 must be at least 1", e.getMessage());
    }

    @Test
    void aLocalRankAboveTheRankIsAnError() {
        BadInputException e = assertThrows(BadInputException.class, () -> DistributedEnvironment.detect(Map.of(
                "RANK", "0", "WORLD_SIZE", "2", "LOCAL_RANK", "1")));

        assertEquals("LOCAL_RANK=1 must be between 0 and the rank, RANK=0", e.getMessage());
    }

    @Test
    void blankVariablesCountAsUnset() {
        DistributedEnvironment env = DistributedEnvironment.detect(Map.of("RANK", "", "WORLD_SIZE", " "));

        assertEquals(DistributedEnvironment.SINGLE, env);
    }
}
