package dev.trainyard.trainer;

/**
 * A problem the user can fix: a bad flag value, a malformed or missing file, an empty dataset.
 * The CLI prints its message as one line and exits with status 2; the message names the
 * flag, file or field that is wrong.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
