package dev.trainyard.trainer.dist;

/**
 * A collective did not complete within the job's timeout ({@code --ddp-timeout}): another rank
 * died or hangs. The trainer ends the process with a non-zero exit so that the orchestrator can
 * restart the job from the last checkpoint.
 */
public class CollectiveTimeoutException extends RuntimeException {

    /** The exit status of a job ended by a timeout ({@code MPI_Abort}'s error code, which {@code mpirun} returns). */
    public static final int EXIT_STATUS = 4;

    public CollectiveTimeoutException(String message) {
        super(message);
    }
}
