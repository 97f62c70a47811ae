package dev.trainyard.trainer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CollectiveWatchdogTest {

    @Test
    void anOverdueCollectiveIsAbortedWithTheRankTheCallAndTheWait() throws Exception {
        CompletableFuture<CollectiveTimeoutException> aborted = new CompletableFuture<>();
        try (CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofMillis(50), "pid 1", aborted::complete)) {
            watchdog.identify("rank 1 of 2");

            watchdog.begin("MPI_Allreduce", 1000, "floats");
            CollectiveTimeoutException e = aborted.get(10, TimeUnit.SECONDS);

            assertTrue(e.getMessage().matches("rank 1 of 2: MPI_Allreduce \\(1000 floats\\) did not complete within"
                    + " 0\\.050 s \\(waited \\d+\\.\\d s\\): another rank died or hangs; aborting the job"), e.getMessage());
            watchdog.end();
            assertSame(e, assertThrows(CollectiveTimeoutException.class, watchdog::throwIfFired));
        }
    }

    @Test
    void collectivesThatEndInTimeAreLeftAlone() throws Exception {
        CompletableFuture<CollectiveTimeoutException> aborted = new CompletableFuture<>();
        try (CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofSeconds(60), "rank 0 of 2",
                aborted::complete)) {
            for (int i = 0; i < 1000; i++) {
                watchdog.begin("MPI_Barrier", -1, "");
                watchdog.end();
            }
            watchdog.throwIfFired();
            assertFalse(aborted.isDone());
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CollectiveWatchdog(Duration.ZERO, "rank 0 of 1", x -> { }));

        assertEquals("the collective timeout must be positive, not PT0S", e.getMessage());
    }
}
