package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** The plain weighting: total = Σ λ_k L_k over the present components. */
final class FixedWeighting implements TaskWeighting {

    @Override
    public NDArray combine(List<NDArray> losses, List<Double> values, double[] lambdas) {
        NDArray total = null;
        for (int k = 0; k < losses.size(); k++) {
            NDArray loss = losses.get(k);
            if (loss != null) {
                NDArray term = loss.mul((float) lambdas[k]);
                total = total == null ? term : total.add(term);
            }
        }
        return total;
    }
}
