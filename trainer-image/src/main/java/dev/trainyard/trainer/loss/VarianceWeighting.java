package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Weights every component by 1/ε_k, ε_k the standard deviation of its last 53 values, clamped to
 * [0.01, 100] (10 until the history is full) and normalised so that Σ 1/ε_k equals the number of
 * components. Keeps per-run state; not thread-safe.
 */
final class VarianceWeighting implements TaskWeighting {

    /** A prime, so that with alternating datasets no slot stays NaN forever. */
    static final int HISTORY = 53;

    private final double[][] history;
    private final double[] epsilons;
    private int slot = -1;

    VarianceWeighting(int components) {
        history = new double[components][HISTORY];
        for (double[] row : history) {
            Arrays.fill(row, Double.NaN);
        }
        epsilons = new double[components];
        Arrays.fill(epsilons, 1.0);
    }

    @Override
    public NDArray combine(List<NDArray> losses, List<Double> values, double[] lambdas) {
        slot = (slot + 1) % HISTORY;
        for (int k = 0; k < history.length; k++) {
            // an absent component keeps whatever this slot held before, like the reference
            if (values.get(k) != null) {
                history[k][slot] = values.get(k);
            }
        }
        updateEpsilons();

        NDArray total = null;
        for (int k = 0; k < losses.size(); k++) {
            NDArray loss = losses.get(k);
            if (loss != null) {
                NDArray term = loss.mul((float) (lambdas[k] / epsilons[k]));
                total = total == null ? term : total.add(term);
            }
        }
        return total;
    }

    private void updateEpsilons() {
        double inverseSum = 0.0;
        for (int k = 0; k < history.length; k++) {
            double sum = 0.0;
            double sumOfSquares = 0.0;
            for (double v : history[k]) {
                sum += v;
                sumOfSquares += v * v;
            }
            double eps = Math.sqrt(sumOfSquares / HISTORY - (sum * sum) / ((double) HISTORY * HISTORY));
            eps = Double.isNaN(eps) ? 10.0 : Math.clamp(eps, 0.01, 100.0);
            epsilons[k] = eps;
            inverseSum += 1.0 / eps;
        }
        for (int k = 0; k < epsilons.length; k++) {
            epsilons[k] *= inverseSum / epsilons.length;
        }
    }

    /** {@code mtl_sigmas}: the current ε_k. */
    @Override
    public Map<String, Object> batchMeta() {
        List<Double> rounded = new ArrayList<>(epsilons.length);
        for (double eps : epsilons) {
            rounded.add(TaskWeighting.round3(eps));
        }
        return Map.of("mtl_sigmas", List.copyOf(rounded));
    }
}
