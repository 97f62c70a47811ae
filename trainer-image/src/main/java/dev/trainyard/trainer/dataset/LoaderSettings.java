package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;

/**
 * How a data module batches: images per batch, loader threads, the seed of augmentation and
 * shuffling, whether to shuffle at all (off while debugging, so the same images come first), and
 * which shard of each epoch this process reads (data-parallel training; 0 of 1 otherwise).
 */
public record LoaderSettings(int batchSize, int workers, long seed, boolean shuffle, int shardIndex, int shardCount) {

    /** Settings of a single process. */
    public LoaderSettings(int batchSize, int workers, long seed, boolean shuffle) {
        this(batchSize, workers, seed, shuffle, 0, 1);
    }

    /** These settings for process {@code rank} of {@code size}. */
    public LoaderSettings sharded(int rank, int size) {
        return new LoaderSettings(batchSize, workers, seed, shuffle, rank, size);
    }

    public LoaderSettings {
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard " + shardIndex + " of " + shardCount + " does not exist");
        }
        if (batchSize < 1) {
            throw new BadInputException("--batch-size must be positive, got " + batchSize);
        }
        if (workers < 0) {
            throw new BadInputException("--loader-workers must be >= 0, got " + workers);
        }
    }
}
