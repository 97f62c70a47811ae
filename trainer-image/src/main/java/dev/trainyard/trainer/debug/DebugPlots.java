package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.HeadMeta;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes debug images of training targets, as the reference's {@code --debug-images}: per selected
 * field one PNG of the input image with the field's ground truth drawn over it (confidence map,
 * regression vectors, scales) under a title strip naming the image and the field. Thread-safe.
 */
public final class DebugPlots {

    /** Height of the title strip above the image; a PNG is {@code width x (TITLE_HEIGHT + height)}. */
    public static final int TITLE_HEIGHT = TitleStrip.HEIGHT;

    /** Deflate effort traded for speed: these images are written every batch while debugging. */
    private static final float PNG_COMPRESSION_QUALITY = 0.9f;

    static {
        // The images are drawn off-screen; no display needed (an explicit setting wins).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Path outDir;
    private final List<DebugIndex> indices;

    /**
     * @param outDir directory of the PNGs ({@code --save-all}), created when needed
     * @param indices the fields to draw ({@link DebugIndex#parse})
     */
    public DebugPlots(Path outDir, List<DebugIndex> indices) {
        this.outDir = outDir;
        this.indices = List.copyOf(indices);
    }

    /**
     * Writes {@code {prefix}-{head}{field}.png} for each selected field of a head in {@code heads};
     * fields of other heads are skipped.
     *
     * @param sample the encoded sample, its targets in the order of {@code heads}
     * @param heads the heads the sample was encoded for
     * @param prefix file name prefix, e.g. {@code e000-b0003-i02}
     * @return the files written, in index order
     * @throws UncheckedIOException when a file cannot be written
     */
    public List<Path> write(EncodedSample sample, List<HeadMeta> heads, String prefix) {
        if (sample.targets().size() != heads.size()) {
            throw new IllegalArgumentException("sample has targets of " + sample.targets().size()
                    + " heads, expected " + heads.size());
        }
        List<Path> written = new ArrayList<>();
        for (DebugIndex index : indices) {
            for (int h = 0; h < heads.size(); h++) {
                if (!index.selects(heads.get(h))) {
                    continue;
                }
                Path file = outDir.resolve(prefix + "-" + heads.get(h).name() + index.field() + ".png");
                // cif:5 and cocokp.cif:5 name the same image
                if (!written.contains(file)) {
                    writePng(file, render(sample, sample.targets().get(h), index.field()));
                    written.add(file);
                }
            }
        }
        return written;
    }

    /**
     * The debug image of one field: title strip, then the dimmed input {@code [3, height, width]}
     * with the field's targets {@code [fields, channels, h, w]} drawn over it.
     */
    static BufferedImage render(EncodedSample sample, FieldTargets targets, int field) {
        HeadMeta meta = targets.meta();
        if (field < 0 || field >= meta.nFields()) {
            throw new IllegalArgumentException(meta.fullName() + " has no field " + field);
        }
        int width = sample.width();
        int height = sample.height();
        BufferedImage image = new BufferedImage(width, TITLE_HEIGHT + height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ConfidenceOverlay.paint(sample.image(), width, height, targets, field, rgb, TITLE_HEIGHT);

        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            TitleStrip.draw(g, width, title(sample, meta, field),
                    TitleStrip.legend(meta, field, ConfidenceOverlay.count(targets, field)));
            Graphics2D field2d = (Graphics2D) g.create();
            try {
                // Java2D pixel i spans [i, i + 1), while image and field coordinates put its centre at i
                field2d.clipRect(0, TITLE_HEIGHT, width, height);
                field2d.translate(0.5, TITLE_HEIGHT + 0.5);
                FieldVectors.draw(field2d, targets, field);
            } finally {
                field2d.dispose();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static String title(EncodedSample sample, HeadMeta meta, int field) {
        return meta.fullName() + " " + field + ": " + FieldNames.field(meta, field) + "   " + sample.meta().fileName();
    }

    private static void writePng(Path file, BufferedImage image) {
        try {
            AtomicFile.write(file, out -> {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
                // a memory cache: ImageIO's default for streams spills to a temporary file per image
                try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
                    writer.setOutput(stream);
                    writer.write(null, new IIOImage(image, null, null), param);
                } finally {
                    writer.dispose();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write debug image " + file, e);
        }
    }
}
