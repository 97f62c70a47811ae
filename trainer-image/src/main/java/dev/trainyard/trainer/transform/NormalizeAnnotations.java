package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.Sample;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The first step of every pipeline, the reference's {@code NormalizeAnnotations}: annotations already
 * are typed records, so what remains is to start the meta bookkeeping in the reference's convention.
 *
 * <p>The reference measures the valid area between pixel centres, {@code (0, 0, w - 1, h - 1)} for
 * a whole image, and every later transform (flip, crop, rotation) relies on that. A meta fresh from
 * {@link ImageMeta#of} ({@code [0, 0, w, h]}, identity mapping) is converted to it; any other meta
 * is left alone, so applying this step twice changes nothing.
 */
public final class NormalizeAnnotations implements Transform {

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        ImageMeta meta = sample.meta();
        int w = sample.image().width();
        int h = sample.image().height();
        boolean identity = meta.offsetX() == 0 && meta.offsetY() == 0 && meta.scaleX() == 1 && meta.scaleY() == 1
                && meta.rotationAngle() == 0 && !meta.hflip();
        if (identity && Arrays.equals(meta.validArea(), new double[] {0, 0, w, h})) {
            return sample.withMeta(meta.withValidArea(0, 0, w - 1, h - 1));
        }
        return sample;
    }
}
