package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Locale;

/**
 * Adam and AMSGrad with PyTorch's {@code torch.optim.Adam} semantics (L2 weight decay added to
 * the gradient, bias correction, eps added after the square root):
 * {@code g += wd·p; m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; v̂ = amsgrad ? max(v̂, v) : v;
 * p -= lr / (1-β1^t) · m / (sqrt(v̂) / sqrt(1-β2^t) + eps)}, with t counted per parameter.
 * The reference passes {@code --momentum} as β1.
 */
public final class Adam implements Optimizer {

    private final List<NDArray> parameters;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean amsgrad;
    private final NDArray[] m;
    private final NDArray[] v;
    private final NDArray[] vMax;
    private final int[] steps;

    public Adam(List<NDArray> parameters, float beta1, float beta2, float eps, float weightDecay, boolean amsgrad) {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        this.parameters = List.copyOf(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        int n = this.parameters.size();
        this.m = new NDArray[n];
        this.v = new NDArray[n];
        this.vMax = new NDArray[n];
        this.steps = new int[n];
    }

    @Override
    public List<NDArray> parameters() {
        return parameters;
    }

    @Override
    public void step(double learningRate, boolean[] active) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            if (active != null && !active[i]) {
                JniUtils.zeroGrad((PtNDArray) p);
                continue;
            }
            NDManager owner = p.getManager();
            try (NDManager scratch = owner.newSubManager()) {
                // Results attach to their first operand's manager: with the parameter and its state
                // temporarily on the scratch manager every intermediate is freed with it.
                p.tempAttach(scratch);
                NDArray grad = p.getGradient();
                grad.attach(scratch);
                if (m[i] == null) {
                    m[i] = zerosOn(owner, p);
                    v[i] = zerosOn(owner, p);
                    if (amsgrad) {
                        vMax[i] = zerosOn(owner, p);
                    }
                }
                m[i].tempAttach(scratch);
                v[i].tempAttach(scratch);
                NDArray g = weightDecay != 0 ? grad.add(p.mul(weightDecay)) : grad;
                int t = ++steps[i];
                m[i].muli(beta1).addi(g.mul(1 - beta1));
                v[i].muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray second = v[i];
                if (amsgrad) {
                    vMax[i].tempAttach(scratch);
                    // In place, so the state array keeps its identity (both are finite and >= 0).
                    NDArray max = vMax[i].maximum(v[i]);
                    vMax[i].muli(0).addi(max);
                    second = vMax[i];
                }
                double bias1 = 1 - Math.pow(beta1, t);
                double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
                NDArray denominator = second.sqrt().divi((float) bias2Sqrt).addi(eps);
                p.subi(m[i].div(denominator).muli((float) (learningRate / bias1)));
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    private static NDArray zerosOn(NDManager owner, NDArray like) {
        return owner.zeros(like.getShape(), like.getDataType(), like.getDevice());
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s(betas=(%s, %s), eps=%s, weight_decay=%s)",
                amsgrad ? "AMSGrad" : "Adam", beta1, beta2, eps, weightDecay);
    }
}
