package dev.trainyard.trainer.logs;

import java.util.List;

/**
 * One {@code train-epoch} or {@code val-epoch} record: the mean losses of a finished pass.
 * Numbers the log has as null are NaN.
 *
 * @param epoch epochs done (1 after the first epoch; 0 for a validation before training)
 * @param loss mean total loss
 * @param headLosses mean loss per component, in the order of the log's field names
 * @param time seconds the pass took
 */
public record EpochRecord(int epoch, double loss, List<Double> headLosses, double time, double lr, double dataTime) {

    public EpochRecord {
        headLosses = List.copyOf(headLosses);
    }

    /** A record without the optional end-of-epoch lr and total data wait (the reference's logs). */
    public EpochRecord(int epoch, double loss, List<Double> headLosses, double time) {
        this(epoch, loss, headLosses, time, Double.NaN, Double.NaN);
    }

    /** The loss of component {@code i}; NaN when the record has none. */
    public double headLoss(int i) {
        return i < headLosses.size() ? headLosses.get(i) : Double.NaN;
    }
}
