package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Turns [0, 255] colours into the network input, {@code (v / 255 - mean) / std} per channel with the
 * ImageNet statistics (torchvision's {@code ToTensor} then {@code Normalize}).
 *
 * <p>This is the last step of a pipeline: afterwards the sample's {@link RgbImage} holds normalised
 * values rather than colours, and {@code image().data()} is the planar float input {@code [3, h, w]}.
 */
public final class Normalize implements Transform {

    /** ImageNet channel means on [0, 1], R, G, B. */
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet channel standard deviations on [0, 1], R, G, B. */
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        RgbImage image = sample.image();
        return sample.withImage(new RgbImage(image.width(), image.height(), networkInput(image)));
    }

    /** The normalised planar input {@code [3, h, w]} of a [0, 255] image; the image is not modified. */
    public static float[] networkInput(RgbImage image) {
        float[] in = image.data();
        float[] out = new float[in.length];
        int n = image.width() * image.height();
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * STD[c]);
            float shift = -MEAN[c] / STD[c];
            int base = c * n;
            for (int i = base; i < base + n; i++) {
                out[i] = in[i] * scale + shift;
            }
        }
        return out;
    }
}
