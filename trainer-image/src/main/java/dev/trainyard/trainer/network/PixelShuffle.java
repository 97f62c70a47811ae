package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch.nn.PixelShuffle}: trades channels for resolution,
 * {@code out[..., c, h*u + i, w*u + j] = in[..., c*u*u + i*u + j, h, w]}.
 */
public final class PixelShuffle {

    private PixelShuffle() {}

    /**
     * Rearranges the last three axes: {@code [..., channels * u * u, h, w]} to
     * {@code [..., channels, h * u, w * u]}; any leading axes (batch, fields) are kept.
     */
    public static NDArray apply(NDArray x, int factor) {
        if (factor == 1) {
            return x;
        }
        Shape shape = x.getShape();
        int rank = shape.dimension();
        if (rank < 3 || shape.get(rank - 3) % ((long) factor * factor) != 0) {
            throw new IllegalArgumentException("cannot pixel-shuffle " + shape + " by " + factor);
        }
        Shape leading = shape.slice(0, rank - 3);
        long channels = shape.get(rank - 3) / ((long) factor * factor);
        long h = shape.get(rank - 2);
        long w = shape.get(rank - 1);
        // [..., c, i, j, h, w] -> [..., c, h, i, w, j], then merge (h, i) and (w, j).
        int lead = leading.dimension();
        int[] order = new int[lead + 5];
        for (int a = 0; a < lead; a++) {
            order[a] = a;
        }
        order[lead] = lead;
        order[lead + 1] = lead + 3;
        order[lead + 2] = lead + 1;
        order[lead + 3] = lead + 4;
        order[lead + 4] = lead + 2;
        return x.reshape(leading.addAll(new Shape(channels, factor, factor, h, w)))
                .transpose(order)
                .reshape(leading.addAll(new Shape(channels, h * factor, w * factor)));
    }
}
