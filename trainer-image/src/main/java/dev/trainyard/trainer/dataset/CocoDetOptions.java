package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.CocoDataset;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.transform.CocoDetConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code cocodet} data module's flags, named and defaulted as the reference's; see {@link CocoDetSettings}. */
public final class CocoDetOptions implements DataModuleOptions {

    /** The reference's default training annotations (COCO instances, all categories). */
    public static final String TRAIN_ANNOTATIONS = "data-mscoco/annotations/instances_train2017.json";
    /** The reference's default validation annotations. */
    public static final String VAL_ANNOTATIONS = "data-mscoco/annotations/instances_val2017.json";

    @Option(names = "--cocodet-train-annotations", defaultValue = TRAIN_ANNOTATIONS, paramLabel = "FILE",
            description = "train annotations (default: ${DEFAULT-VALUE})")
    Path trainAnnotations;

    @Option(names = "--cocodet-val-annotations", defaultValue = VAL_ANNOTATIONS, paramLabel = "FILE",
            description = "val annotations (default: ${DEFAULT-VALUE})")
    Path valAnnotations;

    @Option(names = "--cocodet-train-image-dir", defaultValue = CocoDataset.TRAIN_IMAGE_DIR, paramLabel = "DIR",
            description = "train image dir (default: ${DEFAULT-VALUE})")
    Path trainImageDir;

    @Option(names = "--cocodet-val-image-dir", defaultValue = CocoDataset.VAL_IMAGE_DIR, paramLabel = "DIR",
            description = "val image dir (default: ${DEFAULT-VALUE})")
    Path valImageDir;

    @Option(names = "--cocodet-square-edge", defaultValue = "513", paramLabel = "PIXELS",
            description = "square edge of input images (default: ${DEFAULT-VALUE})")
    int squareEdge;

    @Option(names = "--cocodet-extended-scale", description = "augment with an extended scale range")
    boolean extendedScale;

    @Option(names = "--cocodet-orientation-invariant", defaultValue = "0.0", paramLabel = "P",
            description = "augment with random 90-degree orientations (default: ${DEFAULT-VALUE})")
    double orientationInvariant;

    @Option(names = "--cocodet-blur", defaultValue = "0.0", paramLabel = "P",
            description = "augment with blur (default: ${DEFAULT-VALUE})")
    double blur;

    @Option(names = "--cocodet-no-augmentation", description = "do not apply data augmentation")
    boolean noAugmentation;

    @Option(names = "--cocodet-rescale-images", defaultValue = "1.0", paramLabel = "FACTOR",
            description = "overall rescale factor for images (default: ${DEFAULT-VALUE})")
    double rescaleImages;

    @Option(names = "--cocodet-upsample", defaultValue = "1", paramLabel = "N",
            description = "head upsample stride (default: ${DEFAULT-VALUE})")
    int upsample;

    /** The parsed flags; throws {@code BadInputException} naming a flag with an invalid value. */
    public CocoDetSettings toSettings() {
        return new CocoDetSettings(
                trainAnnotations, trainImageDir, valAnnotations, valImageDir,
                new CocoDetConfig(squareEdge, extendedScale, orientationInvariant, blur, !noAugmentation, rescaleImages),
                upsample);
    }

    @Override
    public CocoDet create() {
        return new CocoDet(toSettings());
    }

    /**
     * Points the four data paths at a dataset in the {@link SyntheticPeople} layout under {@code root}:
     * its person keypoint files are valid detection data (category person, boxes).
     */
    public void useDatasetRoot(Path root) {
        trainAnnotations = root.resolve(SyntheticPeople.TRAIN_ANNOTATIONS);
        valAnnotations = root.resolve(SyntheticPeople.VAL_ANNOTATIONS);
        trainImageDir = root.resolve(SyntheticPeople.TRAIN_IMAGE_DIR);
        valImageDir = root.resolve(SyntheticPeople.VAL_IMAGE_DIR);
    }
}
