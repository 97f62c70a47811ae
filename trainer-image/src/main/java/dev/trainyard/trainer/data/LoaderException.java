package dev.trainyard.trainer.data;

/**
 * Loading or collating a batch failed; the message names the dataset index (or batch) and epoch,
 * and the cause is the original failure (a {@link dev.trainyard.trainer.BadInputException} for an
 * unreadable file stays reachable through {@link #getCause()}).
 */
public class LoaderException extends RuntimeException {

    public LoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
