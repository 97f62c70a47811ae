package dev.trainyard.trainer.data;

import dev.trainyard.trainer.head.CocoConstants;
import java.util.List;

/**
 * Which images and annotations of a COCO file a {@link CocoDataset} uses, as the reference's
 * {@code CocoDataset(category_ids, annotation_filter, min_kp_anns)}.
 *
 * <p>With category ids, an image is selected when it has an annotation of every listed category
 * (pycocotools' {@code getImgIds}) and only annotations of those categories are kept; without,
 * every image and annotation is. The annotation filter then keeps images with at least one
 * non-crowd annotation and at least {@code minKpAnns} non-crowd annotations with a keypoint
 * {@code v > 0}. Crowd annotations always stay: encoders turn them into ignore regions.
 *
 * @param categoryIds categories to use; empty for all
 * @param annotationFilter whether to drop images without usable person annotations
 * @param minKpAnns minimum number of annotations with a labelled keypoint (needs the filter)
 */
public record CocoFilter(List<Integer> categoryIds, boolean annotationFilter, int minKpAnns) {

    /** The reference's {@code --cocokp-min-kp-anns} default. */
    public static final int DEFAULT_MIN_KP_ANNS = 1;

    public CocoFilter {
        categoryIds = categoryIds.stream().distinct().toList();
        if (minKpAnns < 0) {
            throw new IllegalArgumentException("min_kp_anns must be >= 0, got " + minKpAnns);
        }
        if (minKpAnns > 0 && !annotationFilter) {
            throw new IllegalArgumentException("min_kp_anns " + minKpAnns + " needs the annotation filter");
        }
    }

    /** The training and validation filter: persons, annotation filter on, {@code min_kp_anns} 1. */
    public static CocoFilter training() {
        return training(DEFAULT_MIN_KP_ANNS);
    }

    /** Persons with the annotation filter and the given {@code min_kp_anns}. */
    public static CocoFilter training(int minKpAnns) {
        return new CocoFilter(List.of(CocoConstants.PERSON_CATEGORY_ID), true, minKpAnns);
    }

    /**
     * Every category, images with at least one non-crowd annotation: the reference's {@code cocodet}
     * train and val filter ({@code category_ids=[]} with the annotation filter).
     */
    public static CocoFilter detection() {
        return new CocoFilter(List.of(), true, 0);
    }

    /** Every image and every annotation, as evaluation without the annotation filter uses them. */
    public static CocoFilter none() {
        return new CocoFilter(List.of(), false, 0);
    }

    /** Whether annotations of this category are kept. */
    public boolean keepsCategory(int categoryId) {
        return categoryIds.isEmpty() || categoryIds.contains(categoryId);
    }

    /** The settings in words, for messages: {@code categories [1], annotation filter on, min_kp_anns 1}. */
    public String describe() {
        return "categories " + (categoryIds.isEmpty() ? "all" : categoryIds.toString())
                + ", annotation filter " + (annotationFilter ? "on" : "off")
                + ", min_kp_anns " + minKpAnns;
    }
}
