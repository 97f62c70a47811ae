package dev.trainyard.trainer.logs;

import java.util.List;

/**
 * One {@code train} record, written every {@code --log-interval} batches. Numbers the log has as
 * null (a head without targets in this batch, a field the trainer did not write) are NaN.
 *
 * @param epoch 0-based index of the epoch this batch belongs to
 * @param batch index of the batch within the epoch
 * @param nBatches batches per epoch; 0 when the log does not say
 * @param time seconds of the training step
 * @param dataTime seconds spent waiting for the batch
 * @param lr learning rate of the step
 * @param loss total loss of the batch
 * @param headLosses loss per component, in the order of the log's field names
 * @param mtlSigmas the learned task weights per component, empty when the loss has none
 */
public record TrainRecord(int epoch, int batch, int nBatches, double time, double dataTime, double lr,
        double loss, List<Double> headLosses, List<Double> mtlSigmas) {

    public TrainRecord {
        headLosses = List.copyOf(headLosses);
        mtlSigmas = List.copyOf(mtlSigmas);
    }

    /**
     * Epochs done when this batch ran, e.g. 1.3 for batch 30 of 100 in the second epoch, so that
     * batch records and epoch records (which count epochs done) share one x axis.
     */
    public double fractionalEpoch() {
        return nBatches > 0 ? epoch + (double) batch / nBatches : epoch;
    }

    /** The loss of component {@code i}; NaN when the record has none. */
    public double headLoss(int i) {
        return i < headLosses.size() ? headLosses.get(i) : Double.NaN;
    }
}
