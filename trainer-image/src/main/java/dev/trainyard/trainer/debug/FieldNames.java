package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.Connection;
import dev.trainyard.trainer.head.HeadMeta;

/** Human names of fields and of the points their vectors regress, for titles and legends. */
final class FieldNames {

    private FieldNames() {}

    /** Keypoint name (cif), {@code from-to} keypoint names (caf), category name (cifdet). */
    static String field(HeadMeta meta, int field) {
        return switch (meta) {
            case CifMeta cif -> cif.keypoints().get(field);
            case CafMeta caf -> joint(caf, field, 0) + "-" + joint(caf, field, 1);
            case CifDetMeta det -> det.categories().get(field);
        };
    }

    /** Name of the first ({@code end} 0) or second ({@code end} 1) joint of a caf connection. */
    static String joint(CafMeta caf, int field, int end) {
        Connection connection = caf.skeleton().get(field);
        return caf.keypoints().get(end == 0 ? connection.fromIndex() : connection.toIndex());
    }
}
