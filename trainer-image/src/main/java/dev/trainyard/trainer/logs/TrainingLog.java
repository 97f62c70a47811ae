package dev.trainyard.trainer.logs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The records of one training log (JSON lines with a {@code type}), grouped by type.
 *
 * @param file where the log was read from
 * @param label the run's name: the file name without {@code .log}
 * @param process how the trainer was started; {@link ProcessInfo#UNKNOWN} without a process record
 * @param fieldNames the loss components ({@code cocokp.cif.c}, ...) that head losses are indexed by
 * @param train the per-batch records, in file order
 * @param trainEpochs the records of finished training epochs, in file order
 * @param valEpochs the records of validation passes, in file order
 * @param skippedLines lines that looked like JSON but did not parse (a truncated last line)
 */
public record TrainingLog(Path file, String label, ProcessInfo process, List<String> fieldNames,
        List<TrainRecord> train, List<EpochRecord> trainEpochs, List<EpochRecord> valEpochs, int skippedLines) {

    public TrainingLog {
        fieldNames = List.copyOf(fieldNames);
        train = List.copyOf(train);
        trainEpochs = List.copyOf(trainEpochs);
        valEpochs = List.copyOf(valEpochs);
    }

    /**
     * Reads a log file. Lines that are not JSON objects, and objects of other types, are skipped; so
     * is a line cut short by a crash.
     *
     * @throws dev.trainyard.trainer.BadInputException when the file is missing, unreadable, holds no
     *     record of a known type, or a known record lacks its epoch
     */
    public static TrainingLog read(Path file) {
        return new TrainingLogReader(file).read();
    }

    /** The run's name for a file: its name without the {@code .log} extension. */
    public static String labelOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") && name.length() > 4 ? name.substring(0, name.length() - 4) : name;
    }

    /** Training epochs finished: the highest epoch of a {@code train-epoch} record, 0 before the first. */
    public int epochsDone() {
        return trainEpochs.stream().mapToInt(EpochRecord::epoch).max().orElse(0);
    }

    /** Epochs the run was started for ({@code args.epochs}), empty when the log does not say. */
    public OptionalInt epochsPlanned() {
        Optional<String> epochs = process.arg("epochs");
        try {
            return epochs.isPresent() ? OptionalInt.of(Integer.parseInt(epochs.get().strip())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
