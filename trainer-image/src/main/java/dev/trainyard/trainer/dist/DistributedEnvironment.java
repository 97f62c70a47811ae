package dev.trainyard.trainer.dist;

import dev.trainyard.trainer.BadInputException;
import java.util.Map;
import java.util.Objects;

/**
 * Where this process sits in a job, as its launcher's environment variables say: rank, number of
 * processes and rank on this node. Read in order, the first launcher whose variables are set wins:
 * <ol>
 *   <li>Open MPI's {@code mpirun}: {@code OMPI_COMM_WORLD_RANK}, {@code OMPI_COMM_WORLD_SIZE},
 *       {@code OMPI_COMM_WORLD_LOCAL_RANK};</li>
 *   <li>explicit variables, the names of torch.distributed's {@code env://}: {@code RANK},
 *       {@code WORLD_SIZE}, {@code LOCAL_RANK} ({@code LOCAL_RANK} may be left out for one process);</li>
 *   <li>Slurm's {@code srun}: {@code SLURM_PROCID}, {@code SLURM_NTASKS}, {@code SLURM_LOCALID}.</li>
 * </ol>
 * Open MPI comes first because {@code mpirun} inside a Slurm allocation inherits the batch step's
 * {@code SLURM_*} variables, which describe the allocation, not the rank. Explicit variables that
 * contradict {@code mpirun}'s are an error. Without any of them the process runs alone.
 *
 * @param rank this process's rank, 0 to {@code size - 1}
 * @param size number of processes in the job
 * @param localRank rank among the processes on this node
 * @param launcher whose variables these are
 */
public record DistributedEnvironment(int rank, int size, int localRank, Launcher launcher) {

    /** Who started the process, as told by the variables that were set. */
    public enum Launcher {
        /** No launcher variables: one process. */
        NONE(null, null, null),
        /** Open MPI's {@code mpirun} (or {@code mpiexec}). */
        OPEN_MPI("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_LOCAL_RANK"),
        /** {@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK} set by hand or by another launcher. */
        EXPLICIT("RANK", "WORLD_SIZE", "LOCAL_RANK"),
        /** Slurm's {@code srun}. */
        SLURM("SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID");

        private final String rankVariable;
        private final String sizeVariable;
        private final String localRankVariable;

        Launcher(String rankVariable, String sizeVariable, String localRankVariable) {
            this.rankVariable = rankVariable;
            this.sizeVariable = sizeVariable;
            this.localRankVariable = localRankVariable;
        }

        /** The variable that holds the rank, e.g. {@code OMPI_COMM_WORLD_RANK}; null for {@link #NONE}. */
        public String rankVariable() {
            return rankVariable;
        }

        /** The variable that holds the number of processes; null for {@link #NONE}. */
        public String sizeVariable() {
            return sizeVariable;
        }

        /** The variable that holds the rank on the node; null for {@link #NONE}. */
        public String localRankVariable() {
            return localRankVariable;
        }

        /** Whether the processes were started by an MPI-aware launcher, so MPI_Init can join them. */
        public boolean startsMpiJobs() {
            return this == OPEN_MPI || this == SLURM;
        }
    }

    /** The environment of a process that runs alone. */
    public static final DistributedEnvironment SINGLE = new DistributedEnvironment(0, 1, 0, Launcher.NONE);

    public DistributedEnvironment {
        Objects.requireNonNull(launcher, "launcher");
        if (size < 1 || rank < 0 || rank >= size || localRank < 0 || localRank >= size) {
            throw new IllegalArgumentException("rank " + rank + ", local rank " + localRank + " of " + size);
        }
    }

    /** Whether there is more than one process. */
    public boolean isDistributed() {
        return size > 1;
    }

    /** This process's environment, from {@link System#getenv()}. */
    public static DistributedEnvironment detect() {
        return detect(System.getenv());
    }

    /**
     * Reads the launch variables from {@code env}.
     *
     * @throws BadInputException when a launcher's variables are incomplete, not numbers, out of
     *     range, or when explicit variables contradict {@code mpirun}'s
     */
    public static DistributedEnvironment detect(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        DistributedEnvironment openMpi = read(env, Launcher.OPEN_MPI, true);
        // Beside mpirun's, explicit variables only have to agree on rank and size.
        DistributedEnvironment explicit = read(env, Launcher.EXPLICIT, openMpi == null);
        if (openMpi != null) {
            if (explicit != null && (explicit.rank != openMpi.rank || explicit.size != openMpi.size)) {
                throw new BadInputException(String.format(
                        "RANK=%d and WORLD_SIZE=%d contradict mpirun's OMPI_COMM_WORLD_RANK=%d and OMPI_COMM_WORLD_SIZE=%d:"
                                + " unset RANK and WORLD_SIZE when launching with mpirun",
                        explicit.rank, explicit.size, openMpi.rank, openMpi.size));
            }
            return openMpi;
        }
        if (explicit != null) {
            return explicit;
        }
        DistributedEnvironment slurm = read(env, Launcher.SLURM, true);
        return slurm != null ? slurm : SINGLE;
    }

    /**
     * The launcher's variables, or null when none of them is set. Without {@code needLocalRank} a
     * missing local rank reads as 0.
     */
    private static DistributedEnvironment read(Map<String, String> env, Launcher launcher, boolean needLocalRank) {
        String rankText = value(env, launcher.rankVariable);
        String sizeText = value(env, launcher.sizeVariable);
        String localText = value(env, launcher.localRankVariable);
        if (rankText == null && sizeText == null && localText == null) {
            return null;
        }
        if (rankText == null || sizeText == null) {
            String missing = rankText == null ? launcher.rankVariable : launcher.sizeVariable;
            String present = rankText != null ? launcher.rankVariable
                    : sizeText != null ? launcher.sizeVariable : launcher.localRankVariable;
            throw new BadInputException(present + " is set but " + missing + " is not: set "
                    + launcher.rankVariable + " and " + launcher.sizeVariable + " together");
        }
        int size = number(launcher.sizeVariable, sizeText);
        int rank = number(launcher.rankVariable, rankText);
        if (size < 1) {
            throw new BadInputException(launcher.sizeVariable + "=" + sizeText + " must be at least 1");
        }
        if (rank >= size || rank < 0) {
            throw new BadInputException(launcher.rankVariable + "=" + rankText + " must be between 0 and "
                    + (size - 1) + " (" + launcher.sizeVariable + "=" + sizeText + ")");
        }
        int localRank;
        if (localText != null) {
            localRank = number(launcher.localRankVariable, localText);
            if (localRank < 0 || localRank > rank) {
                // Ranks on a node are a subset of all ranks, so a local rank never exceeds the global one.
                throw new BadInputException(launcher.localRankVariable + "=" + localText
                        + " must be between 0 and the rank, " + launcher.rankVariable + "=" + rankText);
            }
        } else if (size == 1 || !needLocalRank) {
            localRank = 0;
        } else {
            throw new BadInputException(launcher.localRankVariable + " is not set but " + launcher.sizeVariable
                    + "=" + sizeText + ": set it to the rank among the processes on this node");
        }
        return new DistributedEnvironment(rank, size, localRank, launcher);
    }

    private static String value(Map<String, String> env, String name) {
        if (name == null) {
            return null;
        }
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static int number(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(name + "=" + text + " is not a whole number");
        }
    }

    /** The variables as a user would write them, e.g. "OMPI_COMM_WORLD_RANK=1, OMPI_COMM_WORLD_SIZE=2". */
    String describe() {
        return launcher == Launcher.NONE ? "no launcher variables"
                : launcher.rankVariable + "=" + rank + ", " + launcher.sizeVariable + "=" + size;
    }
}
