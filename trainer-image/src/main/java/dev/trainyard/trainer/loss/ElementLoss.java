package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDArray;

/** One term of a loss component, evaluated densely over every field cell of a head. */
interface ElementLoss {

    /**
     * Computes the loss of every element; elements the target marks as ignored are exactly zero
     * and receive exactly zero gradient.
     *
     * @param prediction raw head output {@code [batch, fields, predictionChannels, h, w]}
     * @param target encoded target {@code [batch, fields, targetChannels, h, w]}, NaN = ignore
     * @return element losses {@code [batch, fields, h, w]}
     */
    NDArray apply(NDArray prediction, NDArray target);
}
