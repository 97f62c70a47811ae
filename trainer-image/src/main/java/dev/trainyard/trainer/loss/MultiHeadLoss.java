package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The training loss of a multi-head network: every head's named components, weighted by their
 * lambdas (and optionally auto-tuned), summed into one differentiable total.
 *
 * <p>Built by {@link LossFactory}. Evaluations keep state (the previous values for error messages;
 * the loss history of {@code --auto-tune-mtl-variance}), so use one instance per training run and
 * one thread at a time.
 */
public final class MultiHeadLoss {

    private final List<CompositeLoss> heads;
    private final List<String> names;
    private final List<ComponentKind> kinds;
    private final double[] lambdas;
    private final TaskWeighting weighting;
    private Map<String, Double> previousValues;

    MultiHeadLoss(List<CompositeLoss> heads, double[] lambdas, TaskWeighting weighting) {
        this.heads = List.copyOf(heads);
        this.names = heads.stream().flatMap(h -> h.components().stream()).map(CompositeLoss.Component::name).toList();
        this.kinds = heads.stream().flatMap(h -> h.components().stream()).map(CompositeLoss.Component::kind).toList();
        if (lambdas.length != names.size()) {
            throw new IllegalArgumentException("need one lambda per component " + names + ", got " + lambdas.length);
        }
        this.lambdas = lambdas.clone();
        this.weighting = weighting;
    }

    /**
     * Evaluates the loss of one batch.
     *
     * @param predictions one raw output per head, in head order, each
     *     {@code [batch, fields, predictionChannels, h, w]}
     * @param targets one target per head, in head order, each {@code [batch, fields, targetChannels, h, w]}
     *     with NaN for ignored elements; a null entry means the batch has no targets for that head
     *     (multi-dataset training) and its components are absent
     * @return the total and components, attached to the manager of the first prediction
     * @throws NonFiniteLossException if a present component is NaN or infinite
     */
    public LossResult evaluate(NDList predictions, List<NDArray> targets) {
        if (predictions.size() != heads.size() || targets.size() != heads.size()) {
            throw new IllegalArgumentException("the loss has " + heads.size() + " heads " + heads()
                    + " but got " + predictions.size() + " predictions and " + targets.size() + " targets");
        }
        NDManager resultManager = predictions.head().getManager();
        // intermediates live in a scope and are freed on return; autograd keeps what backward needs
        try (NDManager scope = resultManager.newSubManager()) {
            predictions.tempAttach(scope);
            targets.stream().filter(Objects::nonNull).forEach(t -> t.tempAttach(scope));

            List<NDArray> losses = new ArrayList<>(names.size());
            for (int h = 0; h < heads.size(); h++) {
                losses.addAll(heads.get(h).evaluate(predictions.get(h), targets.get(h)));
            }
            Map<String, Double> values = checkedValues(losses);
            NDArray total = weighting.combine(losses, new ArrayList<>(values.values()), lambdas);

            Map<String, NDArray> components = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                NDArray loss = losses.get(k);
                if (loss != null) {
                    loss.attach(resultManager);
                }
                components.put(names.get(k), loss);
            }
            if (total != null) {
                total.attach(resultManager);
            }
            return new LossResult(total, components, values);
        }
    }

    private Map<String, Double> checkedValues(List<NDArray> losses) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> nonFinite = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            NDArray loss = losses.get(k);
            Double value = loss == null ? null : (double) loss.getFloat();
            values.put(names.get(k), value);
            if (value != null && !Double.isFinite(value)) {
                nonFinite.add(names.get(k));
            }
        }
        if (!nonFinite.isEmpty()) {
            throw new NonFiniteLossException(nonFinite, values, previousValues);
        }
        previousValues = values;
        return values;
    }

    /** The heads, in the order predictions and targets are given. */
    public List<HeadMeta> heads() {
        return heads.stream().map(CompositeLoss::meta).toList();
    }

    /** Component names {@code {dataset}.{head}.c|.vec|.scales}, in result order (the logs' {@code field_names}). */
    public List<String> componentNames() {
        return names;
    }

    /** What each component measures, in {@link #componentNames()} order. */
    public List<ComponentKind> componentKinds() {
        return kinds;
    }

    /** The fixed factor of each component, in {@link #componentNames()} order. */
    public List<Double> lambdas() {
        return Arrays.stream(lambdas).boxed().toList();
    }

    /**
     * Learnable parameters of the loss itself: the log-sigmas {@code [components]} of
     * {@code --auto-tune-mtl}, empty otherwise. Their gradients fill during backward like the
     * network's; the training loop updates them with the same optimizer.
     */
    public List<Parameter> parameters() {
        return weighting.parameters();
    }

    /** Extra values for the {@code train} log record: {@code mtl_sigmas} when auto-tuning, else empty. */
    public Map<String, Object> batchMeta() {
        return weighting.batchMeta();
    }
}
