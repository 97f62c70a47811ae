package dev.trainyard.trainer.loss;

import dev.trainyard.trainer.head.HeadMeta;
import java.util.SplittableRandom;

/** Random predictions and realistic, partly ignored targets for a head. */
final class RandomFields {

    private RandomFields() {}

    /** Raw outputs in [-3, 3), with a few very negative logits to reach the background clamp. */
    static FieldTensor prediction(SplittableRandom random, HeadMeta meta, int batch, int height, int width) {
        FieldTensor x = FieldTensor.uniform(
                random, batch, meta.nFields(), meta.predictionChannels(), height, width, -3, 3);
        x.sprinkle(random, 1, 0.05, -20.0);
        return x;
    }

    /**
     * Targets with every kind of element: ignored (NaN) and fractional confidences, missing
     * vectors, b_mins and scales. Channel layout: confidence, vector pairs, b_mins, scales.
     */
    static FieldTensor target(SplittableRandom random, HeadMeta meta, int batch, int height, int width) {
        int nv = meta.nVectors();
        FieldTensor t = FieldTensor.zeros(batch, meta.nFields(), meta.targetChannels(), height, width);
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < meta.nFields(); f++) {
                for (int i = 0; i < height; i++) {
                    for (int j = 0; j < width; j++) {
                        double u = random.nextDouble();
                        t.set(b, f, 0, i, j, u < 0.1 ? Double.NaN : u < 0.6 ? 0.0 : u < 0.9 ? 1.0 : 0.6);
                        for (int c = 1; c <= 2 * nv; c++) {
                            t.set(b, f, c, i, j, maybeNaN(random, 0.3, random.nextDouble(-2, 2)));
                        }
                        for (int v = 0; v < nv; v++) {
                            t.set(b, f, 1 + 2 * nv + v, i, j, maybeNaN(random, 0.2, random.nextDouble(0.05, 0.3)));
                        }
                        for (int s = 0; s < meta.nScales(); s++) {
                            t.set(b, f, 1 + 3 * nv + s, i, j, maybeNaN(random, 0.3, random.nextDouble(0.5, 4)));
                        }
                        if (nv == 2 && meta.nScales() == 0) {
                            // detection: the second vector is a box size, which is positive
                            t.set(b, f, 3, i, j, maybeNaN(random, 0.2, random.nextDouble(1, 6)));
                            t.set(b, f, 4, i, j, maybeNaN(random, 0.2, random.nextDouble(1, 6)));
                        }
                    }
                }
            }
        }
        return t;
    }

    private static double maybeNaN(SplittableRandom random, double probability, double value) {
        return random.nextDouble() < probability ? Double.NaN : value;
    }
}
