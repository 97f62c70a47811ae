package dev.trainyard.trainer.encoder;

/**
 * Field cells whose confidence the loss ignores (crowds, people without labelled keypoints): one
 * plane shared by all fields of a keypoint head, or one plane per category of a detection head.
 */
public final class BackgroundMask {

    private final int planes;
    private final int height;
    private final int width;
    private final boolean[] ignored;

    BackgroundMask(int planes, int height, int width) {
        this.planes = planes;
        this.height = height;
        this.width = width;
        this.ignored = new boolean[planes * height * width];
    }

    public int planes() {
        return planes;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Whether cell {@code (x, y)} of {@code field} is ignored; a single plane applies to every field. */
    public boolean isIgnored(int field, int y, int x) {
        int plane = planes == 1 ? 0 : field;
        return ignored[(plane * height + y) * width + x];
    }

    /**
     * Ignores the cells of a pixel bbox {@code [x, y, w, h]} expanded by {@code margin} cells, with
     * the reference's arithmetic: the corners are computed in float32 field units, the near edge
     * truncated, the far edge rounded up and made inclusive, and both clipped to keep at least one
     * cell.
     */
    void ignoreBox(int plane, float[] bbox, int stride, double margin) {
        float x1 = bbox[0] / stride;
        float y1 = bbox[1] / stride;
        float x2 = x1 + bbox[2] / stride;
        float y2 = y1 + bbox[3] / stride;
        int left = clip((long) (x1 - margin), 0, width - 1);
        int top = clip((long) (y1 - margin), 0, height - 1);
        int right = clip((long) Math.ceil(x2 + margin) + 1, left + 1, width);
        int bottom = clip((long) Math.ceil(y2 + margin) + 1, top + 1, height);
        for (int y = top; y < bottom; y++) {
            int row = (plane * height + y) * width;
            java.util.Arrays.fill(ignored, row + left, row + right, true);
        }
    }

    private static int clip(long value, int low, int high) {
        return (int) Math.min(Math.max(value, low), high);
    }
}
