package dev.trainyard.trainer.dist;

import ai.djl.engine.Engine;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A job of {@code size} ranks that are threads of this JVM: a real collective (every rank's data
 * is combined), for tests of code above the {@link Collective} interface that need several ranks
 * without launching processes. Sums run in rank order, so results are deterministic.
 */
public final class ThreadGroup {

    private final int size;
    private final CyclicBarrier barrier;
    private final double[][] contributions;

    private ThreadGroup(int size) {
        this.size = size;
        this.barrier = new CyclicBarrier(size);
        this.contributions = new double[size][];
    }

    /**
     * Runs {@code body} once per rank, each on its own thread with that rank's collective, and
     * returns the ranks' results in rank order. A rank that fails breaks the others out of their
     * collectives; its exception is the one thrown.
     */
    public static <T> List<T> withMembers(int size, RankBody<T> body) throws Exception {
        // DJL loads PyTorch on the first thread that asks and switches autograd off on that thread
        // only; load it here so that the caller's thread (the test's) is that thread.
        Engine.getInstance();
        ThreadGroup group = new ThreadGroup(size);
        ExecutorService pool = Executors.newFixedThreadPool(size);
        ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(pool);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                Member member = group.new Member(r);
                futures.add(completion.submit(() -> {
                    try {
                        return body.apply(member);
                    } catch (Exception | Error e) {
                        group.barrier.reset();
                        throw e;
                    }
                }));
            }
            for (int i = 0; i < size; i++) {
                Future<T> done = completion.poll(120, TimeUnit.SECONDS);
                if (done == null) {
                    throw new TimeoutException("a rank of the thread group did not finish within 120 s");
                }
                done.get();
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One rank's work. */
    @FunctionalInterface
    public interface RankBody<T> {
        T apply(Collective collective) throws Exception;
    }

    private void await() {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("a rank of the thread group did not reach the collective", e);
        }
    }

    /** Every rank publishes its values, then each sums them all in rank order. */
    private double[] sum(int rank, double[] values) {
        contributions[rank] = values.clone();
        await();
        double[] total = new double[values.length];
        for (double[] c : contributions) {
            if (c.length != values.length) {
                throw new IllegalStateException("ranks passed buffers of different lengths");
            }
            for (int i = 0; i < total.length; i++) {
                total[i] += c[i];
            }
        }
        await();
        return total;
    }

    private final class Member implements Collective {
        private final int rank;

        Member(int rank) {
            this.rank = rank;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int localRank() {
            return rank;
        }

        @Override
        public void allReduceSum(MemorySegment buffer, long count) {
            Buffers.checkFloats(buffer, count);
            float[] values = new float[Math.toIntExact(count)];
            MemorySegment.copy(buffer, ValueLayout.JAVA_FLOAT, 0, values, 0, values.length);
            allReduceSum(values);
            MemorySegment.copy(values, 0, buffer, ValueLayout.JAVA_FLOAT, 0, values.length);
        }

        @Override
        public void allReduceSum(float[] values) {
            double[] d = new double[values.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = values[i];
            }
            double[] total = sum(rank, d);
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) total[i];
            }
        }

        @Override
        public void allReduceSum(double[] values) {
            System.arraycopy(sum(rank, values), 0, values, 0, values.length);
        }

        @Override
        public void broadcast(MemorySegment buffer, long count, int root) {
            Buffers.checkFloats(buffer, count);
            Buffers.checkRoot(root, size);
            double[] mine = new double[Math.toIntExact(count)];
            if (rank == root) {
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = buffer.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                }
            }
            double[] total = sum(rank, mine);
            for (int i = 0; i < mine.length; i++) {
                buffer.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) total[i]);
            }
        }

        @Override
        public void barrier() {
            await();
        }

        @Override
        public void close() {
        }
    }
}
