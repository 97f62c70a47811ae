package dev.trainyard.trainer.data;

import dev.trainyard.trainer.BadInputException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes image files (JPEG, PNG and whatever else ImageIO reads) into {@link RgbImage}, as the
 * reference's {@code PIL.Image.open(f).convert('RGB')}: grey images are replicated into three
 * channels and alpha is dropped.
 */
public final class ImageFileReader {

    private ImageFileReader() {}

    /**
     * Reads one image file; safe to call from several threads at once.
     *
     * @throws BadInputException naming the file when it is missing, unreadable or not an image
     */
    public static RgbImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("image file not found: " + file);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // Decoders throw all sorts of unchecked exceptions on corrupt data; each is the file's fault.
            throw new BadInputException("cannot decode image file " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new BadInputException("not an image file in a supported format (JPEG, PNG, BMP, GIF): " + file);
        }
        return isGrey(image) ? fromGreyRaster(image.getRaster()) : RgbImage.fromBufferedImage(image);
    }

    private static boolean isGrey(BufferedImage image) {
        return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * Copies grey samples unchanged: {@link BufferedImage#getRGB} would treat them as linear light
     * and brighten them (grey 100 becomes 168), unlike every other image library.
     */
    private static RgbImage fromGreyRaster(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bits = raster.getSampleModel().getSampleSize(0);
        float scale = bits == 8 ? 1f : 255f / ((1 << bits) - 1);
        RgbImage result = new RgbImage(w, h);
        float[] data = result.data();
        int n = w * h;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                float v = bits == 8 ? row[x] : Math.round(row[x] * scale);
                data[base + x] = v;
                data[n + base + x] = v;
                data[2 * n + base + x] = v;
            }
        }
        return result;
    }
}
