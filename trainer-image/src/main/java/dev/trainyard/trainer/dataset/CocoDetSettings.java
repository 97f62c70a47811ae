package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.transform.CocoDetConfig;
import java.nio.file.Path;

/**
 * Resolved settings of the {@code cocodet} data module.
 *
 * @param augmentation transform settings (square edge, scale range, rotations, blur)
 * @param upsample head upsampling: 1 for stride 16, 2 for stride 8
 */
public record CocoDetSettings(
        Path trainAnnotations, Path trainImageDir, Path valAnnotations, Path valImageDir,
        CocoDetConfig augmentation, int upsample) {

    public CocoDetSettings {
        if (upsample != 1 && upsample != 2) {
            throw new BadInputException("--cocodet-upsample must be 1 or 2, got " + upsample);
        }
    }

    /** The reference's train and val filter: all categories, images with a non-crowd annotation. */
    public CocoFilter filter() {
        return CocoFilter.detection();
    }
}
