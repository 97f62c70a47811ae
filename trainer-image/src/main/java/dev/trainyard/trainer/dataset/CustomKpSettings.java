package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.CocoFilter;
import dev.trainyard.trainer.encoder.EncoderConfig;
import dev.trainyard.trainer.transform.CocoKpConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Resolved settings of the {@code custom} data module.
 *
 * @param augmentation transform settings, as {@code cocokp}'s
 * @param upsample head upsampling: 1 for stride 16, 2 for stride 8
 * @param categoryId the category to train; empty for the train file's only category with keypoints
 * @param sigmas per-keypoint sigmas; empty for {@link CustomKeypoints#DEFAULT_SIGMA} everywhere
 * @param encoder encoder settings (the reference defaults: the encoder flags belong to {@code cocokp})
 */
public record CustomKpSettings(
        Path trainAnnotations, Path trainImageDir, Path valAnnotations, Path valImageDir,
        CocoKpConfig augmentation, int upsample, OptionalInt categoryId, List<Double> sigmas, EncoderConfig encoder) {

    public CustomKpSettings {
        Objects.requireNonNull(trainAnnotations, "trainAnnotations");
        Objects.requireNonNull(trainImageDir, "trainImageDir");
        Objects.requireNonNull(valAnnotations, "valAnnotations");
        Objects.requireNonNull(valImageDir, "valImageDir");
        sigmas = List.copyOf(sigmas);
        if (upsample != 1 && upsample != 2) {
            throw new BadInputException("--custom-upsample must be 1 or 2, got " + upsample);
        }
        for (double sigma : sigmas) {
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new BadInputException("--custom-sigmas must be positive numbers, got " + sigmas);
            }
        }
    }

    /**
     * The train and val filter: annotations of the chosen category, images with a non-crowd one and at
     * least one with a labelled keypoint (as {@code cocokp}'s with {@code min_kp_anns} 1).
     */
    public CocoFilter filter(int resolvedCategoryId) {
        return new CocoFilter(List.of(resolvedCategoryId), true, CocoFilter.DEFAULT_MIN_KP_ANNS);
    }
}
