package dev.trainyard.trainer.data;

import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Loads items in worker threads and hands out collated batches in a deterministic order, as the
 * reference's {@code DataLoader(shuffle, drop_last, num_workers)}.
 *
 * <p>Batch {@code k} of an epoch holds the items at positions {@code [k * batchSize, (k + 1) * batchSize)}
 * of that epoch's order (the identity, or a permutation derived from the seed and the epoch), and
 * batches are handed out in increasing {@code k} whatever the number of workers. Each worker loads
 * and collates whole batches; at most {@code prefetch * workers} batches are in flight. With zero
 * workers the consumer's thread loads each batch when asked.
 *
 * <p>Use it from one consumer thread: {@code try (LoaderEpoch<B> batches = loader.epoch(e)) { for (var b : batches) ... }}.
 * Closing an epoch early cancels its outstanding work; closing the loader also stops its threads.
 *
 * @param <T> the item produced per dataset index
 * @param <B> the collated batch
 */
public final class BatchLoader<T, B> implements AutoCloseable {

    /** Produces the item at a dataset index for an epoch; runs concurrently on worker threads. */
    @FunctionalInterface
    public interface ItemLoader<T> {
        T load(int index, int epoch) throws Exception;
    }

    private static final AtomicInteger LOADER_IDS = new AtomicInteger();

    private final int size;
    private final ItemLoader<T> loader;
    private final Function<List<T>, B> collate;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int shardIndex;
    private final int shardCount;
    private final int workers;
    private final int window;
    private final ExecutorService executor;
    private LoaderEpoch<B> current;
    private boolean closed;

    private BatchLoader(Builder<T, B> b) {
        this.size = b.size;
        this.loader = b.loader;
        this.collate = b.collate;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.shardIndex = b.shardIndex;
        this.shardCount = b.shardCount;
        this.workers = b.workers;
        this.window = b.prefetch * b.workers;
        this.executor = workers == 0 ? null : Executors.newFixedThreadPool(workers, threadFactory());
    }

    /** Starts building a loader over dataset indices {@code [0, size)}. */
    public static <T, B> Builder<T, B> builder(int size, ItemLoader<T> loader, Function<List<T>, B> collate) {
        return new Builder<>(size, loader, collate);
    }

    /** The reference's default for {@code --loader-workers}: {@code min(16, batchSize)}. */
    public static int defaultWorkers(int batchSize) {
        return Math.min(16, batchSize);
    }

    /** Batches per epoch: {@code items / batchSize}, rounded up unless the incomplete last batch is dropped. */
    public int batchesPerEpoch() {
        int items = itemsPerEpoch();
        return dropLast ? items / batchSize : (items + batchSize - 1) / batchSize;
    }

    /** Items this loader reads per epoch: the dataset, or this process's shard of it. */
    public int itemsPerEpoch() {
        return size / shardCount;
    }

    /**
     * The dataset indices of {@code epoch} in the order they are batched: the epoch's order (the
     * same in every process), or with a shard, every {@code shardCount}-th index of it starting at
     * {@code shardIndex} after dropping the remainder, as PyTorch's {@code DistributedSampler}
     * with {@code drop_last}.
     */
    public int[] order(int epoch) {
        int[] full = fullOrder(epoch);
        if (shardCount == 1) {
            return full;
        }
        int[] shard = new int[itemsPerEpoch()];
        for (int i = 0; i < shard.length; i++) {
            shard[i] = full[shardIndex + i * shardCount];
        }
        return shard;
    }

    private int[] fullOrder(int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(mix(mix(seed) ^ epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * Starts loading {@code epoch}; the batches of a still-open previous epoch are cancelled.
     *
     * @throws IllegalStateException when the loader is closed
     */
    public LoaderEpoch<B> epoch(int epoch) {
        if (closed) {
            throw new IllegalStateException("loader is closed");
        }
        if (current != null) {
            current.close();
        }
        int[] order = order(epoch);
        current = new LoaderEpoch<>(epoch, batchesPerEpoch(), batch -> loadBatch(epoch, batch, order), executor, window);
        return current;
    }

    /** Cancels outstanding work and stops the worker threads, waiting briefly for them to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.close();
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                // Loads that ignore interrupts (blocking file I/O) finish their current item; don't wait forever.
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private B loadBatch(int epoch, int batch, int[] order) {
        int from = batch * batchSize;
        int to = Math.min(from + batchSize, order.length);
        List<T> items = new ArrayList<>(to - from);
        for (int p = from; p < to; p++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("batch " + batch + " of epoch " + epoch + " cancelled");
            }
            int index = order[p];
            try {
                items.add(loader.load(index, epoch));
            } catch (Exception e) {
                throw new LoaderException("failed to load item " + index + " (epoch " + epoch
                        + ", batch " + batch + "): " + e.getMessage(), e);
            }
        }
        try {
            return collate.apply(items);
        } catch (RuntimeException e) {
            throw new LoaderException("failed to collate batch " + batch + " (epoch " + epoch + "): "
                    + e.getMessage(), e);
        }
    }

    private ThreadFactory threadFactory() {
        String prefix = "batch-loader-" + LOADER_IDS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + n.getAndIncrement());
            // A consumer that dies without closing the loader must not keep the JVM alive.
            t.setDaemon(true);
            return t;
        };
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Settings of a {@link BatchLoader}; defaults: batch 1, no shuffle, keep the last batch, no workers, prefetch 2. */
    public static final class Builder<T, B> {
        private final int size;
        private final ItemLoader<T> loader;
        private final Function<List<T>, B> collate;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private int shardIndex;
        private int shardCount = 1;
        private int workers;
        private int prefetch = 2;

        private Builder(int size, ItemLoader<T> loader, Function<List<T>, B> collate) {
            if (size < 0) {
                throw new IllegalArgumentException("dataset size must be non-negative, got " + size);
            }
            this.size = size;
            this.loader = Objects.requireNonNull(loader);
            this.collate = Objects.requireNonNull(collate);
        }

        public Builder<T, B> batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new BadInputException("--batch-size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffles each epoch with a permutation derived from {@code seed} and the epoch number. */
        public Builder<T, B> shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** Drops the incomplete last batch, as the reference's training and validation loaders do. */
        public Builder<T, B> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Reads only shard {@code index} of {@code count} of every epoch's order: data-parallel
         * processes use the same seed and disjoint shards.
         */
        public Builder<T, B> shard(int index, int count) {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist");
            }
            this.shardIndex = index;
            this.shardCount = count;
            return this;
        }

        /** {@code --loader-workers}: threads loading batches; 0 loads in the consumer's thread. */
        public Builder<T, B> workers(int workers) {
            if (workers < 0) {
                throw new BadInputException("--loader-workers must be non-negative, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Batches each worker may have loaded ahead of the consumer (default 2). */
        public Builder<T, B> prefetch(int batchesPerWorker) {
            if (batchesPerWorker <= 0) {
                throw new IllegalArgumentException("prefetch must be positive, got " + batchesPerWorker);
            }
            this.prefetch = batchesPerWorker;
            return this;
        }

        public BatchLoader<T, B> build() {
            return new BatchLoader<>(this);
        }
    }
}
