package dev.trainyard.trainer.dist;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * All-reduce bandwidth of the Open MPI collective against a plain memory copy of the same size,
 * the ceiling for ranks that share one machine. Run under {@code mpirun}; rank 0 prints a table
 * of medians:
 * <pre>
 * mpirun -np 2 --oversubscribe --allow-run-as-root java --enable-native-access=ALL-UNNAMED \
 *     -cp 'trainer-image/target/trainer-image.jar:trainer-image/target/lib/*' \
 *     dev.trainyard.trainer.dist.AllReduceBenchmark [MB ...]
 * </pre>
 * Sizes are in MB of floats (10^6 bytes), by default 1, 10, 25 and 100. Bandwidth is bytes over
 * time ("algorithm bandwidth"); for two ranks it equals the ring all-reduce's bus bandwidth.
 */
public final class AllReduceBenchmark {

    private static final int WARMUP = 2;

    private AllReduceBenchmark() {
    }

    public static void main(String[] args) {
        double[] sizesMb = args.length == 0 ? new double[] {1, 10, 25, 100}
                : Arrays.stream(args).mapToDouble(Double::parseDouble).toArray();
        try (MpiCollective c = MpiCollective.open(MpiCollective.DEFAULT_TIMEOUT)) {
            PrintStream out = System.out;
            if (c.rank() == 0) {
                out.printf(Locale.ROOT, "allreduce benchmark: %d ranks, %s, thread level %d, Java %s, %d cores per rank%n",
                        c.size(), c.libraryVersion(), c.threadLevel(), Runtime.version(),
                        Runtime.getRuntime().availableProcessors());
                out.printf(Locale.ROOT, "%8s %6s %16s %17s %9s %10s %12s%n", "size MB", "reps", "all-reduce ms",
                        "all-reduce GB/s", "copy ms", "copy GB/s", "reduce/copy");
            }
            for (double mb : sizesMb) {
                long floats = (long) (mb * 1e6 / Float.BYTES);
                long bytes = floats * Float.BYTES;
                int reps = (int) Math.clamp(Math.round(200 / mb), 10, 50);
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment buffer = arena.allocate(JAVA_FLOAT, floats);
                    buffer.fill((byte) 0);
                    double reduceMs = median(timeAllReduce(c, buffer, floats, reps));
                    // The copy runs on rank 0 while the others wait, so it has a core to itself.
                    double copyMs = Double.NaN;
                    if (c.rank() == 0) {
                        MemorySegment target = arena.allocate(bytes, 64);
                        copyMs = median(timeCopy(buffer, target, reps));
                    }
                    c.barrier();
                    if (c.rank() == 0) {
                        out.printf(Locale.ROOT, "%8s %6d %16.2f %17.2f %9.2f %10.2f %12.1f%n", format(mb), reps,
                                reduceMs, bytes / reduceMs / 1e6, copyMs, bytes / copyMs / 1e6, reduceMs / copyMs);
                        out.flush();
                    }
                }
            }
        }
    }

    private static double[] timeAllReduce(Collective c, MemorySegment buffer, long floats, int reps) {
        double[] ms = new double[reps];
        for (int i = -WARMUP; i < reps; i++) {
            c.barrier();
            long start = System.nanoTime();
            c.allReduceSum(buffer, floats);
            long end = System.nanoTime();
            if (i >= 0) {
                ms[i] = (end - start) / 1e6;
            }
        }
        return ms;
    }

    private static double[] timeCopy(MemorySegment source, MemorySegment target, int reps) {
        double[] ms = new double[reps];
        for (int i = -WARMUP; i < reps; i++) {
            long start = System.nanoTime();
            MemorySegment.copy(source, 0, target, 0, source.byteSize());
            long end = System.nanoTime();
            if (i >= 0) {
                ms[i] = (end - start) / 1e6;
            }
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double mb) {
        return mb == Math.rint(mb) ? Long.toString((long) mb) : Double.toString(mb);
    }
}
