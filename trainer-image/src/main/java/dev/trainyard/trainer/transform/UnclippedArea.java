package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns annotations that lost too much of their box to cropping into crowd annotations, as the
 * reference's {@code UnclippedArea}: an object mostly cut off is neither a good positive nor
 * background, so its region is ignored.
 *
 * <p>The box area now, taken back to original pixels by dividing by the meta's scale per axis, is
 * compared with the area of the box in the file; at most {@code threshold} of it left, or an empty
 * original box, makes the annotation a crowd. Rotations change the box without changing the
 * scale, as in the reference, so a rotated box can keep more than 100%.
 */
public record UnclippedArea(double threshold) implements Transform {

    public UnclippedArea {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        ImageMeta meta = sample.meta();
        List<Annotation> annotations = new ArrayList<>(sample.annotations().size());
        for (Annotation ann : sample.annotations()) {
            annotations.add(unclipped(ann, meta) ? ann : ann.asCrowd());
        }
        return sample.withAnnotations(annotations);
    }

    private boolean unclipped(Annotation ann, ImageMeta meta) {
        float[] original = ann.bboxOriginal();
        double originalArea = (double) original[2] * original[3];
        float[] b = ann.bbox();
        double areaAtOriginalScale = (b[2] / meta.scaleX()) * (b[3] / meta.scaleY());
        return originalArea > 0 && areaAtOriginalScale / originalArea > threshold;
    }
}
