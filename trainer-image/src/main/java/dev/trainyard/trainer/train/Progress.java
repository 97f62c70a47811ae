package dev.trainyard.trainer.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The terminal's view of a training: one line per epoch plus, during an epoch, a progress line
 * (epoch, batch/n_batches, loss, images/s, share of time waiting for data, lr, ETA). On a terminal
 * the line is redrawn in place; otherwise (CI, a batch job's log) a line is printed at most every
 * {@code interval} seconds. The JSON log is separate and unaffected.
 */
public class Progress {

    /** No output (tests, library use). */
    public static final Progress NONE = new Progress(null, false, 0);

    private final PrintWriter out;
    private final boolean inPlace;
    private final double intervalSeconds;

    private int totalEpochs;
    private int startEpoch;
    private int batchesPerEpoch;
    private long startNanos;
    private long lastPrint;
    private long batchesDone;
    private double epochImages;
    private double epochBusySeconds;
    private double epochWaitSeconds;
    private double epochLoss;
    private int epochBatches;
    private boolean lineOpen;

    /**
     * @param out where to print; null prints nothing
     * @param inPlace redraw one line with carriage returns (an interactive terminal)
     * @param intervalSeconds minimum time between printed lines (between redraws when in place)
     */
    public Progress(PrintWriter out, boolean inPlace, double intervalSeconds) {
        this.out = out;
        this.inPlace = inPlace;
        this.intervalSeconds = intervalSeconds;
    }

    /** Progress on the console: in place when it is a terminal, else a line every 30 s. */
    public static Progress console(PrintWriter out) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return new Progress(out, terminal, terminal ? 0.25 : 30);
    }

    public void start(int fromEpoch, int epochs, int batches) {
        this.startEpoch = fromEpoch;
        this.totalEpochs = epochs;
        this.batchesPerEpoch = batches;
        this.startNanos = System.nanoTime();
        this.lastPrint = startNanos;
        if (out != null) {
            out.printf(Locale.ROOT, "training epochs %d to %d, %d batches per epoch%n", fromEpoch + 1, epochs, batches);
            out.flush();
        }
    }

    public void batch(int epoch, int batch, int images, double loss, double lr, double stepSeconds, double waitSeconds) {
        if (batch == 0) {
            epochImages = 0;
            epochBusySeconds = 0;
            epochWaitSeconds = 0;
            epochLoss = 0;
            epochBatches = 0;
        }
        batchesDone++;
        epochImages += images;
        epochBusySeconds += stepSeconds;
        epochWaitSeconds += waitSeconds;
        epochLoss += loss;
        epochBatches++;
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        // In place, the last batch of an epoch is always drawn; in a log file the epoch's summary
        // line follows anyway.
        boolean due = (now - lastPrint) / 1e9 >= intervalSeconds || (inPlace && batch + 1 == batchesPerEpoch);
        if (!due) {
            return;
        }
        lastPrint = now;
        double elapsed = epochBusySeconds + epochWaitSeconds;
        double perBatch = (now - startNanos) / 1e9 / batchesDone;
        long remaining = (long) (totalEpochs - epoch - 1) * batchesPerEpoch + (batchesPerEpoch - batch - 1);
        String line = String.format(Locale.ROOT,
                "epoch %d/%d  batch %d/%d  loss %.4g  %.1f img/s  data %.0f%%  lr %.3g  ETA %s",
                epoch + 1, totalEpochs, batch + 1, batchesPerEpoch, epochLoss / epochBatches,
                elapsed > 0 ? epochImages / elapsed : 0, elapsed > 0 ? 100 * epochWaitSeconds / elapsed : 0, lr,
                duration(remaining * perBatch));
        if (inPlace) {
            out.print("\r" + line + "\u001b[K");
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void epochDone(int epoch, double meanLoss) {
        if (out == null) {
            return;
        }
        endLine();
        double elapsed = epochBusySeconds + epochWaitSeconds;
        out.printf(Locale.ROOT, "epoch %d/%d done: train loss %.4g, %.1f img/s, %.0f%% waiting for data, %s%n",
                epoch + 1, totalEpochs, meanLoss, elapsed > 0 ? epochImages / elapsed : 0,
                elapsed > 0 ? 100 * epochWaitSeconds / elapsed : 0, duration(elapsed));
        out.flush();
    }

    public void validated(int epoch, double meanLoss, int batches) {
        if (out == null) {
            return;
        }
        endLine();
        out.printf(Locale.ROOT, "epoch %d/%d validation: loss %.4g over %d batches%n", epoch, totalEpochs, meanLoss,
                batches);
        out.flush();
    }

    public void message(String text) {
        if (out == null) {
            return;
        }
        endLine();
        out.println(text);
        out.flush();
    }

    public void finish() {
        if (out == null) {
            return;
        }
        endLine();
        out.printf(Locale.ROOT, "trained %d epochs in %s%n", totalEpochs - startEpoch,
                duration((System.nanoTime() - startNanos) / 1e9));
        out.flush();
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
