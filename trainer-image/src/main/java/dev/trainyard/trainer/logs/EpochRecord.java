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
public record EpochRecord(int epoch, double loss, List<Double> headLosses, double time) {

    public EpochRecord {
        headLosses = List.copyOf(headLosses);
    }

    /** The loss of component {@code i}; NaN when the record has none. */
    public double headLoss(int i) {
        return i < headLosses.size() ? headLosses.get(i) : Double.NaN;
    }
}
