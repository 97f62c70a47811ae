package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.transform.CocoKpConfig;
import java.nio.file.Path;

/**
 * Resolved settings of the {@code cocokp} data module.
 *
 * @param augmentation transform settings (square edge, scale range, rotations, blur)
 * @param upsample head upsampling: 1 for stride 16, 2 for stride 8
 * @param withDense add the dense-connection head {@code caf25}
 * @param filter image filter for training and validation
 * @param evalSplit the images {@code trainyard eval} uses: val, or a test split
 */
public record CocoKpSettings(
        Path trainAnnotations, Path trainImageDir, Path valAnnotations, Path valImageDir,
        CocoKpConfig augmentation, int upsample, boolean withDense, CocoFilter filter, EncoderConfig encoder,
        EvalSplit evalSplit) {

    /**
     * The evaluation images: {@code val} (annotated) or one of the reference's unannotated COCO
     * test splits ({@code --cocokp-eval-test2017}, {@code --cocokp-eval-testdev2017}), whose
     * predictions are scored by the COCO server.
     *
     * @param annotations the annotation or image-info file; null for val (the val annotations)
     * @param imageDir the image directory; null for val
     */
    public record EvalSplit(String name, Path annotations, Path imageDir) {

        public static final EvalSplit VAL = new EvalSplit("val2017", null, null);

        public boolean isTest() {
            return annotations != null;
        }
    }

    public CocoKpSettings {
        if (upsample != 1 && upsample != 2) {
            throw new BadInputException("--cocokp-upsample must be 1 or 2, got " + upsample);
        }
    }

    /** The reference's train/val filter with {@code --cocokp-min-kp-anns}. */
    static CocoFilter filter(int minKpAnns) {
        if (minKpAnns < 0) {
            throw new BadInputException("--cocokp-min-kp-anns must be >= 0, got " + minKpAnns);
        }
        return CocoFilter.training(minKpAnns);
    }

    /** Settings for the dataset in the reference layout under {@code root}, with the given edge and defaults otherwise. */
    public static CocoKpSettings forRoot(Path root, CocoKpConfig augmentation, int upsample) {
        return new CocoKpSettings(
                root.resolve(SyntheticPeople.TRAIN_ANNOTATIONS), root.resolve(SyntheticPeople.TRAIN_IMAGE_DIR),
                root.resolve(SyntheticPeople.VAL_ANNOTATIONS), root.resolve(SyntheticPeople.VAL_IMAGE_DIR),
                augmentation, upsample, false, CocoFilter.training(), EncoderConfig.DEFAULT, EvalSplit.VAL);
    }
}
