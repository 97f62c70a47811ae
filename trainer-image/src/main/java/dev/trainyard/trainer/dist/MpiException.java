package dev.trainyard.trainer.dist;

/** An Open MPI call returned an error; the message names the call and carries MPI's error text. */
public class MpiException extends RuntimeException {

    public MpiException(String message) {
        super(message);
    }
}
