package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kendall, Gal and Cipolla's multi-task weighting with learned log-sigmas σ_k, soft-clamped to
 * σ' = 3 tanh(σ / 3): confidences as a Gaussian {@code 0.919 + σ' + L e^(-2σ') / 2}, scales as a
 * Laplace {@code 0.694 + σ' + L e^(-σ')}, regressions untuned (they carry their own uncertainty).
 */
final class KendallWeighting implements TaskWeighting {

    private final List<ComponentKind> kinds;
    private final Parameter logSigmas;

    /**
     * @param kinds the kind of every component, in order
     * @param manager owns the log-sigmas {@code [components]} for as long as training runs
     */
    KendallWeighting(List<ComponentKind> kinds, NDManager manager) {
        this.kinds = List.copyOf(kinds);
        NDArray array = manager.zeros(new Shape(kinds.size()), DataType.FLOAT32);
        array.setName("mtl_log_sigmas");
        array.setRequiresGradient(true);
        this.logSigmas = Parameter.builder()
                .setName("mtl_log_sigmas")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(kinds.size()))
                .optArray(array)
                .optRequiresGrad(true)
                .build();
    }

    @Override
    public NDArray combine(List<NDArray> losses, List<Double> values, double[] lambdas) {
        NDManager scope = losses.stream().filter(Objects::nonNull).findFirst().map(NDArray::getManager).orElse(null);
        if (scope == null) {
            return null;
        }
        NDArray raw = logSigmas.getArray();
        // keep this batch's graph in the caller's scope, not in the long-lived parameter manager
        raw.tempAttach(scope);
        NDArray constrained = raw.div(3f).tanh().mul(3f);
        NDArray total = null;
        for (int k = 0; k < losses.size(); k++) {
            NDArray loss = losses.get(k);
            if (loss == null) {
                continue;
            }
            NDArray sigma = constrained.get(k);
            NDArray tuned = switch (kinds.get(k)) {
                case REGRESSION -> loss;
                case SCALE -> sigma.add(0.694f).add(loss.mul(sigma.neg().exp()));
                case CONFIDENCE -> sigma.add(0.919f).add(loss.mul(sigma.mul(-2f).exp()).mul(0.5f));
            };
            NDArray term = tuned.mul((float) lambdas[k]);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(logSigmas);
    }

    /** {@code mtl_sigmas}: e^σ of the raw (unconstrained) log-sigmas, as the reference logs them. */
    @Override
    public Map<String, Object> batchMeta() {
        List<Double> sigmas = new ArrayList<>(kinds.size());
        for (float logSigma : logSigmas.getArray().toFloatArray()) {
            sigmas.add(TaskWeighting.round3(Math.exp(logSigma)));
        }
        return Map.of("mtl_sigmas", List.copyOf(sigmas));
    }
}
