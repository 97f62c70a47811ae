package dev.trainyard.trainer.data;

/**
 * Random access to the samples of a dataset (image decoded, annotations in pixels, untransformed
 * meta). Implementations are safe to call from several loader threads at once.
 */
public interface SampleSource {

    /** Number of samples (images after filtering). */
    int size();

    /**
     * Loads sample {@code index}.
     *
     * @throws dev.trainyard.trainer.BadInputException when the image file is missing or unreadable,
     *     naming the file
     */
    Sample load(int index);
}
