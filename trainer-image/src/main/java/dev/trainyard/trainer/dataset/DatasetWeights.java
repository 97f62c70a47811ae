package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code --dataset-weights} for n datasets as the reference does: none gives uniform
 * weights; n - 1 values give the last dataset the rest, {@code 1 - sum}; n values are taken as
 * given. Every weight must be positive; the result is normalised to sum 1.
 */
public final class DatasetWeights {

    private DatasetWeights() {}

    public static double[] resolve(List<Double> given, List<String> datasets) {
        int n = datasets.size();
        List<Double> weights = given == null ? List.of() : given;
        List<Double> full = new ArrayList<>(n);
        if (weights.isEmpty()) {
            for (int i = 0; i < n; i++) {
                full.add(1.0 / n);
            }
        } else if (weights.size() == n) {
            full.addAll(weights);
        } else if (weights.size() == n - 1) {
            full.addAll(weights);
            full.add(1.0 - weights.stream().mapToDouble(Double::doubleValue).sum());
        } else {
            throw new BadInputException("--dataset-weights has " + weights.size() + " values for " + n
                    + " datasets (" + String.join("-", datasets) + "); give " + n + " or " + (n - 1));
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = full.get(i);
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new BadInputException("--dataset-weights: the weight of " + datasets.get(i) + " is " + w
                        + (weights.size() == n - 1 && i == n - 1 ? " (1 minus the others)" : "")
                        + "; every weight must be positive");
            }
            sum += w;
        }
        double[] normalised = new double[n];
        for (int i = 0; i < n; i++) {
            normalised[i] = full.get(i) / sum;
        }
        return normalised;
    }
}
