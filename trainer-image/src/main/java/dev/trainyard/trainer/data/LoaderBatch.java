package dev.trainyard.trainer.data;

/**
 * One batch handed out by {@link BatchLoader}, with how long the consumer waited for it.
 *
 * @param epoch the epoch the batch belongs to
 * @param index position of the batch in its epoch, from 0
 * @param data the collated batch
 * @param waitNanos time the consumer spent blocked for this batch (the training log's {@code data_time});
 *     with zero workers, the time spent loading it
 */
public record LoaderBatch<B>(int epoch, int index, B data, long waitNanos) {

    /** {@link #waitNanos} in seconds. */
    public double waitSeconds() {
        return waitNanos / 1e9;
    }
}
