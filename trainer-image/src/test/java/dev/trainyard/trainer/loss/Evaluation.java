package dev.trainyard.trainer.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * Element losses of one term and the gradient of their sum with respect to the whole prediction.
 *
 * @param loss element losses, flat {@code [batch, fields, h, w]}
 * @param gradient d(Σ loss)/d(prediction), flat {@code [batch, fields, channels, h, w]}
 */
record Evaluation(float[] loss, float[] gradient) {

    static Evaluation of(ElementLoss term, FieldTensor prediction, FieldTensor target) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = prediction.toArray(manager);
            x.setRequiresGradient(true);
            NDArray t = target.toArray(manager);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray elements = term.apply(x, t);
                collector.backward(elements.sum());
                return new Evaluation(elements.toFloatArray(), x.getGradient().toFloatArray());
            }
        }
    }

    /** Gradient at (field 0, channel c, row 0, column j) of a {@link FieldTensor#row} prediction with C channels. */
    float gradient(int channels, int c, int j) {
        int width = gradient.length / channels;
        return gradient[c * width + j];
    }
}
