package dev.trainyard.trainer.dist;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * One rank of the jobs {@link MpiCollectiveIT} starts under {@code mpirun}; writes what it sees,
 * one line per check prefixed by its rank, to {@code rank-<rank>.txt} in the output directory
 * (mpirun forwards the ranks' stdout in pieces that may interleave mid-line).
 *
 * <p>Modes: {@code ops} runs every collective; {@code die} halts rank 1 while rank 0 waits in an
 * all-reduce; {@code hang} has rank 1 sleep past the timeout before the all-reduce.
 * Arguments: mode, timeout in milliseconds, output directory.
 */
public final class MpiProbe {

    private MpiProbe() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        String mode = args[0];
        Duration timeout = Duration.ofMillis(Long.parseLong(args[1]));
        try (Collective c = Collectives.open(true, timeout);
                PrintStream out = new PrintStream(
                        Files.newOutputStream(Path.of(args[2], "rank-" + c.rank() + ".txt")), true, UTF_8)) {
            int r = c.rank();
            switch (mode) {
                case "ops" -> operations(c, out);
                case "die" -> {
                    c.barrier();
                    if (r == 1) {
                        Runtime.getRuntime().halt(Integer.parseInt(System.getProperty("probe.exit", "7")));
                    }
                    out.println(r + " waiting");
                    c.allReduceSum(new float[] {1, 2, 3, 4});
                    out.println(r + " returned");
                }
                case "hang" -> {
                    c.barrier();
                    if (r == 1) {
                        Thread.sleep(timeout.multipliedBy(4));
                    }
                    c.allReduceSum(new float[] {1, 2, 3, 4});
                    out.println(r + " returned");
                }
                default -> throw new IllegalArgumentException("mode " + mode);
            }
        }
    }

    private static void operations(Collective c, PrintStream out) {
        int r = c.rank();
        out.printf(Locale.ROOT, "%d rank=%d size=%d localRank=%d type=%s%n", r, c.rank(), c.size(),
                c.localRank(), c.getClass().getSimpleName());

        // Odd length and more than one page, so that no chunking or alignment luck hides a mistake.
        int n = 1_000_003;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(JAVA_FLOAT, n);
            for (int i = 0; i < n; i++) {
                segment.setAtIndex(JAVA_FLOAT, i, (i % 7) * (r + 1));
            }
            c.allReduceSum(segment, n);
            int expectedFactor = c.size() * (c.size() + 1) / 2;
            int bad = -1;
            for (int i = 0; i < n && bad < 0; i++) {
                if (segment.getAtIndex(JAVA_FLOAT, i) != (i % 7) * expectedFactor) {
                    bad = i;
                }
            }
            out.printf(Locale.ROOT, "%d segment[5]=%s segment[%d]=%s firstWrong=%d%n", r,
                    segment.getAtIndex(JAVA_FLOAT, 5), n - 1, segment.getAtIndex(JAVA_FLOAT, n - 1), bad);

            // Only the first 10 of 12 floats take part; the last two stay as they were.
            MemorySegment shared = arena.allocate(JAVA_FLOAT, 12);
            for (int i = 0; i < 12; i++) {
                shared.setAtIndex(JAVA_FLOAT, i, r == 1 ? 42 + i : -1);
            }
            c.broadcast(shared, 10, 1);
            out.println(r + " broadcast=" + Arrays.toString(shared.toArray(JAVA_FLOAT)));
        }

        float[] floats = {r, 1.5f};
        c.allReduceSum(floats);
        out.println(r + " floats=" + Arrays.toString(floats));

        double[] doubles = {1e-3 * (r + 1), r, 1e12};
        c.allReduceSum(doubles);
        out.println(r + " doubles=" + Arrays.toString(doubles));

        c.allReduceSum(new float[0]);
        c.barrier();
        out.println(r + " barrier");
    }
}
