package dev.trainyard.trainer.dist;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ends the job when a collective hangs. A blocking MPI call cannot be interrupted from Java, so a
 * daemon thread looks at the collective in flight a few times per timeout; once one has been
 * running longer than the timeout it hands a {@link CollectiveTimeoutException} naming the rank,
 * the call and the time waited to the abort action (print, then {@code MPI_Abort}) and stops.
 *
 * <p>A rank that dies is not this class's business: {@code mpirun} (or {@code srun}) sees the
 * process exit without {@code MPI_Finalize}, kills the other ranks and exits non-zero. The
 * watchdog covers the case no launcher sees: every process alive, one of them never arriving.
 *
 * <p>Starting and ending a call costs one volatile write each, so it can watch every bucket of a
 * gradient all-reduce.
 */
final class CollectiveWatchdog implements AutoCloseable {

    /** The collective in flight: what it is, how much data, since when. */
    private record Pending(String call, long count, String unit, long startNanos) {
    }

    private final Duration timeout;
    private final long timeoutNanos;
    private final Consumer<CollectiveTimeoutException> abort;
    private final Thread thread;
    private volatile String who;
    private volatile Pending pending;
    private volatile CollectiveTimeoutException fired;

    /**
     * @param timeout how long one collective may take
     * @param who the process as messages name it until {@link #identify} says more, e.g. "pid 123"
     * @param abort called once, on the watchdog's thread, with the overdue collective; expected to end the process
     */
    CollectiveWatchdog(Duration timeout, String who, Consumer<CollectiveTimeoutException> abort) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the collective timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.who = Objects.requireNonNull(who, "who");
        this.abort = Objects.requireNonNull(abort, "abort");
        this.thread = Thread.ofPlatform().daemon().name("collective-watchdog").start(this::watch);
    }

    /** Names the process in messages from now on, e.g. "rank 1 of 2". */
    void identify(String who) {
        this.who = Objects.requireNonNull(who, "who");
    }

    /** Marks the start of a blocking call on {@code count} elements of {@code unit}s. */
    void begin(String call, long count, String unit) {
        pending = new Pending(call, count, unit, System.nanoTime());
    }

    /** Marks the end of the call {@link #begin} started. */
    void end() {
        pending = null;
    }

    /**
     * Throws the timeout when the watchdog has fired: the call returned after all (e.g. with an
     * error because the job is being torn down) and nothing that follows may run.
     */
    void throwIfFired() {
        CollectiveTimeoutException e = fired;
        if (e != null) {
            throw e;
        }
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    private void watch() {
        long period = Math.clamp(timeoutNanos / 10, 1_000_000L, 1_000_000_000L);
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(period));
                Pending p = pending;
                if (p == null) {
                    continue;
                }
                long waited = System.nanoTime() - p.startNanos();
                if (waited > timeoutNanos) {
                    CollectiveTimeoutException e = new CollectiveTimeoutException(message(p, waited));
                    fired = e;
                    abort.accept(e);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private String message(Pending p, long waitedNanos) {
        String size = p.count() < 0 ? "" : String.format(Locale.ROOT, " (%d %s)", p.count(), p.unit());
        return String.format(Locale.ROOT,
                "%s: %s%s did not complete within %s (waited %.1f s): another rank died or hangs; aborting the job",
                who, p.call(), size, seconds(timeout), waitedNanos / 1e9);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1e3);
    }
}
