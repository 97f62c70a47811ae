package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Adds JPEG artefacts by an encode/decode round trip through ImageIO, as the reference's
 * {@code JpegCompression} does through PIL. ImageIO's quality {@code q / 100} scales the standard
 * IJG tables as PIL's {@code quality=q} does, with the same 4:2:0 chroma subsampling.
 */
public record JpegCompression(int quality) implements Transform {

    public JpegCompression {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + quality);
        }
    }

    /** The reference's quality, 50. */
    public JpegCompression() {
        this(50);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        try {
            byte[] jpeg = encode(toBgr(sample.image()));
            // ImageIO.read closes the stream; a memory cache keeps the round trip off the disk.
            BufferedImage decoded = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
            return sample.withImage(fromDecoded(decoded));
        } catch (IOException e) {
            // In-memory streams only fail on a broken codec installation, not on user input.
            throw new UncheckedIOException("JPEG round trip failed", e);
        }
    }

    /** 8-bit BGR image written straight into its raster (rounded, clamped), avoiding per-pixel colour-model calls. */
    private static BufferedImage toBgr(RgbImage image) {
        int w = image.width();
        int n = w * image.height();
        BufferedImage bgr = new BufferedImage(w, image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bytes = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        float[] d = image.data();
        for (int i = 0; i < n; i++) {
            bytes[3 * i] = toByte(d[2 * n + i]);
            bytes[3 * i + 1] = toByte(d[n + i]);
            bytes[3 * i + 2] = toByte(d[i]);
        }
        return bgr;
    }

    private static RgbImage fromDecoded(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            return RgbImage.fromBufferedImage(image);
        }
        int n = image.getWidth() * image.getHeight();
        byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        float[] d = new float[3 * n];
        for (int i = 0; i < n; i++) {
            d[2 * n + i] = bytes[3 * i] & 0xff;
            d[n + i] = bytes[3 * i + 1] & 0xff;
            d[i] = bytes[3 * i + 2] & 0xff;
        }
        return new RgbImage(image.getWidth(), image.getHeight(), d);
    }

    private static byte toByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }

    private byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
