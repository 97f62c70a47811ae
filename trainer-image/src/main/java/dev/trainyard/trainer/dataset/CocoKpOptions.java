package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.transform.CocoKpConfig;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The {@code cocokp} data module's flags, named and defaulted as the reference's; see {@link CocoKpSettings}. */
public final class CocoKpOptions implements DataModuleOptions {

    @Option(names = "--cocokp-train-annotations", defaultValue = CocoDataset.TRAIN_ANNOTATIONS, paramLabel = "FILE",
            description = "train annotations (default: ${DEFAULT-VALUE})")
    Path trainAnnotations;

    @Option(names = "--cocokp-val-annotations", defaultValue = CocoDataset.VAL_ANNOTATIONS, paramLabel = "FILE",
            description = "val annotations (default: ${DEFAULT-VALUE})")
    Path valAnnotations;

    @Option(names = "--cocokp-train-image-dir", defaultValue = CocoDataset.TRAIN_IMAGE_DIR, paramLabel = "DIR",
            description = "train image dir (default: ${DEFAULT-VALUE})")
    Path trainImageDir;

    @Option(names = "--cocokp-val-image-dir", defaultValue = CocoDataset.VAL_IMAGE_DIR, paramLabel = "DIR",
            description = "val image dir (default: ${DEFAULT-VALUE})")
    Path valImageDir;

    @Option(names = "--cocokp-square-edge", defaultValue = "385", paramLabel = "PIXELS",
            description = "square edge of input images (default: ${DEFAULT-VALUE})")
    int squareEdge;

    @Option(names = "--cocokp-with-dense", description = "train with dense connections (head caf25)")
    boolean withDense;

    @Option(names = "--cocokp-extended-scale", description = "augment with an extended scale range")
    boolean extendedScale;

    @Option(names = "--cocokp-orientation-invariant", defaultValue = "0.0", paramLabel = "P",
            description = "augment with random 90-degree orientations (default: ${DEFAULT-VALUE})")
    double orientationInvariant;

    @Option(names = "--cocokp-blur", defaultValue = "0.0", paramLabel = "P",
            description = "augment with blur (default: ${DEFAULT-VALUE})")
    double blur;

    @Option(names = "--cocokp-no-augmentation", description = "do not apply data augmentation")
    boolean noAugmentation;

    @Option(names = "--cocokp-rescale-images", defaultValue = "1.0", paramLabel = "FACTOR",
            description = "overall rescale factor for images (default: ${DEFAULT-VALUE})")
    double rescaleImages;

    @Option(names = "--cocokp-upsample", defaultValue = "1", paramLabel = "N",
            description = "head upsample stride (default: ${DEFAULT-VALUE})")
    int upsample;

    @Option(names = "--cocokp-min-kp-anns", defaultValue = "1", paramLabel = "N",
            description = "filter images with fewer keypoint annotations (default: ${DEFAULT-VALUE})")
    int minKpAnns;

    @Option(names = "--cocokp-bmin", defaultValue = "0.1", paramLabel = "PIXELS",
            description = "b_min of the CIF and CAF regressions in pixels (default: ${DEFAULT-VALUE})")
    double keypointBmin;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TestSplit testSplit;

    /** The reference's test-split switches of evaluation (mutually exclusive). */
    static final class TestSplit {
        @Option(names = "--cocokp-eval-test2017", required = true,
                description = "evaluate on the COCO test2017 images (no annotations: write predictions for the server)")
        boolean test2017;

        @Option(names = "--cocokp-eval-testdev2017", required = true,
                description = "evaluate on the COCO test-dev2017 images (no annotations: write predictions for the server)")
        boolean testdev2017;
    }

    @Option(names = "--cocokp-test-image-dir", defaultValue = CocoDataset.TEST_IMAGE_DIR, paramLabel = "DIR",
            description = "test2017 image dir of --cocokp-eval-test[dev]2017 (default: ${DEFAULT-VALUE})")
    Path testImageDir;

    @Option(names = "--cocokp-test-annotations", paramLabel = "FILE",
            description = "image info file of --cocokp-eval-test[dev]2017 (default: " + CocoDataset.TESTDEV_ANNOTATIONS
                    + " or " + CocoDataset.TEST_ANNOTATIONS + ")")
    Path testAnnotations;

    private EncoderConfig sharedEncoder = EncoderConfig.DEFAULT;

    @Override
    public void useSharedEncoder(EncoderConfig shared) {
        sharedEncoder = shared;
    }

    /** The parsed flags; throws {@code BadInputException} naming a flag with an invalid value. */
    public CocoKpSettings toSettings() {
        return new CocoKpSettings(
                trainAnnotations, trainImageDir, valAnnotations, valImageDir,
                new CocoKpConfig(squareEdge, extendedScale, orientationInvariant, blur, !noAugmentation, rescaleImages),
                upsample, withDense, CocoKpSettings.filter(minKpAnns), sharedEncoder.withKeypointBmin(keypointBmin),
                evalSplit());
    }

    private CocoKpSettings.EvalSplit evalSplit() {
        if (testSplit == null) {
            if (testAnnotations != null) {
                throw new BadInputException("--cocokp-test-annotations needs --cocokp-eval-test2017 or --cocokp-eval-testdev2017");
            }
            return CocoKpSettings.EvalSplit.VAL;
        }
        boolean dev = testSplit.testdev2017;
        Path info = testAnnotations != null ? testAnnotations
                : Path.of(dev ? CocoDataset.TESTDEV_ANNOTATIONS : CocoDataset.TEST_ANNOTATIONS);
        return new CocoKpSettings.EvalSplit(dev ? "test-dev2017" : "test2017", info, testImageDir);
    }

    @Override
    public CocoKp create() {
        return new CocoKp(toSettings());
    }

    /** Points the four data paths at a dataset in the reference layout under {@code root} (e.g. synth output). */
    public void useDatasetRoot(Path root) {
        trainAnnotations = root.resolve(SyntheticPeople.TRAIN_ANNOTATIONS);
        valAnnotations = root.resolve(SyntheticPeople.VAL_ANNOTATIONS);
        trainImageDir = root.resolve(SyntheticPeople.TRAIN_IMAGE_DIR);
        valImageDir = root.resolve(SyntheticPeople.VAL_IMAGE_DIR);
    }
}
