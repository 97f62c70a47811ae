package dev.trainyard.trainer.data;

/**
 * One entry of a COCO annotation file's {@code images} list.
 *
 * @param id COCO image id
 * @param fileName file name relative to the image directory
 * @param width width in pixels as stated in the file
 * @param height height in pixels as stated in the file
 */
public record CocoImage(long id, String fileName, int width, int height) {}
