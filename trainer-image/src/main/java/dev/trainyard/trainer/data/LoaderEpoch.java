package dev.trainyard.trainer.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The batches of one {@link BatchLoader} epoch, handed out in order; iterable once. Closing it
 * cancels the batches not yet handed out.
 *
 * <p>With an executor, batches {@code k .. k + window - 1} are loading while the consumer holds
 * batch {@code k - 1}; each batch handed out starts the next. Without one, {@link #next()} loads
 * the batch in the caller's thread.
 */
public final class LoaderEpoch<B> implements Iterable<LoaderBatch<B>>, Iterator<LoaderBatch<B>>, AutoCloseable {

    private final int epoch;
    private final int batches;
    private final IntFunction<B> loadBatch;
    private final ExecutorService executor;
    private final ArrayDeque<Future<B>> inFlight = new ArrayDeque<>();
    private int nextSubmit;
    private int nextTake;
    private boolean done;
    private boolean iterated;

    LoaderEpoch(int epoch, int batches, IntFunction<B> loadBatch, ExecutorService executor, int window) {
        this.epoch = epoch;
        this.batches = batches;
        this.loadBatch = loadBatch;
        this.executor = executor;
        while (executor != null && nextSubmit < batches && inFlight.size() < window) {
            submit();
        }
    }

    public int epoch() {
        return epoch;
    }

    /** Number of batches in this epoch. */
    public int size() {
        return batches;
    }

    @Override
    public Iterator<LoaderBatch<B>> iterator() {
        if (iterated) {
            throw new IllegalStateException("the batches of an epoch can be iterated once");
        }
        iterated = true;
        return this;
    }

    @Override
    public boolean hasNext() {
        return !done && nextTake < batches;
    }

    /**
     * The next batch, waiting for it if needed.
     *
     * @throws LoaderException naming the dataset index when loading one of its items failed; the epoch ends
     */
    @Override
    public LoaderBatch<B> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int batch = nextTake++;
        long start = System.nanoTime();
        B data;
        try {
            data = executor == null ? loadBatch.apply(batch) : await(batch);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        long waited = System.nanoTime() - start;
        if (executor != null && nextSubmit < batches) {
            submit();
        }
        return new LoaderBatch<>(epoch, batch, data, waited);
    }

    private B await(int batch) {
        Future<B> future = inFlight.poll();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderException("interrupted while waiting for batch " + batch + " (epoch " + epoch + ")", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LoaderException le) {
                throw le;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LoaderException("failed to load batch " + batch + " (epoch " + epoch + "): " + cause, cause);
        }
    }

    private void submit() {
        int batch = nextSubmit++;
        inFlight.add(executor.submit(() -> loadBatch.apply(batch)));
    }

    /** Cancels (and interrupts) the batches not yet handed out; iteration ends. */
    @Override
    public void close() {
        done = true;
        Future<B> f;
        while ((f = inFlight.poll()) != null) {
            f.cancel(true);
        }
    }
}
