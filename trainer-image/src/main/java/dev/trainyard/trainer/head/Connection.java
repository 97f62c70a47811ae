package dev.trainyard.trainer.head;

/**
 * A skeleton connection between two keypoints, 1-based as in COCO and the reference
 * implementation ({@code (16, 14)} is left ankle to left knee).
 */
public record Connection(int from, int to) {

    public Connection {
        if (from < 1 || to < 1 || from == to) {
            throw new IllegalArgumentException("invalid connection " + from + "-" + to);
        }
    }

    /** Zero-based index of the first joint. */
    public int fromIndex() {
        return from - 1;
    }

    /** Zero-based index of the second joint. */
    public int toIndex() {
        return to - 1;
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
