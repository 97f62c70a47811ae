package dev.trainyard.trainer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochRowTest {

    @TempDir
    Path dir;

    @Test
    void joinsEpochRecordsWithTheBatchesOfTheSameEpoch() throws IOException {
        List<EpochRow> rows = EpochRow.of(TrainingLog.read(LogFile.run(3, 1).write(dir.resolve("run.log"))));

        assertEquals(List.of(1, 2, 3), rows.stream().map(EpochRow::epoch).toList());
        EpochRow second = rows.get(1);
        assertEquals(5.0, second.trainLoss(), 1e-12);
        assertEquals(5.5, second.valLoss(), 1e-12);
        assertEquals(61.0, second.seconds(), 1e-12);
        assertEquals(2.5e-3, second.lr(), 1e-15, "the lr of the epoch's last batch record (0-based epoch 1)");
        // (0.1 + 0.5) s waiting of (0.9 + 0.1 + 1.0 + 0.5) s
        assertEquals(0.24, second.dataShare(), 1e-12);
        assertEquals(List.of(2.5, 1.5, 1.0), second.trainComponents());
        assertEquals(2.75, second.valComponents().getFirst(), 1e-12);
    }

    @Test
    void aValidationBeforeTrainingIsARowWithoutTrainingValues() throws IOException {
        TrainingLog log = TrainingLog.read(new LogFile().config(LogFile.FIELDS)
                .valEpoch(0, 12.0, 5.0, 6.0, 4.0, 2.0)
                .train(0, 0, 2, 1.0, 1.0, 0.01, 11.0)
                .trainEpoch(1, 11.0, 30.0)
                .write(dir.resolve("run.log")));

        List<EpochRow> rows = EpochRow.of(log);

        assertEquals(2, rows.size());
        EpochRow before = rows.getFirst();
        assertEquals(0, before.epoch());
        assertEquals(12.0, before.valLoss());
        assertTrue(Double.isNaN(before.trainLoss()) && Double.isNaN(before.seconds()) && Double.isNaN(before.lr()));
        assertTrue(Double.isNaN(rows.get(1).valLoss()), "no validation after epoch 1");
        assertEquals(0.5, rows.get(1).dataShare(), 1e-12);
        assertTrue(Double.isNaN(rows.get(1).trainComponents().getFirst()), "the epoch record has no head losses");
    }

    @Test
    void aRepeatedEpochKeepsItsLastRecord() throws IOException {
        TrainingLog log = TrainingLog.read(new LogFile().trainEpoch(1, 9.0, 10.0).trainEpoch(1, 8.0, 12.0)
                .write(dir.resolve("run.log")));

        List<EpochRow> rows = EpochRow.of(log);

        assertEquals(1, rows.size());
        assertEquals(8.0, rows.getFirst().trainLoss());
        assertEquals(12.0, rows.getFirst().seconds());
    }

    @Test
    void dataShareIgnoresRecordsWithoutTimes() {
        TrainRecord timed = new TrainRecord(0, 0, 1, 3.0, 1.0, 0.1, 1.0, List.of(), List.of());
        TrainRecord untimed = new TrainRecord(0, 1, 1, Double.NaN, 5.0, 0.1, 1.0, List.of(), List.of());

        assertEquals(0.25, EpochRow.dataShare(List.of(timed, untimed)), 1e-12);
        assertTrue(Double.isNaN(EpochRow.dataShare(List.of(untimed))));
        assertTrue(Double.isNaN(EpochRow.dataShare(List.of())));
    }
}
