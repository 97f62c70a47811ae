package dev.trainyard.trainer.dist;

import dev.trainyard.trainer.BadInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Opens the collective a training process uses: alone, or Open MPI when started as a job with {@code --ddp}. */
public final class Collectives {

    private Collectives() {
    }

    /** {@link #open(boolean, Duration, Map)} with this process's environment. */
    public static Collective open(boolean ddp, Duration timeout) {
        return open(ddp, timeout, System.getenv());
    }

    /**
     * The collective for a process launched with {@code env}.
     * <ul>
     *   <li>Without {@code ddp}: {@link SingleProcess}; an error if a launcher started several processes.</li>
     *   <li>With {@code ddp} and no launcher (or explicit variables for one process): {@link SingleProcess}.</li>
     *   <li>With {@code ddp} under {@code mpirun} or {@code srun}: {@link MpiCollective}, checked to
     *       see the ranks the launcher announced.</li>
     * </ul>
     *
     * @param timeout how long a collective may wait before the job is aborted ({@code --ddp-timeout})
     * @throws BadInputException with one line to show the user: inconsistent variables, several
     *     processes without {@code --ddp}, or Open MPI missing
     */
    public static Collective open(boolean ddp, Duration timeout, Map<String, String> env) {
        return open(ddp, timeout, env, MpiCollective::open);
    }

    static Collective open(boolean ddp, Duration timeout, Map<String, String> env,
            Function<Duration, Collective> openMpi) {
        Objects.requireNonNull(timeout, "timeout");
        DistributedEnvironment launch = DistributedEnvironment.detect(env);
        if (!ddp) {
            if (launch.isDistributed()) {
                throw new BadInputException("this process is one of " + launch.size() + " (" + launch.describe()
                        + ") but --ddp is not given: each would train alone and write the same files;"
                        + " add --ddp or start one process");
            }
            return new SingleProcess();
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInputException("--ddp-timeout must be positive, not " + timeout.toSeconds() + " s");
        }
        if (!launch.launcher().startsMpiJobs()) {
            if (launch.isDistributed()) {
                throw new BadInputException(launch.describe() + " announce " + launch.size()
                        + " processes, but they were not started by mpirun or srun, which --ddp needs to connect them:"
                        + " start them with mpirun -np " + launch.size() + " (or srun --mpi=pmix)");
            }
            return new SingleProcess();
        }
        Collective mpi;
        try {
            mpi = openMpi.apply(timeout);
        } catch (UnsatisfiedLinkError e) {
            throw new BadInputException("--ddp needs Open MPI's " + OpenMpiLibrary.LIBRARY + ", which cannot be loaded ("
                    + e.getMessage() + "): install openmpi-bin (apt install openmpi-bin)", e);
        }
        if (mpi.rank() != launch.rank() || mpi.size() != launch.size()) {
            String seen = "Open MPI sees rank " + mpi.rank() + " of " + mpi.size();
            mpi.close();
            throw new BadInputException(launch.describe() + " but " + seen + ": the processes did not join one job"
                    + (launch.launcher() == DistributedEnvironment.Launcher.SLURM
                            ? " (launch with srun --mpi=pmix, or mpirun inside the allocation)" : ""));
        }
        return mpi;
    }
}
