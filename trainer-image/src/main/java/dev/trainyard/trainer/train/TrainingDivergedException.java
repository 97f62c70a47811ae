package dev.trainyard.trainer.train;

/**
 * Training cannot continue: the loss became NaN or infinite (the weights diverged). The CLI
 * reports it in one line with exit status {@code 3}, so an orchestrator can tell it from bad input
 * (2) and from a crash (1); restarting from the last checkpoint with the same settings would
 * likely diverge again.
 */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message, Throwable cause) {
        super(message, cause);
    }
}
