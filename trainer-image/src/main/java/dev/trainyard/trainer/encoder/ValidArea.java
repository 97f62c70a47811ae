package dev.trainyard.trainer.encoder;

/**
 * The part of a field map that shows real image content (the rest is padding), in field cells:
 * the image meta's valid area divided by the stride.
 */
public record ValidArea(double x, double y, double width, double height) {

    /** The valid area of a meta's {@code [x, y, width, height]} pixel rectangle at {@code stride}. */
    public static ValidArea ofPixels(double[] pixels, int stride) {
        return new ValidArea(pixels[0] / stride, pixels[1] / stride, pixels[2] / stride, pixels[3] / stride);
    }

    /**
     * Writes {@code fill} to the cells of one {@code [planeHeight, planeWidth]} plane outside this
     * area, with the reference's bounds: leading rows/columns below {@code int(y)}/{@code int(x)}
     * only when that is at least one cell, trailing ones from {@code ceil(y + height) + 1} and
     * {@code ceil(x + width) + 1}, so a cell that straddles the edge stays valid.
     */
    public void maskOutside(float[] data, int planeOffset, int planeHeight, int planeWidth, float fill) {
        if (y >= 1.0) {
            int rows = Math.min((int) y, planeHeight);
            java.util.Arrays.fill(data, planeOffset, planeOffset + rows * planeWidth, fill);
        }
        if (x >= 1.0) {
            int cols = Math.min((int) x, planeWidth);
            for (int row = 0; row < planeHeight; row++) {
                int start = planeOffset + row * planeWidth;
                java.util.Arrays.fill(data, start, start + cols, fill);
            }
        }
        int maxRow = (int) Math.ceil(y + height) + 1;
        if (maxRow > 0 && maxRow < planeHeight) {
            java.util.Arrays.fill(data, planeOffset + maxRow * planeWidth, planeOffset + planeHeight * planeWidth, fill);
        }
        int maxCol = (int) Math.ceil(x + width) + 1;
        if (maxCol > 0 && maxCol < planeWidth) {
            for (int row = 0; row < planeHeight; row++) {
                int start = planeOffset + row * planeWidth;
                java.util.Arrays.fill(data, start + maxCol, start + planeWidth, fill);
            }
        }
    }
}
