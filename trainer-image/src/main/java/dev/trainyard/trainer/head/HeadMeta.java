package dev.trainyard.trainer.head;

import java.util.List;

/**
 * Typed description of one network head: which fields it predicts, at which stride, and which
 * encoder, head block, loss and decoder belong to it.
 *
 * <p>Prediction tensors of a head have shape {@code [batch, fields, predictionChannels, h, w]}
 * with channel 0 the raw uncertainty {@code w}, then confidences, then vector pairs (x, y), then
 * scales. Target tensors have shape {@code [batch, fields, targetChannels, h, w]}: confidences,
 * vector pairs, one b_min per vector, scales (CifDet: the width/height pair counts as a vector).
 */
public sealed interface HeadMeta permits CifMeta, CafMeta, CifDetMeta {

    /** Head name inside its dataset, e.g. {@code cif}, {@code caf}, {@code caf25}. */
    String name();

    /** Dataset the head belongs to, e.g. {@code cocokp}. */
    String dataset();

    /** Stride of the backbone feature map (16 or 32). */
    int baseStride();

    /** Sub-pixel upsampling factor of the head (1 or 2). */
    int upsample();

    /** Optional per-field weights for the loss; empty when all fields weigh 1. */
    List<Double> trainingWeights();

    int nFields();

    int nConfidences();

    int nVectors();

    int nScales();

    /** Returns this descriptor for a network with the given backbone stride and head upsampling. */
    HeadMeta withStrides(int baseStride, int upsample);

    /** Field stride in input pixels: backbone stride divided by the upsampling. */
    default int stride() {
        return baseStride() / upsample();
    }

    /** Channels per field of the raw network output: w, confidences, vector pairs, scales. */
    default int predictionChannels() {
        return 1 + nConfidences() + 2 * nVectors() + nScales();
    }

    /** Channels per field of an encoded target: confidences, vector pairs, b_mins, scales. */
    default int targetChannels() {
        return nConfidences() + 3 * nVectors() + nScales();
    }

    /** {@code dataset.name}, the prefix of this head's loss components. */
    default String fullName() {
        return dataset() + "." + name();
    }

    /** Number of fields of a map with the given input edge: {@code (edge - 1) / stride + 1}. */
    default int fieldSize(int inputEdge) {
        return (inputEdge - 1) / stride() + 1;
    }

    static void checkStrides(int baseStride, int upsample) {
        if (baseStride <= 0) {
            throw new IllegalArgumentException("base stride must be positive, got " + baseStride);
        }
        if (upsample <= 0 || baseStride % upsample != 0) {
            throw new IllegalArgumentException(
                    "upsample must be a positive divisor of the base stride " + baseStride + ", got " + upsample);
        }
    }
}
