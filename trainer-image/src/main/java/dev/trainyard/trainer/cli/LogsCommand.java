package dev.trainyard.trainer.cli;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.logs.LogPlots;
import dev.trainyard.trainer.logs.LogSummary;
import dev.trainyard.trainer.logs.TrainingLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trainyard logs}: summarises training logs on the console and, with {@code --plot}, draws
 * them side by side as PNG files; the analogue of the reference's {@code python3 -m openpifpaf.logs}.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Summarise training logs (JSON lines written by training) and compare runs.",
            "Per FILE: a header (run, version, dataset, basenet, epochs done of planned)",
            "and a table per epoch: train loss, val loss, seconds, lr at the epoch's end",
            "and the share of batch time spent waiting for data ('data wait').",
            "An unfinished epoch shows as 'in progress', so a running training can be",
            "followed; lines of other types and a last line cut short are skipped.",
            "--show-components adds a column per loss component (train/val).",
            "--plot DIR writes PNGs comparing all FILEs, one colour per run: loss.png,",
            "loss-COMPONENT.png per component, lr.png, epoch-time.png, data-share.png.",
            "Example: trainyard logs outputs/*.log --show-components --plot plots/",
        })
public final class LogsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "training log files (JSON lines)")
    List<Path> files;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "write PNG plots comparing the runs into DIR (created if missing)")
    Path plotDir;

    @Option(names = "--show-components", description = "add a column per loss component to the epoch tables")
    boolean showComponents;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Read every file first, so that a bad one fails before any output.
        List<TrainingLog> logs = files.stream().map(TrainingLog::read).toList();
        if (plotDir != null && Files.exists(plotDir) && !Files.isDirectory(plotDir)) {
            throw new BadInputException("--plot " + plotDir + ": exists and is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < logs.size(); i++) {
            if (i > 0) {
                out.println();
            }
            LogSummary.print(logs.get(i), showComponents, out);
        }
        out.flush();
        if (plotDir != null) {
            // Before AWT's first use: plotting must not need a display, e.g. in a container.
            System.setProperty("java.awt.headless", "true");
            List<Path> written;
            try {
                written = new LogPlots(logs).writeAll(plotDir);
            } catch (IOException e) {
                throw new BadInputException("--plot " + plotDir + ": cannot write: " + e.getMessage(), e);
            }
            out.println();
            out.printf("plots (%d) in %s:%n", written.size(), plotDir);
            written.forEach(file -> out.println("  " + file));
            out.flush();
        }
        return 0;
    }
}
