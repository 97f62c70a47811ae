package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;

/**
 * How a data module batches: images per batch, loader threads, the seed of augmentation and
 * shuffling, and whether to shuffle at all (off while debugging, so the same images come first).
 */
public record LoaderSettings(int batchSize, int workers, long seed, boolean shuffle) {

    public LoaderSettings {
        if (batchSize < 1) {
            throw new BadInputException("--batch-size must be positive, got " + batchSize);
        }
        if (workers < 0) {
            throw new BadInputException("--loader-workers must be >= 0, got " + workers);
        }
    }
}
