package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.data.LoaderBatch;
import dev.trainyard.trainer.data.LoaderEpoch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Interleaves the loaders of several data modules with the reference's weighted-counter rule:
 * the next batch comes from the module with the lowest {@code loaded / weight} (ties to the lower
 * index); an epoch has {@code floor(min_i len_i / w_i)} batches and ends early when the chosen
 * module runs out. With one module it is that module's loader.
 */
public final class MultiLoader implements AutoCloseable {

    private final List<BatchLoader<EncodedSample, HostBatch>> loaders;
    private final double[] weights;

    /**
     * @param loaders one per module, in {@code --dataset} order; closed with this loader
     * @param weights normalised weights (see {@link DatasetWeights})
     */
    public MultiLoader(List<BatchLoader<EncodedSample, HostBatch>> loaders, double[] weights) {
        if (loaders.isEmpty() || loaders.size() != weights.length) {
            throw new IllegalArgumentException(loaders.size() + " loaders for " + weights.length + " weights");
        }
        this.loaders = List.copyOf(loaders);
        this.weights = weights.clone();
    }

    /** Batches per epoch: {@code floor(min_i len_i / w_i)}. */
    public int batchesPerEpoch() {
        return batchesPerEpoch(lengths(), weights);
    }

    /** The number of modules. */
    public int modules() {
        return loaders.size();
    }

    private int[] lengths() {
        int[] lengths = new int[loaders.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = loaders.get(i).batchesPerEpoch();
        }
        return lengths;
    }

    static int batchesPerEpoch(int[] lengths, double[] weights) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < lengths.length; i++) {
            min = Math.min(min, lengths[i] / weights[i]);
        }
        // A hair of slack so that e.g. 10 / 0.1 is 100, not 99.99999.
        return (int) Math.floor(min + 1e-9);
    }

    /**
     * The module of every batch of an epoch, in order: the whole sampling rule without any data,
     * for modules with the given numbers of batches.
     */
    public static List<Integer> order(int[] lengths, double[] weights) {
        int total = batchesPerEpoch(lengths, weights);
        int[] loaded = new int[lengths.length];
        List<Integer> order = new ArrayList<>(total);
        while (order.size() < total) {
            int next = 0;
            for (int i = 1; i < loaded.length; i++) {
                if (loaded[i] / weights[i] < loaded[next] / weights[next]) {
                    next = i;
                }
            }
            if (loaded[next] >= lengths[next]) {
                break;
            }
            loaded[next]++;
            order.add(next);
        }
        return order;
    }

    /** The batches of one epoch; close it to stop the loaders' workers early. */
    public Epoch epoch(int epoch) {
        List<LoaderEpoch<HostBatch>> epochs = new ArrayList<>(loaders.size());
        try {
            for (BatchLoader<EncodedSample, HostBatch> loader : loaders) {
                epochs.add(loader.epoch(epoch));
            }
        } catch (RuntimeException e) {
            epochs.forEach(LoaderEpoch::close);
            throw e;
        }
        return new Epoch(epochs, order(lengths(), weights));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (BatchLoader<EncodedSample, HostBatch> loader : loaders) {
            try {
                loader.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A batch and the index of the module it came from. */
    public record Batch(int module, LoaderBatch<HostBatch> batch) {}

    /** One epoch of interleaved batches. */
    public static final class Epoch implements Iterable<Batch>, AutoCloseable {

        private final List<LoaderEpoch<HostBatch>> epochs;
        private final List<Integer> order;

        Epoch(List<LoaderEpoch<HostBatch>> epochs, List<Integer> order) {
            this.epochs = epochs;
            this.order = order;
        }

        /** Batches in this epoch. */
        public int size() {
            return order.size();
        }

        @Override
        public Iterator<Batch> iterator() {
            return new Iterator<>() {
                private int position;

                @Override
                public boolean hasNext() {
                    return position < order.size() && epochs.get(order.get(position)).hasNext();
                }

                @Override
                public Batch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int module = order.get(position++);
                    return new Batch(module, epochs.get(module).next());
                }
            };
        }

        @Override
        public void close() {
            epochs.forEach(LoaderEpoch::close);
        }
    }
}
