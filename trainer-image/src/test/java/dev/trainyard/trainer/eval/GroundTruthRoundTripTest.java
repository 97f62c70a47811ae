package dev.trainyard.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.decoder.Decoder;
import dev.trainyard.trainer.decoder.DecoderConfig;
import dev.trainyard.trainer.decoder.Decoders;
import dev.trainyard.trainer.decoder.Fields;
import dev.trainyard.trainer.decoder.Pose;
import dev.trainyard.trainer.decoder.Predictions;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.encoder.FieldEncoder;
import dev.trainyard.trainer.encoder.FieldEncoders;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.metric.CocoEvaluator;
import dev.trainyard.trainer.metric.CocoGroundTruth;
import dev.trainyard.trainer.metric.CocoResult;
import dev.trainyard.trainer.metric.CocoStats;
import dev.trainyard.trainer.metric.IouType;
import dev.trainyard.trainer.transform.EvalTransforms;
import dev.trainyard.trainer.transform.SampleRandom;
import dev.trainyard.trainer.transform.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder and the metric together: the ground truth of a synthetic validation set, encoded
 * into fields at the evaluation size and decoded again, scores (almost) perfectly.
 */
class GroundTruthRoundTripTest {

    @TempDir
    static Path dir;

    static CocoStats roundTrip(Path data, List<HeadMeta> heads, EncoderConfig encoding, DecoderConfig config) {
        Path annotations = data.resolve(SyntheticPeople.VAL_ANNOTATIONS);
        CocoDataset source = CocoDataset.open(annotations, data.resolve(SyntheticPeople.VAL_IMAGE_DIR),
                CocoFilter.training());
        Transform transform = EvalTransforms.coco(EvalTransforms.DEFAULT_LONG_EDGE, 1);
        List<FieldEncoder> encoders = FieldEncoders.forHeads(heads, encoding);
        Decoder decoder = Decoders.create(config, heads);
        List<CocoResult> results = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            Sample sample = transform.apply(source.load(i), SampleRandom.of(0, 0, i));
            List<FieldTargets> targets = encoders.stream().map(e -> e.encode(sample)).toList();
            Predictions predictions = decoder.decode(Fields.ofTargets(targets)).toOriginal(sample.meta(), null);
            long id = sample.meta().imageId();
            ids.add(id);
            for (Pose pose : predictions.poses()) {
                results.add(CocoResult.pose(id, 1, pose.xyv(), pose.score()).withBox(pose.bbox()));
            }
        }
        return CocoEvaluator.of(IouType.KEYPOINTS).evaluate(CocoGroundTruth.read(annotations), results, ids);
    }

    /**
     * The acceptance: every labelled keypoint encoded (the self-hidden rule off) and decoded
     * with dense connections scores AP >= 0.98. Measured 2026-11-25 on 40 synthetic images (seed
     * 11): AP 0.998.
     */
    @Test
    void decodedGroundTruthScoresAlmostPerfectly() {
        CocoStats stats = roundTrip(data(), CocoHeads.keypoints(16, 1, true),
                EncoderConfig.DEFAULT.withSuppressSelfHidden(false), dense(DecoderConfig.defaults()));
        assertTrue(stats.value("AP") >= 0.98 && stats.value("AP0.5") >= 0.99, stats.values().toString());
    }

    /**
     * Levels of the reference's training encoding and default decoding, measured on the same
     * images and kept as a guard against regressions (docs/evaluation.md explains the gaps):
     * sparse skeleton 0.92 with every keypoint encoded, 0.87 with the self-hidden rule, which drops
     * hidden keypoints within 32 px of another person's visible one; dense connections with the
     * rule 0.95. The rest of the sparse gap is people touching crowd regions, where the reference
     * writes only the CIF cells nearest each keypoint.
     */
    @Test
    void decodedTrainingTargetsKeepTheReferenceLevels() {
        Path data = data();
        DecoderConfig d = DecoderConfig.defaults();
        List<HeadMeta> sparse = CocoHeads.keypoints(16, 1, false);
        CocoStats everyKeypoint = roundTrip(data, sparse, EncoderConfig.DEFAULT.withSuppressSelfHidden(false), d);
        assertTrue(everyKeypoint.value("AP") >= 0.91, everyKeypoint.values().toString());
        CocoStats training = roundTrip(data, sparse, EncoderConfig.DEFAULT, d);
        assertTrue(training.value("AP") >= 0.86 && training.value("AP0.5") >= 0.94, training.values().toString());
        assertTrue(training.value("AP") < everyKeypoint.value("AP"), "the self-hidden rule drops keypoints");
        CocoStats dense = roundTrip(data, CocoHeads.keypoints(16, 1, true), EncoderConfig.DEFAULT, dense(d));
        assertTrue(dense.value("AP") >= 0.95 && dense.value("AP0.5") >= 0.98, dense.values().toString());
    }

    private static Path data() {
        if (!Files.isDirectory(dir.resolve("annotations"))) {
            SyntheticPeople.generate(dir, new SyntheticPeople.Options(0, 40, 11, ImageSizeRange.DEFAULT, false),
                    SyntheticPeople.Progress.NONE);
        }
        return dir;
    }

    /** {@code --dense-connections} with the reference's recommended {@code --caf-th 0.1}. */
    private static DecoderConfig dense(DecoderConfig d) {
        return new DecoderConfig(d.requests(), d.seedThreshold(), d.cifThreshold(), 0.1,
                d.keypointThreshold(), d.keypointThresholdRel(), d.instanceThreshold(), false,
                d.forceCompleteCafThreshold(), 1.0);
    }
}
