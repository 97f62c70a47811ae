package dev.trainyard.trainer.logs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The console summary of one run: a header line, a table of its epochs, and the epoch in progress. */
public final class LogSummary {

    private static final String INDENT = "  ";

    private LogSummary() {}

    /**
     * Prints the summary of {@code log}.
     *
     * @param components whether to add a column per loss component (train, or train/val when the run validates)
     */
    public static void print(TrainingLog log, boolean components, PrintWriter out) {
        out.println(header(log));
        List<EpochRow> rows = EpochRow.of(log);
        if (rows.isEmpty()) {
            out.println(INDENT + "no finished epoch yet");
        } else {
            boolean validated = !log.valEpochs().isEmpty();
            table(rows, components ? log.fieldNames() : List.of(), validated).print(out, INDENT);
            if (components && validated && !log.fieldNames().isEmpty()) {
                out.println(INDENT + "(component columns: train/val)");
            }
        }
        inProgress(log).ifPresent(line -> out.println(INDENT + line));
        if (log.skippedLines() > 0) {
            out.printf(Locale.ROOT, "%sskipped %d line%s that did not parse (cut short by a crash?)%n", INDENT,
                    log.skippedLines(), log.skippedLines() == 1 ? "" : "s");
        }
    }

    static String header(TrainingLog log) {
        ProcessInfo p = log.process();
        String planned = log.epochsPlanned().isPresent() ? Integer.toString(log.epochsPlanned().getAsInt()) : "?";
        return String.format(Locale.ROOT, "%s: version %s, dataset %s, basenet %s, epochs %d of %s done",
                log.label(), orUnknown(p.version()), p.arg("dataset").orElse("?"), p.arg("basenet").orElse("?"),
                log.epochsDone(), planned);
    }

    private static TextTable table(List<EpochRow> rows, List<String> componentNames, boolean validated) {
        List<String> headers = new ArrayList<>(List.of("epoch", "train loss", "val loss", "time [s]", "lr", "data wait"));
        headers.addAll(componentNames);
        TextTable table = new TextTable(headers);
        for (EpochRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(
                    Integer.toString(row.epoch()),
                    loss(row.trainLoss()),
                    Double.isNaN(row.valLoss()) ? "" : loss(row.valLoss()),
                    Double.isNaN(row.seconds()) ? "" : String.format(Locale.ROOT, "%.1f", row.seconds()),
                    Double.isNaN(row.lr()) ? "" : String.format(Locale.ROOT, "%.2e", row.lr()),
                    Double.isNaN(row.dataShare()) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * row.dataShare())));
            for (int i = 0; i < componentNames.size(); i++) {
                String train = loss(row.trainComponents().get(i));
                cells.add(validated ? train + "/" + loss(row.valComponents().get(i)) : train);
            }
            table.addRow(cells);
        }
        return table;
    }

    /** The last batch record, when it belongs to an epoch that has not finished. */
    private static Optional<String> inProgress(TrainingLog log) {
        if (log.train().isEmpty()) {
            return Optional.empty();
        }
        TrainRecord last = log.train().getLast();
        if (last.epoch() < log.epochsDone()) {
            return Optional.empty();
        }
        String of = last.nBatches() > 0 ? " of " + last.nBatches() : "";
        return Optional.of(String.format(Locale.ROOT, "in progress: epoch %d, batch %d%s, loss %s, lr %s",
                last.epoch() + 1, last.batch(), of, loss(last.loss()),
                Double.isNaN(last.lr()) ? "-" : String.format(Locale.ROOT, "%.2e", last.lr())));
    }

    /** A loss with four decimals; "-" for NaN, which stands for null in the log. */
    static String loss(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? "?" : value;
    }
}
