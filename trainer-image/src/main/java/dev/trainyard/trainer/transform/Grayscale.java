package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Replaces every channel by the ITU-R 601 luma {@code 0.299 R + 0.587 G + 0.114 B}, as PIL's
 * {@code convert('L')} behind torchvision's {@code RandomGrayscale}; wrap it in {@link RandomApply}
 * for the random version.
 */
public final class Grayscale implements Transform {

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        RgbImage image = sample.image();
        int n = image.width() * image.height();
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            float grey = 0.299f * in[i] + 0.587f * in[n + i] + 0.114f * in[2 * n + i];
            out[i] = grey;
            out[n + i] = grey;
            out[2 * n + i] = grey;
        }
        return sample.withImage(new RgbImage(image.width(), image.height(), out));
    }
}
