package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.transform.CocoKpConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * The {@code custom} data module's flags: a COCO-format keypoint dataset given by paths, augmented
 * as {@code cocokp}. The four paths have no default and are required when {@code --dataset}
 * includes {@code custom} (checked by {@link #create()}: the flags exist whichever dataset is chosen).
 */
public final class CustomKpOptions implements DataModuleOptions {

    @Option(names = "--custom-train-annotations", paramLabel = "FILE",
            description = "train annotations, COCO keypoint format (required with --dataset custom)")
    Path trainAnnotations;

    @Option(names = "--custom-val-annotations", paramLabel = "FILE",
            description = "val annotations, COCO keypoint format (required with --dataset custom)")
    Path valAnnotations;

    @Option(names = "--custom-train-image-dir", paramLabel = "DIR",
            description = "train image dir (required with --dataset custom)")
    Path trainImageDir;

    @Option(names = "--custom-val-image-dir", paramLabel = "DIR",
            description = "val image dir (required with --dataset custom)")
    Path valImageDir;

    @Option(names = "--custom-square-edge", defaultValue = "385", paramLabel = "PIXELS",
            description = "square edge of input images (default: ${DEFAULT-VALUE})")
    int squareEdge;

    @Option(names = "--custom-extended-scale", description = "augment with an extended scale range")
    boolean extendedScale;

    @Option(names = "--custom-orientation-invariant", defaultValue = "0.0", paramLabel = "P",
            description = "augment with random 90-degree orientations (default: ${DEFAULT-VALUE})")
    double orientationInvariant;

    @Option(names = "--custom-blur", defaultValue = "0.0", paramLabel = "P",
            description = "augment with blur (default: ${DEFAULT-VALUE})")
    double blur;

    @Option(names = "--custom-no-augmentation", description = "do not apply data augmentation")
    boolean noAugmentation;

    @Option(names = "--custom-rescale-images", defaultValue = "1.0", paramLabel = "FACTOR",
            description = "overall rescale factor for images (default: ${DEFAULT-VALUE})")
    double rescaleImages;

    @Option(names = "--custom-upsample", defaultValue = "1", paramLabel = "N",
            description = "head upsample stride (default: ${DEFAULT-VALUE})")
    int upsample;

    @Option(names = "--custom-category-id", paramLabel = "ID",
            description = "category to train (default: the only category with keypoints in the train annotations)")
    Integer categoryId;

    @Option(names = "--custom-sigmas", split = ",", paramLabel = "SIGMA",
            description = "per-keypoint sigmas, comma-separated, one per keypoint (default: "
                    + CustomKeypoints.DEFAULT_SIGMA + " each)")
    List<Double> sigmas;

    private EncoderConfig sharedEncoder = EncoderConfig.DEFAULT;

    @Override
    public void useSharedEncoder(EncoderConfig shared) {
        sharedEncoder = shared;
    }

    /**
     * The parsed flags.
     *
     * @throws BadInputException naming a missing path flag or a flag with an invalid value
     */
    public CustomKpSettings toSettings() {
        List<String> missing = new ArrayList<>();
        if (trainAnnotations == null) {
            missing.add("--custom-train-annotations FILE");
        }
        if (trainImageDir == null) {
            missing.add("--custom-train-image-dir DIR");
        }
        if (valAnnotations == null) {
            missing.add("--custom-val-annotations FILE");
        }
        if (valImageDir == null) {
            missing.add("--custom-val-image-dir DIR");
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("--dataset " + CustomKp.NAME + " needs " + String.join(", ", missing));
        }
        // Checked here so that messages name the custom flags, not cocokp's.
        CocoKpConfig.checkFlags(CustomKp.NAME, squareEdge, orientationInvariant, CocoKpConfig.MAX_ORIENTATION_INVARIANT,
                blur, rescaleImages);
        return new CustomKpSettings(
                trainAnnotations, trainImageDir, valAnnotations, valImageDir,
                new CocoKpConfig(squareEdge, extendedScale, orientationInvariant, blur, !noAugmentation, rescaleImages),
                upsample,
                categoryId == null ? OptionalInt.empty() : OptionalInt.of(categoryId),
                sigmas == null ? List.of() : sigmas,
                sharedEncoder);
    }

    @Override
    public CustomKp create() {
        return new CustomKp(toSettings());
    }
}
