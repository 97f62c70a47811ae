package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns annotations whose box is not wider and taller than {@code minSide} pixels into crowd
 * annotations, as the reference's {@code MinSize}: a detector cannot learn objects that small, so
 * their region is ignored rather than taught as background.
 */
public record MinSize(double minSide) implements Transform {

    public MinSize {
        if (!(minSide >= 0)) {
            throw new IllegalArgumentException("min side must be non-negative, got " + minSide);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        List<Annotation> annotations = new ArrayList<>(sample.annotations().size());
        for (Annotation ann : sample.annotations()) {
            float[] b = ann.bbox();
            annotations.add(b[2] > minSide && b[3] > minSide ? ann : ann.asCrowd());
        }
        return sample.withAnnotations(annotations);
    }
}
