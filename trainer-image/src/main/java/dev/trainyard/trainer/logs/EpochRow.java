package dev.trainyard.trainer.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one epoch of a run looked like, joined from its epoch records and its batch records.
 * NaN marks what the log does not have (no validation after this epoch, no batch records).
 *
 * @param epoch epochs done, as in the epoch records (batch records of 0-based epoch e belong to e + 1)
 * @param trainLoss mean training loss of the epoch
 * @param valLoss validation loss after the epoch
 * @param seconds time the training epoch took
 * @param lr learning rate at the end of the epoch: the epoch record's {@code lr} (Trainyard's logs),
 *     else that of the epoch's last batch record
 * @param dataShare share of the epoch's time spent waiting for data: the epoch record's
 *     {@code data_time / time} (Trainyard's logs), else over the logged batches
 *     sum of {@code data_time} / sum of ({@code time} + {@code data_time})
 * @param trainComponents training loss per component, in the log's field-name order
 * @param valComponents validation loss per component, in the log's field-name order
 */
public record EpochRow(int epoch, double trainLoss, double valLoss, double seconds, double lr, double dataShare,
        List<Double> trainComponents, List<Double> valComponents) {

    public EpochRow {
        trainComponents = List.copyOf(trainComponents);
        valComponents = List.copyOf(valComponents);
    }

    /** One row per epoch that has a training or validation record, in epoch order; a repeated epoch keeps its last record. */
    public static List<EpochRow> of(TrainingLog log) {
        Map<Integer, EpochRecord> trained = byEpoch(log.trainEpochs());
        Map<Integer, EpochRecord> validated = byEpoch(log.valEpochs());
        TreeSet<Integer> epochs = new TreeSet<>(trained.keySet());
        epochs.addAll(validated.keySet());
        int components = log.fieldNames().size();
        List<EpochRow> rows = new ArrayList<>();
        for (int epoch : epochs) {
            EpochRecord t = trained.get(epoch);
            EpochRecord v = validated.get(epoch);
            List<TrainRecord> batches = batchesOf(log, epoch);
            rows.add(new EpochRow(epoch,
                    t == null ? Double.NaN : t.loss(),
                    v == null ? Double.NaN : v.loss(),
                    t == null ? Double.NaN : t.time(),
                    t != null && Double.isFinite(t.lr()) ? t.lr() : lastLr(batches),
                    t != null && Double.isFinite(t.dataTime()) && t.time() > 0 ? t.dataTime() / t.time()
                            : dataShare(batches),
                    components(t, components),
                    components(v, components)));
        }
        return rows;
    }

    /** The batch records of the epoch that ends with {@code epochsDone} epochs done. */
    static List<TrainRecord> batchesOf(TrainingLog log, int epochsDone) {
        return log.train().stream().filter(r -> r.epoch() + 1 == epochsDone).toList();
    }

    /** Share of logged time spent waiting for data, NaN when the records have no times. */
    static double dataShare(List<TrainRecord> batches) {
        double waiting = 0;
        double total = 0;
        for (TrainRecord r : batches) {
            if (Double.isFinite(r.time()) && Double.isFinite(r.dataTime())) {
                waiting += r.dataTime();
                total += r.time() + r.dataTime();
            }
        }
        return total > 0 ? waiting / total : Double.NaN;
    }

    private static double lastLr(List<TrainRecord> batches) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            if (!Double.isNaN(batches.get(i).lr())) {
                return batches.get(i).lr();
            }
        }
        return Double.NaN;
    }

    private static Map<Integer, EpochRecord> byEpoch(List<EpochRecord> records) {
        Map<Integer, EpochRecord> byEpoch = new TreeMap<>();
        records.forEach(r -> byEpoch.put(r.epoch(), r));
        return byEpoch;
    }

    private static List<Double> components(EpochRecord record, int n) {
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(record == null ? Double.NaN : record.headLoss(i));
        }
        return values;
    }
}
