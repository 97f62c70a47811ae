/**
 * Reading training logs back: {@link dev.trainyard.trainer.logs.TrainingLog} parses the JSON lines a
 * training run writes, {@link dev.trainyard.trainer.logs.LogSummary} prints a table of its epochs and
 * {@link dev.trainyard.trainer.logs.LogPlots} draws runs side by side; {@code trainyard logs} is the
 * command.
 *
 * <p>Notes against the reference ({@code openpifpaf.logs}): it shows matplotlib windows, this writes
 * PNG files; epoch time comes from the epoch records' {@code time} rather than from differences of
 * {@code asctime}; the share of time waiting for data is per epoch (sum of {@code data_time} over sum
 * of {@code time + data_time}) instead of per batch record as a percentage of {@code time}, and
 * keeps each epoch's first batch, whose wait for the loader to start is real; the per-batch
 * training-loss plots with min/max shading are left out: the epoch means answer "is it learning".
 */
package dev.trainyard.trainer.logs;
