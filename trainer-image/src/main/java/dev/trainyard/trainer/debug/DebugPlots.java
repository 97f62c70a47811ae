package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.AtomicFile;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.decoder.Fields;
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
import java.util.function.IntFunction;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes debug images of fields, as the reference's {@code --debug-images}: per selected field one
 * PNG of the network's input image with the field drawn over it (confidence map, regression
 * vectors, scales) under a title strip naming the image and the field. Draws the training targets
 * ({@code train}) or the network's predictions ({@code predict}). Thread-safe.
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
     * Writes {@code {prefix}-{head}{field}.png} of the training targets for each selected field of
     * a head in {@code heads}; fields of other heads are skipped.
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
        return write(sample, heads, prefix, h -> FieldView.of(sample.targets().get(h)));
    }

    /**
     * Writes {@code {prefix}-{head}{field}.png} of the network's predicted fields for each selected
     * field of a head in {@code heads}: the confidence map as a continuous overlay, vectors and
     * sizes where the confidence is above 0.5.
     *
     * @param input the preprocessed network input (its targets unused); the fields are drawn in its pixels
     * @param fields the network's output for this input, with at least the heads of {@link DebugIndex#headIndices}
     * @param heads the network's heads, in output order
     * @param prefix file name prefix, e.g. the image's name without extension
     * @return the files written, in index order
     * @throws UncheckedIOException when a file cannot be written
     */
    public List<Path> writePredicted(EncodedSample input, Fields fields, List<HeadMeta> heads, String prefix) {
        if (fields.size() != heads.size()) {
            throw new IllegalArgumentException("fields of " + fields.size() + " heads, expected " + heads.size());
        }
        return write(input, heads, prefix, h -> FieldView.of(fields.head(h)));
    }

    private List<Path> write(EncodedSample sample, List<HeadMeta> heads, String prefix, IntFunction<FieldView> head) {
        List<Path> written = new ArrayList<>();
        for (DebugIndex index : indices) {
            for (int h = 0; h < heads.size(); h++) {
                if (!index.selects(heads.get(h))) {
                    continue;
                }
                Path file = outDir.resolve(prefix + "-" + heads.get(h).name() + index.field() + ".png");
                // cif:5 and cocokp.cif:5 name the same image
                if (!written.contains(file)) {
                    writePng(file, render(sample, head.apply(h), index.field()));
                    written.add(file);
                }
            }
        }
        return written;
    }

    /**
     * The debug image of one field: title strip, then the dimmed input {@code [3, height, width]}
     * with the field's targets or predictions {@code [fields, channels, h, w]} drawn over it.
     */
    static BufferedImage render(EncodedSample sample, FieldView fields, int field) {
        HeadMeta meta = fields.meta();
        if (field < 0 || field >= meta.nFields()) {
            throw new IllegalArgumentException(meta.fullName() + " has no field " + field);
        }
        int width = sample.width();
        int height = sample.height();
        BufferedImage image = new BufferedImage(width, TITLE_HEIGHT + height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ConfidenceOverlay.paint(sample.image(), width, height, fields, field, rgb, TITLE_HEIGHT);

        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            TitleStrip.draw(g, width, title(sample, fields, field),
                    TitleStrip.legend(meta, field, ConfidenceOverlay.count(fields, field), fields.predicted()));
            Graphics2D field2d = (Graphics2D) g.create();
            try {
                // Java2D pixel i spans [i, i + 1), while image and field coordinates put its centre at i
                field2d.clipRect(0, TITLE_HEIGHT, width, height);
                field2d.translate(0.5, TITLE_HEIGHT + 0.5);
                FieldVectors.draw(field2d, fields, field);
            } finally {
                field2d.dispose();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static String title(EncodedSample sample, FieldView fields, int field) {
        HeadMeta meta = fields.meta();
        return meta.fullName() + " " + field + ": " + FieldNames.field(meta, field)
                + (fields.predicted() ? " (predicted)" : "") + "   " + sample.meta().fileName();
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
