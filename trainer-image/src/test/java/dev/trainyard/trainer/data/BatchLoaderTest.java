package dev.trainyard.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Guards against hangs only; no test asserts on durations.
@Timeout(60)
class BatchLoaderTest {

    private static BatchLoader<Integer, List<Integer>> loader(int size, int batch, int workers, boolean dropLast) {
        return BatchLoader.<Integer, List<Integer>>builder(size, (index, epoch) -> {
                    // Uneven load times make workers finish out of order.
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                    return index;
                }, List::copyOf)
                .batchSize(batch)
                .shuffle(1234)
                .dropLast(dropLast)
                .workers(workers)
                .build();
    }

    private static List<List<Integer>> epoch(BatchLoader<Integer, List<Integer>> loader, int epoch) {
        List<List<Integer>> batches = new ArrayList<>();
        try (var it = loader.epoch(epoch)) {
            for (LoaderBatch<List<Integer>> batch : it) {
                assertEquals(batches.size(), batch.index());
                assertEquals(epoch, batch.epoch());
                assertTrue(batch.waitNanos() >= 0);
                batches.add(batch.data());
            }
        }
        return batches;
    }

    @Test
    void shardsAreDisjointStridedSlicesOfTheSameEpochOrder() {
        BatchLoader.ItemLoader<Integer> items = (index, epoch) -> index;
        try (var whole = loader(23, 1, 0, true);
                var first = BatchLoader.<Integer, List<Integer>>builder(23, items, List::copyOf)
                        .batchSize(2).shuffle(1234).dropLast(true).shard(0, 2).build();
                var second = BatchLoader.<Integer, List<Integer>>builder(23, items, List::copyOf)
                        .batchSize(2).shuffle(1234).dropLast(true).shard(1, 2).build()) {
            for (int e = 0; e < 2; e++) {
                int[] order = whole.order(e);
                int[] a = first.order(e);
                int[] b = second.order(e);
                assertEquals(11, a.length, "23 images over 2 processes: the remainder is dropped");
                for (int i = 0; i < 11; i++) {
                    assertEquals(order[2 * i], a[i]);
                    assertEquals(order[2 * i + 1], b[i]);
                }
                assertEquals(5, first.batchesPerEpoch());
                List<Integer> seen = new ArrayList<>();
                epoch(first, e).forEach(seen::addAll);
                epoch(second, e).forEach(seen::addAll);
                assertEquals(20, new HashSet<>(seen).size(), "no image in both shards");
            }
            assertFalse(java.util.Arrays.equals(first.order(0), first.order(1)), "reshuffled per epoch");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void everyIndexOnceAndTheIncompleteBatchDropped(int workers) {
        try (var loader = loader(23, 5, workers, true)) {
            List<List<Integer>> batches = epoch(loader, 0);

            assertEquals(4, batches.size());
            assertEquals(4, loader.batchesPerEpoch());
            Set<Integer> seen = new HashSet<>();
            for (List<Integer> batch : batches) {
                assertEquals(5, batch.size());
                for (int index : batch) {
                    assertTrue(seen.add(index), "index " + index + " twice");
                    assertTrue(index >= 0 && index < 23);
                }
            }
            assertEquals(20, seen.size());
        }
    }

    @Test
    void keepsTheIncompleteBatchWithoutDropLast() {
        try (var loader = loader(23, 5, 2, false)) {
            List<List<Integer>> batches = epoch(loader, 0);
            assertEquals(5, batches.size());
            assertEquals(3, batches.getLast().size());
            assertEquals(23, batches.stream().mapToInt(List::size).sum());
        }
    }

    @Test
    void orderIsTheSameForAnyNumberOfWorkers() {
        List<List<Integer>> reference;
        try (var loader = loader(50, 4, 0, true)) {
            reference = epoch(loader, 2);
        }
        for (int workers : new int[] {1, 3}) {
            try (var loader = loader(50, 4, workers, true)) {
                assertEquals(reference, epoch(loader, 2), workers + " workers");
            }
        }
    }

    @Test
    void reshufflesEachEpochAndRepeatsWithTheSameSeed() {
        try (var a = loader(40, 8, 2, true); var b = loader(40, 8, 0, true)) {
            List<List<Integer>> first = epoch(a, 0);
            List<List<Integer>> second = epoch(a, 1);
            assertFalse(first.equals(second), "epochs 0 and 1 in the same order");
            assertEquals(first, epoch(b, 0));
            assertEquals(second, epoch(b, 1));
            assertArrayEquals(a.order(1), b.order(1));
        }
    }

    @Test
    void unshuffledLoadsInDatasetOrder() {
        try (var loader = BatchLoader.<Integer, List<Integer>>builder(7, (i, e) -> i, List::copyOf)
                .batchSize(3).workers(2).build()) {
            assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)), epoch(loader, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void aFailingItemSurfacesNamingTheIndex(int workers) {
        try (var loader = BatchLoader.<Integer, List<Integer>>builder(30, (index, epoch) -> {
                    if (index == 17) {
                        throw new BadInputException("cannot read image file 000000000017.jpg");
                    }
                    return index;
                }, List::copyOf).batchSize(4).workers(workers).build()) {
            var batches = loader.epoch(0);
            LoaderException e = assertThrows(LoaderException.class, () -> {
                for (var batch : batches) {
                    assertFalse(batch.data().contains(17));
                }
            });
            assertTrue(e.getMessage().contains("item 17"), e.getMessage());
            assertTrue(e.getMessage().contains("000000000017.jpg"), e.getMessage());
            assertInstanceOf(BadInputException.class, e.getCause());
            assertFalse(batches.hasNext(), "the failed epoch ends");
        }
    }

    @Test
    void closingMidEpochStopsTheWorkers() throws InterruptedException {
        Set<Thread> workerThreads = ConcurrentHashMap.newKeySet();
        CountDownLatch blocked = new CountDownLatch(1);
        var loader = BatchLoader.<Integer, List<Integer>>builder(1000, (index, epoch) -> {
                    workerThreads.add(Thread.currentThread());
                    if (index >= 8) {
                        blocked.countDown();
                        // Blocks until interrupted, like a load stuck on a slow read.
                        new CountDownLatch(1).await();
                    }
                    return index;
                }, List::copyOf).batchSize(4).workers(3).build();
        var batches = loader.epoch(0);
        assertEquals(List.of(0, 1, 2, 3), batches.next().data());
        blocked.await();

        loader.close();

        assertFalse(workerThreads.isEmpty());
        for (Thread t : workerThreads) {
            t.join();
            assertFalse(t.isAlive(), t.getName());
        }
        assertFalse(batches.hasNext());
        assertThrows(IllegalStateException.class, () -> loader.epoch(1));
    }

    @Test
    void defaultWorkersFollowTheReference() {
        assertEquals(8, BatchLoader.defaultWorkers(8));
        assertEquals(16, BatchLoader.defaultWorkers(32));
    }
}
