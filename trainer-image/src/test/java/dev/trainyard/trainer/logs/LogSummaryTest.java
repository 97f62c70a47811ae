package dev.trainyard.trainer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSummaryTest {

    @TempDir
    Path dir;

    private List<String> summary(TrainingLog log, boolean components) {
        StringWriter text = new StringWriter();
        LogSummary.print(log, components, new PrintWriter(text, true));
        return text.toString().lines().toList();
    }

    @Test
    void headerAndOneAlignedRowPerEpoch() throws IOException {
        List<String> lines = summary(TrainingLog.read(LogFile.run(2, 1).write(dir.resolve("k16-a.log"))), false);

        assertEquals(List.of(
                "k16-a: version 0.1.0+7.gabc1234, dataset cocokp, basenet shufflenetv2k16, epochs 2 of 10 done",
                "  epoch  train loss  val loss  time [s]        lr  data wait",
                "      1     10.0000   11.0000      60.0  1.50e-03      24.0%",
                "      2      5.0000    5.5000      61.0  2.50e-03      24.0%"), lines);
    }

    @Test
    void componentColumnsShowTrainAndVal() throws IOException {
        List<String> lines = summary(TrainingLog.read(LogFile.run(1, 1).write(dir.resolve("a.log"))), true);

        assertEquals(List.of(
                "  epoch  train loss  val loss  time [s]        lr  data wait   cocokp.cif.c  cocokp.cif.vec   cocokp.caf.c",
                "      1     10.0000   11.0000      60.0  1.50e-03      24.0%  5.0000/5.5000   3.0000/3.3000  2.0000/2.2000",
                "  (component columns: train/val)"), lines.subList(1, lines.size()));
    }

    @Test
    void withoutValidationTheValColumnIsBlankAndComponentsAreTrainOnly() throws IOException {
        TrainingLog log = TrainingLog.read(new LogFile().config(List.of("a.cif.c", "a.caf.c"))
                .train(0, 0, 10, 1.0, 0.0, 0.1, 4.0, 1.0, null)
                .trainEpoch(1, 4.0, 20.0, 1.0, null)
                .write(dir.resolve("noval.log")));

        List<String> lines = summary(log, true);

        assertEquals("noval: version ?, dataset ?, basenet ?, epochs 1 of ? done", lines.get(0));
        assertEquals("  epoch  train loss  val loss  time [s]        lr  data wait  a.cif.c  a.caf.c", lines.get(1));
        assertEquals("      1      4.0000                20.0  1.00e-01       0.0%   1.0000        -", lines.get(2));
    }

    @Test
    void anUnfinishedEpochIsShownAsInProgress() throws IOException {
        TrainingLog log = TrainingLog.read(LogFile.run(1, 1)
                .train(1, 0, 4, 1.0, 0.2, 2e-3, 4.25)
                .train(1, 2, 4, 1.0, 0.2, 2.5e-3, 4.5)
                .write(dir.resolve("run.log")));

        List<String> lines = summary(log, false);

        assertEquals("  in progress: epoch 2, batch 2 of 4, loss 4.5000, lr 2.50e-03", lines.getLast());
        assertEquals(4, lines.size(), "header, table header, one finished epoch, progress");
    }

    @Test
    void aLogWithOnlyBatchRecordsSaysNoEpochHasFinished() throws IOException {
        TrainingLog log = TrainingLog.read(new LogFile().train(0, 10, 100, 1.0, 0.1, 1e-4, null)
                .writeCut(dir.resolve("young.log"), "{\"type\": \"tra"));

        List<String> lines = summary(log, false);

        assertEquals(List.of(
                "young: version ?, dataset ?, basenet ?, epochs 0 of ? done",
                "  no finished epoch yet",
                "  in progress: epoch 1, batch 10 of 100, loss -, lr 1.00e-04",
                "  skipped 1 line that did not parse (cut short by a crash?)"), lines);
    }
}
