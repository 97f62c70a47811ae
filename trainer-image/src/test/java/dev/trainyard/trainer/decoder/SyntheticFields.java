package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.encoder.AnnRescaler;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.encoder.FieldEncoders;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.transform.EvalTransforms;
import dev.trainyard.trainer.transform.SampleRandom;
import dev.trainyard.trainer.transform.Transform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic people through the evaluation preprocessing (long edge 641, padded to 16k + 1) and
 * the encoders, as ground-truth fields for decoder tests and benchmarks.
 */
final class SyntheticFields {

    /**
     * One encoded image.
     *
     * @param people keypoints {@code [x, y, v] x 17} per non-crowd person in input pixels, with the
     *     encoders' self-hidden suppression applied (v = 0 where nothing was encoded)
     */
    record Image(Sample sample, List<FieldTargets> targets, List<float[]> people) {

        Fields fields() {
            return Fields.ofTargets(targets);
        }
    }

    private SyntheticFields() {}

    /** Writes {@code images} synthetic validation images to {@code dir} and returns them preprocessed for evaluation. */
    static List<Sample> evalSamples(Path dir, int images, long seed) {
        SyntheticPeople.generate(dir, new SyntheticPeople.Options(0, images, seed, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
        CocoDataset dataset = CocoDataset.open(dir.resolve(SyntheticPeople.VAL_ANNOTATIONS),
                dir.resolve(SyntheticPeople.VAL_IMAGE_DIR), CocoFilter.none());
        Transform transform = EvalTransforms.coco(EvalTransforms.DEFAULT_LONG_EDGE, 1);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            samples.add(transform.apply(dataset.load(i), SampleRandom.of(seed, 0, i)));
        }
        return samples;
    }

    /** Encodes a sample for the given heads (the first must be the CIF head) with the reference encoder settings. */
    static Image encode(Sample sample, List<HeadMeta> heads) {
        List<FieldTargets> targets = FieldEncoders.forHeads(heads, EncoderConfig.DEFAULT).stream()
                .map(encoder -> encoder.encode(sample)).toList();
        CifMeta cif = (CifMeta) heads.getFirst();
        List<float[]> people = new AnnRescaler(cif.stride(), cif.pose()).keypointSets(sample.annotations());
        for (float[] person : people) {
            for (int j = 0; j < person.length; j += 3) {
                person[j] *= cif.stride();
                person[j + 1] *= cif.stride();
            }
        }
        return new Image(sample, targets, people);
    }
}
