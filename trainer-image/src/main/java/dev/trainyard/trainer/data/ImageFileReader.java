package dev.trainyard.trainer.data;

import dev.trainyard.trainer.BadInputException;
import java.awt.image.BufferedImage;
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
        return RgbImage.fromBufferedImage(image);
    }
}
