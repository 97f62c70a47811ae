package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.CocoAnnotationFile;
import dev.trainyard.trainer.data.CocoCategory;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.head.Keypoint;
import dev.trainyard.trainer.head.LeftRightPairs;
import dev.trainyard.trainer.transform.HFlip;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The keypoint skeleton the {@code custom} data module trains: one category of a COCO keypoint file
 * with its keypoint names, 1-based skeleton, sigmas, reference pose and left/right pairs.
 *
 * @param categoryId the COCO category whose annotations are used
 * @param keypoints keypoint names in annotation order (the category's {@code keypoints})
 * @param skeleton connections of the caf head (the category's {@code skeleton})
 * @param sigmas per-keypoint OKS sigmas
 * @param pose reference pose: COCO files carry none, so the {@link MeanPose} of the training annotations
 * @param hflip names a horizontal flip swaps ({@link LeftRightPairs})
 */
public record CustomKeypoints(
        int categoryId, String categoryName, List<String> keypoints, List<Connection> skeleton,
        List<Double> sigmas, List<Keypoint> pose, Map<String, String> hflip) {

    /** The sigma of every keypoint when {@code --custom-sigmas} is not given. */
    public static final double DEFAULT_SIGMA = 0.05;

    public CustomKeypoints {
        keypoints = List.copyOf(keypoints);
        skeleton = List.copyOf(skeleton);
        sigmas = List.copyOf(sigmas);
        pose = List.copyOf(pose);
        hflip = Map.copyOf(hflip);
    }

    /**
     * Picks the category of {@code file} to train and checks it against the flags.
     *
     * @param categoryId {@code --custom-category-id}; empty for the file's only category with keypoints
     * @param sigmas {@code --custom-sigmas}; empty for {@link #DEFAULT_SIGMA} everywhere
     * @throws BadInputException naming the flag or file: no such category, a category without
     *     keypoints or skeleton, several candidates and none chosen, a sigma count that does not match
     */
    public static CustomKeypoints of(CocoAnnotationFile file, OptionalInt categoryId, List<Double> sigmas) {
        CocoCategory category = category(file, categoryId);
        List<String> names = category.keypoints();
        String what = "category " + category.id() + " '" + category.name() + "' in " + file.path();
        if (category.skeleton().isEmpty()) {
            throw new BadInputException(what + " has no 'skeleton'; the caf head needs its connections");
        }
        for (Connection c : category.skeleton()) {
            if (c.from() > names.size() || c.to() > names.size()) {
                throw new BadInputException(what + ": skeleton connection " + c + " refers to a keypoint beyond its "
                        + names.size() + " keypoints");
            }
        }
        List<Double> resolvedSigmas = sigmas.isEmpty() ? Collections.nCopies(names.size(), DEFAULT_SIGMA) : sigmas;
        if (resolvedSigmas.size() != names.size()) {
            throw new BadInputException("--custom-sigmas has " + sigmas.size() + " values, " + what + " has "
                    + names.size() + " keypoints " + names);
        }
        // in file order, so that the mean pose is the same bits in every run
        List<Annotation> annotations = file.images().stream()
                .flatMap(image -> file.annotations(image.id()).stream())
                .filter(a -> a.categoryId() == category.id())
                .toList();
        return new CustomKeypoints(category.id(), category.name(), names, category.skeleton(), resolvedSigmas,
                MeanPose.of(annotations, names.size()), LeftRightPairs.of(names));
    }

    private static CocoCategory category(CocoAnnotationFile file, OptionalInt categoryId) {
        List<CocoCategory> withKeypoints = file.categories().stream().filter(c -> !c.keypoints().isEmpty()).toList();
        if (categoryId.isPresent()) {
            int id = categoryId.getAsInt();
            CocoCategory category = file.category(id).orElseThrow(() -> new BadInputException(
                    "--custom-category-id " + id + ": " + file.path() + " has no category " + id
                            + "; categories with keypoints: " + describe(withKeypoints)));
            if (category.keypoints().isEmpty()) {
                throw new BadInputException("--custom-category-id " + id + ": category '" + category.name() + "' in "
                        + file.path() + " has no keypoints; categories with keypoints: " + describe(withKeypoints));
            }
            return category;
        }
        if (withKeypoints.isEmpty()) {
            throw new BadInputException(file.path() + " has no category with 'keypoints'; --dataset custom needs a "
                    + "COCO keypoint file");
        }
        if (withKeypoints.size() > 1) {
            throw new BadInputException(file.path() + " has " + withKeypoints.size() + " categories with keypoints ("
                    + describe(withKeypoints) + "); choose one with --custom-category-id");
        }
        return withKeypoints.getFirst();
    }

    private static String describe(List<CocoCategory> categories) {
        if (categories.isEmpty()) {
            return "none";
        }
        return String.join(", ", categories.stream().map(c -> c.id() + " '" + c.name() + "'").toList());
    }

    /**
     * The {@code cif} and {@code caf} heads of dataset {@code custom}; every keypoint weighs the
     * same in the instance score.
     */
    public List<HeadMeta> heads(int baseStride, int upsample) {
        List<Double> scoreWeights = Collections.nCopies(keypoints.size(), 1.0);
        CifMeta cif = new CifMeta("cif", CustomKp.NAME, keypoints, sigmas, pose, skeleton, scoreWeights,
                baseStride, upsample, List.of());
        CafMeta caf = new CafMeta("caf", CustomKp.NAME, keypoints, sigmas, pose, skeleton, List.of(), 2.0, false,
                baseStride, upsample, List.of());
        return List.of(cif, caf);
    }

    /** The horizontal flip of these keypoints. */
    public HFlip hflipTransform() {
        return new HFlip(keypoints, hflip);
    }

    /**
     * Checks that {@code file} (e.g. the validation annotations) defines the same category with the
     * same keypoints, so its annotations fit the heads.
     */
    public void checkSameCategory(CocoAnnotationFile file) {
        CocoCategory other = file.category(categoryId).orElseThrow(() -> new BadInputException(
                file.path() + " has no category " + categoryId + " ('" + categoryName + "' in the train annotations)"));
        if (!other.keypoints().equals(keypoints)) {
            throw new BadInputException(file.path() + ": category " + categoryId + " has keypoints " + other.keypoints()
                    + ", the train annotations have " + keypoints);
        }
    }
}
