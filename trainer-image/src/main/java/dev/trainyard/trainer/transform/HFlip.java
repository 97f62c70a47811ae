package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Mirrors the image left-right, as the reference's {@code HFlip}: {@code x' = w - 1 - x}, left and
 * right keypoints swap identities (not for crowd annotations), boxes and the valid area mirror, and
 * the meta's hflip flag toggles.
 *
 * <p>The reference only flips first, when the meta offset is zero. The offset update here,
 * {@code o' = w - 1 - o - (W - 1) * scale} with {@code W} the original width, keeps the documented
 * {@link ImageMeta} mapping exact wherever the flip runs and equals the reference's (zero) there;
 * it also makes a double flip the identity, meta included.
 */
public final class HFlip implements Transform {

    private final int[] permutation;

    /** A flip for keypoints named {@code keypoints}, swapping the pairs in {@code hflip}. */
    public HFlip(List<String> keypoints, Map<String, String> hflip) {
        this.permutation = CocoConstants.hflipPermutation(keypoints, hflip);
    }

    /** The flip of COCO person keypoints. */
    public static HFlip coco() {
        return new HFlip(CocoConstants.KEYPOINTS, CocoConstants.HFLIP);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        RgbImage image = sample.image();
        int w = image.width();
        List<Annotation> annotations = new ArrayList<>(sample.annotations().size());
        for (Annotation ann : sample.annotations()) {
            annotations.add(flip(ann, w));
        }
        ImageMeta meta = sample.meta();
        double[] va = meta.validArea();
        meta = meta.withHflip(!meta.hflip())
                .withOffset(w - 1 - meta.offsetX() - (meta.originalWidth() - 1) * meta.scaleX(), meta.offsetY())
                .withValidArea(w - 1 - (va[0] + va[2]), va[1], va[2], va[3]);
        return new Sample(mirror(image), annotations, meta);
    }

    private Annotation flip(Annotation ann, int w) {
        float[] src = ann.keypoints();
        float[] kps = new float[src.length];
        int n = ann.keypointCount();
        boolean swap = !ann.crowd() && n > 0;
        if (swap && n != permutation.length) {
            throw new IllegalArgumentException("annotation " + ann.id() + " has " + n
                    + " keypoints, the flip expects " + permutation.length);
        }
        for (int i = 0; i < n; i++) {
            int target = swap ? permutation[i] : i;
            kps[3 * target] = w - 1 - src[3 * i];
            kps[3 * target + 1] = src[3 * i + 1];
            kps[3 * target + 2] = src[3 * i + 2];
        }
        float[] b = ann.bbox();
        float[] box = {w - 1 - (b[0] + b[2]), b[1], b[2], b[3]};
        return ann.withGeometry(kps, box);
    }

    private static RgbImage mirror(RgbImage image) {
        int w = image.width();
        int rows = 3 * image.height();
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            int base = r * w;
            int last = base + w - 1;
            for (int x = 0; x < w; x++) {
                out[base + x] = in[last - x];
            }
        }
        return new RgbImage(w, image.height(), out);
    }
}
