package dev.trainyard.trainer.data;

import dev.trainyard.trainer.head.Connection;
import java.util.List;

/**
 * One entry of a COCO annotation file's {@code categories} list.
 *
 * @param id category id
 * @param name category name, e.g. {@code person}
 * @param supercategory supercategory name, empty when the file has none
 * @param keypoints keypoint names in annotation order, empty for categories without keypoints
 * @param skeleton 1-based keypoint connections, empty when the file has none
 */
public record CocoCategory(int id, String name, String supercategory, List<String> keypoints, List<Connection> skeleton) {

    public CocoCategory {
        keypoints = List.copyOf(keypoints);
        skeleton = List.copyOf(skeleton);
    }
}
