package dev.trainyard.trainer.data;

/**
 * Bookkeeping that travels with an image through the transforms, as the reference's {@code meta}
 * dict: it lets evaluation map predictions back to the original image and tells encoders which
 * part of the input is real image (the rest is padding).
 *
 * <p>A point {@code p} of the original image is at {@code p * scale + offset} in the transformed
 * image (before any rotation); {@code validArea} is {@code [x, y, width, height]} of real image
 * content in transformed pixels, measured between pixel centres as the reference does: a whole
 * {@code w x h} image has the valid area {@code [0, 0, w - 1, h - 1]}. Flip, crop, rotation and
 * the encoders' background masking all rely on this convention.
 *
 * @param datasetIndex index of the image in its dataset
 * @param imageId COCO image id
 * @param fileName image file name relative to the image directory
 * @param originalWidth width of the image file
 * @param originalHeight height of the image file
 * @param offsetX x of the original origin in the transformed image
 * @param offsetY y of the original origin in the transformed image
 * @param scaleX transformed pixels per original pixel, x
 * @param scaleY transformed pixels per original pixel, y
 * @param rotationAngle applied rotation in degrees (counter-clockwise), 0 when none
 * @param rotationWidth image width at the time of the rotation
 * @param rotationHeight image height at the time of the rotation
 * @param validArea {@code [x, y, width, height]} of real image content
 * @param hflip whether the image was flipped horizontally
 */
public record ImageMeta(
        int datasetIndex,
        long imageId,
        String fileName,
        int originalWidth,
        int originalHeight,
        double offsetX,
        double offsetY,
        double scaleX,
        double scaleY,
        double rotationAngle,
        double rotationWidth,
        double rotationHeight,
        double[] validArea,
        boolean hflip) {

    public ImageMeta {
        if (validArea.length != 4) {
            throw new IllegalArgumentException("valid area must be [x, y, width, height]");
        }
        validArea = validArea.clone();
    }

    /** Meta of an untransformed image: identity mapping, the whole image valid ({@code [0, 0, w - 1, h - 1]}). */
    public static ImageMeta of(int datasetIndex, long imageId, String fileName, int width, int height) {
        return new ImageMeta(datasetIndex, imageId, fileName, width, height, 0, 0, 1, 1, 0, 0, 0,
                new double[] {0, 0, width - 1, height - 1}, false);
    }

    @Override
    public double[] validArea() {
        return validArea.clone();
    }

    public ImageMeta withOffset(double x, double y) {
        return new ImageMeta(datasetIndex, imageId, fileName, originalWidth, originalHeight, x, y,
                scaleX, scaleY, rotationAngle, rotationWidth, rotationHeight, validArea, hflip);
    }

    public ImageMeta withScale(double x, double y) {
        return new ImageMeta(datasetIndex, imageId, fileName, originalWidth, originalHeight, offsetX, offsetY,
                x, y, rotationAngle, rotationWidth, rotationHeight, validArea, hflip);
    }

    public ImageMeta withValidArea(double x, double y, double width, double height) {
        return new ImageMeta(datasetIndex, imageId, fileName, originalWidth, originalHeight, offsetX, offsetY,
                scaleX, scaleY, rotationAngle, rotationWidth, rotationHeight, new double[] {x, y, width, height}, hflip);
    }

    public ImageMeta withRotation(double angle, double width, double height) {
        return new ImageMeta(datasetIndex, imageId, fileName, originalWidth, originalHeight, offsetX, offsetY,
                scaleX, scaleY, angle, width, height, validArea, hflip);
    }

    public ImageMeta withHflip(boolean flipped) {
        return new ImageMeta(datasetIndex, imageId, fileName, originalWidth, originalHeight, offsetX, offsetY,
                scaleX, scaleY, rotationAngle, rotationWidth, rotationHeight, validArea, flipped);
    }
}
