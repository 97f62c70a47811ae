package dev.trainyard.trainer.head;

import java.util.List;

/** The head descriptors of the COCO datasets, as the reference's {@code cocokp} and {@code cocodet} define them. */
public final class CocoHeads {

    private CocoHeads() {}

    /** Heads of {@code cocokp}: {@code cif}, {@code caf}, and {@code caf25} when dense connections are on. */
    public static List<HeadMeta> keypoints(int baseStride, int upsample, boolean withDense) {
        CifMeta cif = new CifMeta("cif", "cocokp", CocoConstants.KEYPOINTS, CocoConstants.SIGMAS,
                CocoConstants.UPRIGHT_POSE, CocoConstants.SKELETON, CocoConstants.SCORE_WEIGHTS,
                baseStride, upsample, List.of());
        CafMeta caf = new CafMeta("caf", "cocokp", CocoConstants.KEYPOINTS, CocoConstants.SIGMAS,
                CocoConstants.UPRIGHT_POSE, CocoConstants.SKELETON, List.of(), 2.0, false,
                baseStride, upsample, List.of());
        if (!withDense) {
            return List.of(cif, caf);
        }
        CafMeta dense = new CafMeta("caf25", "cocokp", CocoConstants.KEYPOINTS, CocoConstants.SIGMAS,
                CocoConstants.UPRIGHT_POSE, CocoConstants.DENSE_CONNECTIONS, CocoConstants.SKELETON, 2.0, true,
                baseStride, upsample, List.of());
        return List.of(cif, caf, dense);
    }

    /** The single {@code cifdet} head of {@code cocodet} over all 91 COCO category slots. */
    public static List<HeadMeta> detection(int baseStride, int upsample) {
        return List.of(new CifDetMeta("cifdet", "cocodet", CocoConstants.CATEGORIES, baseStride, upsample, List.of()));
    }
}
