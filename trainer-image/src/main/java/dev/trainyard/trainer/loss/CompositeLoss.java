package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The loss of one head: its named components ({@code .c}, {@code .vec}, {@code .scales}), each the
 * sum of its terms' element losses over the batch, divided by the batch size.
 */
final class CompositeLoss {

    /** One named component and the terms whose element losses it sums (CAF: two vectors in {@code .vec}). */
    record Component(String name, ComponentKind kind, List<ElementLoss> terms) {
        Component {
            terms = List.copyOf(terms);
        }
    }

    private final HeadMeta meta;
    private final List<Component> components;
    /** Per-field weights, or null when every field weighs 1. */
    private final float[] fieldWeights;

    private CompositeLoss(HeadMeta meta, List<Component> components) {
        this.meta = meta;
        this.components = List.copyOf(components);
        List<Double> weights = meta.trainingWeights();
        if (weights.isEmpty()) {
            this.fieldWeights = null;
        } else {
            this.fieldWeights = new float[weights.size()];
            for (int i = 0; i < fieldWeights.length; i++) {
                fieldWeights[i] = weights.get(i).floatValue();
            }
        }
    }

    /** The components the reference builds for a head: confidence, then regressions, then scales. */
    static CompositeLoss of(HeadMeta meta, LossConfig config) {
        String prefix = meta.fullName();
        List<Component> components = new ArrayList<>();
        components.add(new Component(
                prefix + ComponentKind.CONFIDENCE.suffix(), ComponentKind.CONFIDENCE,
                List.of(new ConfidenceLoss(config))));

        List<ElementLoss> regressions = new ArrayList<>();
        if (meta.nVectors() <= meta.nScales()) {
            for (int v = 0; v < meta.nVectors(); v++) {
                // the reference reads --scale-soft-clamp here; --regression-soft-clamp is ignored
                regressions.add(RegressionLoss.keypoint(meta, v, config.scaleSoftClamp()));
            }
        } else if (meta.nVectors() == 2 && meta.nScales() == 0) {
            regressions.add(RegressionLoss.detection(0, config.scaleSoftClamp()));
            regressions.add(RegressionLoss.detection(1, config.scaleSoftClamp()));
        }
        if (!regressions.isEmpty()) {
            components.add(new Component(
                    prefix + ComponentKind.REGRESSION.suffix(), ComponentKind.REGRESSION, regressions));
        }

        if (meta.nScales() > 0) {
            List<ElementLoss> scales = IntStream.range(0, meta.nScales())
                    .<ElementLoss>mapToObj(s -> new ScaleLoss(
                            2 + 2 * meta.nVectors() + s, 1 + 3 * meta.nVectors() + s,
                            config.bScale(), config.scaleLog(), config.scaleSoftClamp()))
                    .toList();
            components.add(new Component(prefix + ComponentKind.SCALE.suffix(), ComponentKind.SCALE, scales));
        }
        return new CompositeLoss(meta, components);
    }

    HeadMeta meta() {
        return meta;
    }

    List<Component> components() {
        return components;
    }

    /**
     * Evaluates every component of this head.
     *
     * @param prediction raw head output {@code [batch, fields, predictionChannels, h, w]}
     * @param target encoded targets {@code [batch, fields, targetChannels, h, w]}, or null when this
     *     batch has no targets for the head
     * @return one scalar per component in {@link #components()} order; all null when target is null
     */
    List<NDArray> evaluate(NDArray prediction, NDArray target) {
        if (target == null) {
            return Arrays.asList(new NDArray[components.size()]);
        }
        checkShapes(prediction, target);
        long batchSize = target.getShape().get(0);
        NDArray weights = fieldWeights == null
                ? null
                : target.getManager().create(fieldWeights).toType(prediction.getDataType(), false)
                        .reshape(1, fieldWeights.length, 1, 1);
        List<NDArray> values = new ArrayList<>(components.size());
        for (Component component : components) {
            NDArray sum = null;
            for (ElementLoss term : component.terms()) {
                NDArray elements = term.apply(prediction, target);
                if (weights != null) {
                    elements = elements.mul(weights);
                }
                sum = sum == null ? elements.sum() : sum.add(elements.sum());
            }
            values.add(sum.div((float) batchSize));
        }
        return values;
    }

    private void checkShapes(NDArray prediction, NDArray target) {
        Shape p = prediction.getShape();
        Shape t = target.getShape();
        boolean ok = t.dimension() == 5
                && t.get(1) == meta.nFields()
                && t.get(2) == meta.targetChannels()
                && p.equals(new Shape(t.get(0), meta.nFields(), meta.predictionChannels(), t.get(3), t.get(4)));
        if (!ok) {
            throw new IllegalArgumentException(meta.fullName() + ": expected predictions [batch, "
                    + meta.nFields() + ", " + meta.predictionChannels() + ", h, w] and targets [batch, "
                    + meta.nFields() + ", " + meta.targetChannels() + ", h, w] of the same batch and size, got "
                    + p + " and " + t);
        }
    }
}
