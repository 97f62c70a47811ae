package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Locale;

/**
 * Stochastic gradient descent with (Nesterov) momentum and L2 weight decay, updating parameters
 * in place with PyTorch's {@code torch.optim.SGD} semantics (dampening 0):
 * {@code d = g + wd·p; buf = μ·buf + d (buf = d on the first step); d = nesterov ? d + μ·buf : buf;
 * p -= lr·d}. Gradients are zeroed after each step because PyTorch accumulates them.
 */
public final class Sgd implements Optimizer {

    private final List<NDArray> parameters;
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    private final NDArray[] buffers;

    /**
     * @param parameters trainable arrays (with gradients attached), updated in place
     * @param momentum μ, 0 for plain SGD
     * @param weightDecay L2 coefficient added to the gradient
     * @param nesterov Nesterov momentum (requires μ > 0)
     */
    public Sgd(List<NDArray> parameters, float momentum, float weightDecay, boolean nesterov) {
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0");
        }
        this.parameters = List.copyOf(parameters);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new NDArray[this.parameters.size()];
    }

    @Override
    public List<NDArray> parameters() {
        return parameters;
    }

    @Override
    public void step(double learningRate, boolean[] active) {
        float lr = (float) learningRate;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            if (active != null && !active[i]) {
                JniUtils.zeroGrad((PtNDArray) p);
                continue;
            }
            NDManager owner = p.getManager();
            try (NDManager scratch = owner.newSubManager()) {
                // Results attach to their first operand's manager: with the parameter and its state
                // temporarily on the scratch manager every intermediate is freed with it, and the
                // long-lived arrays return to their owner.
                p.tempAttach(scratch);
                NDArray grad = p.getGradient();
                grad.attach(scratch);
                NDArray d = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
                if (momentum != 0) {
                    if (buffers[i] == null) {
                        buffers[i] = d.duplicate();
                        buffers[i].attach(owner);
                        buffers[i].tempAttach(scratch);
                    } else {
                        buffers[i].tempAttach(scratch);
                        buffers[i].muli(momentum).addi(d);
                    }
                    d = nesterov ? d.add(buffers[i].mul(momentum)) : buffers[i];
                }
                p.subi(d.mul(lr));
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "SGD(momentum=%s%s, weight_decay=%s)", momentum,
                nesterov ? ", nesterov" : "", weightDecay);
    }
}
