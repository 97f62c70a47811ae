package dev.trainyard.trainer.loss;

import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The composite loss written out per element with plain doubles, straight from the semantics
 * document, as an independent check of the tensor implementation.
 */
final class ScalarReference {

    private ScalarReference() {}

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double logSigma2(double w) {
        return 3.0 * Math.tanh(w / 3.0);
    }

    static double softClamp(double v, double max) {
        return max == 0.0 || v <= max ? v : max + Math.log(v - max + 1.0);
    }

    static double smoothL1(double d) {
        double a = Math.abs(d);
        return a < 1.0 ? 0.5 * a * a : a - 0.5;
    }

    /** The α-weighted focal loss -α (1-p)^γ ln p of a logit, p the probability of the true class. */
    static double focalLoss(double x, boolean foreground, double alpha, double gamma) {
        double p = sigmoid(foreground ? x : -x);
        return -alpha * Math.pow(1.0 - p, gamma) * Math.log(p);
    }

    /** One confidence element: NaN or negative targets give 0. */
    static double confidence(double x, double w, double t, LossConfig c) {
        if (!(t >= 0.0)) {
            return 0.0;
        }
        boolean foreground = t > 0.0;
        double sign = foreground ? 1.0 : -1.0;
        double pBar = 1.0 / (1.0 + Math.exp(sign * x));
        double p = 1.0 - pBar;
        double negLnP = softplus(-sign * x);
        double alpha = c.focalAlpha() == 0.0 ? 1.0 : c.focalAlpha();
        double gamma = c.focalGamma();
        double m = gamma == 0.0
                ? alpha
                : alpha * (Math.pow(pBar, gamma) + gamma * Math.pow(pBar, gamma - 1.0) * p * negLnP);
        double tau = x + sign * pBar * m;
        double l = smoothL1(x - tau);
        if (c.bceBackgroundClamp() != 0.0 && !foreground && x < c.bceBackgroundClamp()) {
            l = 0.0;
        }
        l = softClamp(l, c.bceSoftClamp());
        if (foreground) {
            double s = logSigma2(w);
            l = 0.5 * l * Math.exp(-s) + 0.5 * s;
        }
        return l;
    }

    /** One regression element; {@code imputeScale} is the (detached) prediction the NaN scale falls back to. */
    static double regression(double px, double py, double w, double tx, double ty, double bmin, double tScale,
            double imputeScale, double sigmaFromScale, double softClampMax) {
        if (!Double.isFinite(tx) || !Double.isFinite(ty)) {
            return 0.0;
        }
        double b = Double.isNaN(bmin) ? 0.1 : bmin;
        double scale = Double.isNaN(tScale) ? softplus(imputeScale) : tScale;
        double d = Math.sqrt((px - tx) * (px - tx) + (py - ty) * (py - ty) + b * b);
        double l = softClamp(d / (sigmaFromScale * scale), softClampMax);
        double logB = 0.5 * logSigma2(w) + 0.69314;
        return l * Math.exp(-logB) + logB;
    }

    /** One scale element: non-finite targets give 0. */
    static double scale(double x, double t, LossConfig c) {
        if (!Double.isFinite(t)) {
            return 0.0;
        }
        double s = softplus(x);
        double d = c.scaleLog()
                ? Math.abs(Math.log(s) - Math.log(t)) / c.bScale()
                : Math.abs(s - t) / (c.bScale() * (0.1 + t));
        return smoothL1(softClamp(d, c.scaleSoftClamp()));
    }

    /** The components of one head, each summed over the batch and divided by the batch size. */
    static List<Double> components(HeadMeta meta, LossConfig c, FieldTensor x, FieldTensor t) {
        int nv = meta.nVectors();
        int ns = meta.nScales();
        boolean detection = nv == 2 && ns == 0;
        double conf = 0.0;
        double vec = 0.0;
        double scales = 0.0;
        for (int b = 0; b < x.batch(); b++) {
            for (int f = 0; f < x.fields(); f++) {
                double weight = meta.trainingWeights().isEmpty() ? 1.0 : meta.trainingWeights().get(f);
                for (int i = 0; i < x.height(); i++) {
                    for (int j = 0; j < x.width(); j++) {
                        double w = x.get(b, f, 0, i, j);
                        conf += weight * confidence(x.get(b, f, 1, i, j), w, t.get(b, f, 0, i, j), c);
                        for (int v = 0; v < nv; v++) {
                            double predScale;
                            double targetScale;
                            double sigmaFromScale;
                            if (detection) {
                                predScale = Math.hypot(x.get(b, f, 4, i, j), x.get(b, f, 5, i, j));
                                targetScale = Math.hypot(t.get(b, f, 3, i, j), t.get(b, f, 4, i, j));
                                sigmaFromScale = 0.1;
                            } else {
                                predScale = x.get(b, f, 2 + 2 * nv + v, i, j);
                                targetScale = t.get(b, f, 1 + 3 * nv + v, i, j);
                                sigmaFromScale = 0.5;
                            }
                            vec += weight * regression(
                                    x.get(b, f, 2 + 2 * v, i, j), x.get(b, f, 3 + 2 * v, i, j), w,
                                    t.get(b, f, 1 + 2 * v, i, j), t.get(b, f, 2 + 2 * v, i, j),
                                    t.get(b, f, 1 + 2 * nv + v, i, j), targetScale, predScale,
                                    sigmaFromScale, c.scaleSoftClamp());
                        }
                        for (int s = 0; s < ns; s++) {
                            double ts = t.get(b, f, 1 + 3 * nv + s, i, j);
                            scales += weight * scale(x.get(b, f, 2 + 2 * nv + s, i, j), ts, c);
                        }
                    }
                }
            }
        }
        List<Double> out = new ArrayList<>(List.of(conf / x.batch(), vec / x.batch()));
        if (ns > 0) {
            out.add(scales / x.batch());
        }
        return out;
    }
}
