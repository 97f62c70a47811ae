package dev.trainyard.trainer.dist;

/**
 * Processes of one data-parallel job hold different weights: a defect (or a hardware fault), not
 * bad input. Training stops rather than continue with replicas that no longer agree; the last
 * checkpoint was written from rank 0 before the check failed.
 */
public class ReplicasDivergedException extends RuntimeException {

    public ReplicasDivergedException(String message) {
        super(message);
    }
}
