package dev.trainyard.trainer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryRecordTypeOfARun() throws IOException {
        TrainingLog log = TrainingLog.read(LogFile.run(2, 1).write(dir.resolve("shufflenetv2k16-a.log")));

        assertEquals("shufflenetv2k16-a", log.label());
        assertEquals("0.1.0+7.gabc1234", log.process().version());
        assertEquals("node-1", log.process().hostname());
        assertEquals("cocokp", log.process().arg("dataset").orElseThrow());
        assertEquals("385", log.process().arg("cocokp_square_edge").orElseThrow());
        assertEquals(OptionalInt.of(10), log.epochsPlanned());
        assertEquals(LogFile.FIELDS, log.fieldNames());
        assertEquals(4, log.train().size());
        assertEquals(2, log.trainEpochs().size());
        assertEquals(2, log.valEpochs().size());
        assertEquals(2, log.epochsDone());
        assertEquals(0, log.skippedLines());

        TrainRecord second = log.train().get(1);
        assertEquals(0, second.epoch());
        assertEquals(2, second.batch());
        assertEquals(0.5, second.fractionalEpoch(), 1e-12);
        assertEquals(0.5, second.dataTime(), 1e-12);
        assertEquals(1.5e-3, second.lr(), 1e-15);
        assertEquals(List.of(5.0, 3.0, 2.0), second.headLosses());
        EpochRecord val = log.valEpochs().get(1);
        assertEquals(2, val.epoch());
        assertEquals(5.5, val.loss(), 1e-12);
        assertEquals(6.0, val.time(), 1e-12);
    }

    @Test
    void nullLossesAreNaN() throws IOException {
        TrainingLog log = TrainingLog.read(LogFile.run(1, 1)
                .trainEpoch(2, null, 60.0, 1.0, null, 0.5)
                .write(dir.resolve("run.log")));

        assertTrue(Double.isNaN(log.train().getFirst().headLoss(2)), "no CAF target in the first batch");
        assertTrue(Double.isNaN(log.trainEpochs().getLast().loss()));
        assertTrue(Double.isNaN(log.trainEpochs().getLast().headLoss(1)));
        assertTrue(Double.isNaN(log.trainEpochs().getLast().headLoss(7)), "past the end");
    }

    @Test
    void skipsProseOtherTypesAndMalformedLines() throws IOException {
        Path file = LogFile.run(1, 1)
                .raw("INFO some prose a logger wrote")
                .raw("{\"type\": \"checkpoint\", \"epoch\": 1}")
                .raw("{\"no type\": true}")
                .raw("[1, 2, 3]")
                .raw("{\"type\": \"train\", \"epo")
                .raw("")
                .write(dir.resolve("run.log"));

        TrainingLog log = TrainingLog.read(file);

        assertEquals(2, log.train().size());
        assertEquals(1, log.trainEpochs().size());
        assertEquals(1, log.skippedLines());
    }

    @Test
    void toleratesALastLineCutShortByACrash() throws IOException {
        Path file = LogFile.run(2, 1).writeCut(dir.resolve("run.log"),
                "{\"type\": \"train\", \"asctime\": \"2025-03-01T09:00:00Z\", \"epoch\": 2, \"batch\": 0, \"n_ba");

        TrainingLog log = TrainingLog.read(file);

        assertEquals(4, log.train().size());
        assertEquals(2, log.epochsDone());
        assertEquals(1, log.skippedLines());
    }

    @Test
    void readsNonFiniteNumbersAsWrittenByPythonOrJackson() throws IOException {
        Path file = new LogFile().config(List.of("a", "b"))
                .raw("{\"type\": \"train-epoch\", \"epoch\": 1, \"loss\": NaN, \"head_losses\": [Infinity, \"-Infinity\"]}")
                .write(dir.resolve("run.log"));

        EpochRecord epoch = TrainingLog.read(file).trainEpochs().getFirst();

        assertTrue(Double.isNaN(epoch.loss()));
        assertEquals(Double.POSITIVE_INFINITY, epoch.headLoss(0));
        assertEquals(Double.NEGATIVE_INFINITY, epoch.headLoss(1));
    }

    @Test
    void headLossesKeyedByNameFollowTheFieldNames() throws IOException {
        Path file = new LogFile().config(List.of("cocokp.cif.c", "cocokp.caf.c"))
                .raw("{\"type\": \"train\", \"epoch\": 0, \"lr\": 0.1, \"loss\": 3,"
                        + " \"head_losses\": {\"cocokp.caf.c\": 2, \"cocokp.cif.c\": 1, \"extra\": 0.5}}")
                .write(dir.resolve("demo.log"));

        TrainingLog log = TrainingLog.read(file);

        assertEquals(List.of("cocokp.cif.c", "cocokp.caf.c", "extra"), log.fieldNames());
        assertEquals(List.of(1.0, 2.0, 0.5), log.train().getFirst().headLosses());
        assertEquals(0.0, log.train().getFirst().fractionalEpoch(), "no n_batches: the epoch itself");
    }

    @Test
    void aLogWithoutProcessRecordIsStillALog() throws IOException {
        TrainingLog log = TrainingLog.read(new LogFile().trainEpoch(1, 2.0, 10.0).write(dir.resolve("bare.log")));

        assertEquals(ProcessInfo.UNKNOWN, log.process());
        assertEquals(OptionalInt.empty(), log.epochsPlanned());
        assertEquals(1, log.epochsDone());
    }

    @Test
    void labelIsTheFileNameWithoutLogExtension() {
        assertEquals("run-1", TrainingLog.labelOf(Path.of("out/run-1.log")));
        assertEquals("run-1.jsonl", TrainingLog.labelOf(Path.of("run-1.jsonl")));
        assertEquals(".log", TrainingLog.labelOf(Path.of(".log")));
    }

    @Test
    void aMissingFileIsBadInputNamingIt() {
        Path missing = dir.resolve("nope.log");

        BadInputException e = assertThrows(BadInputException.class, () -> TrainingLog.read(missing));

        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aFileWithoutLogRecordsIsBadInputNamingIt() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n{\"type\": \"other\"}\n");
        Path empty = Files.writeString(dir.resolve("empty.log"), "");
        Path binary = Files.write(dir.resolve("weights.log"), new byte[] {(byte) 0xff, 0, 1, (byte) 0xfe, '\n', 7});

        for (Path file : List.of(notes, empty, binary)) {
            BadInputException e = assertThrows(BadInputException.class, () -> TrainingLog.read(file));
            assertTrue(e.getMessage().startsWith(file + ": not a training log"), e.getMessage());
        }
        BadInputException e = assertThrows(BadInputException.class, () -> TrainingLog.read(dir));
        assertTrue(e.getMessage().startsWith(dir + ": is a directory"), e.getMessage());
    }

    @Test
    void anEpochRecordWithoutEpochIsBadInputNamingFileAndLine() throws IOException {
        Path file = LogFile.run(1, 1).raw("{\"type\": \"val-epoch\", \"epoch\": \"two\", \"loss\": 1}")
                .write(dir.resolve("run.log"));

        BadInputException e = assertThrows(BadInputException.class, () -> TrainingLog.read(file));

        assertEquals(file + ":7: val-epoch record without an integer epoch", e.getMessage());
    }

    @Test
    void processArgsKeepTheirValuesAsText() throws IOException {
        Path file = new LogFile().process(Map.of("lr", 0.05, "epochs", 150, "square", List.of(1, 2)))
                .write(dir.resolve("run.log"));

        ProcessInfo process = TrainingLog.read(file).process();

        assertEquals("0.05", process.arg("lr").orElseThrow());
        assertEquals("[1,2]", process.arg("square").orElseThrow());
        assertTrue(process.arg("missing").isEmpty());
    }
}
