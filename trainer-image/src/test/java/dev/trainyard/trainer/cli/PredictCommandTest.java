package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.checkpoint.CheckpointFile;
import dev.trainyard.trainer.checkpoint.CheckpointMeta;
import dev.trainyard.trainer.debug.DebugPlots;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code trainyard predict} with {@code --debug-images}: an untrained cif/caf checkpoint at stride
 * 16 run on one 80x60 image, which the network sees padded to 81x65.
 */
class PredictCommandTest {

    /** The network's input for an 80x60 image: padded to 16k + 1 per side. */
    private static final int INPUT_WIDTH = 81;
    private static final int INPUT_HEIGHT = 65;

    @TempDir
    static Path dir;

    static Path checkpoint;
    static Path image;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeAll
    static void untrainedCheckpointAndImage() throws Exception {
        checkpoint = dir.resolve("untrained.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            PoseNetwork network = NetworkFactory.createInitialized(NetworkConfig.of("shufflenetv2k16"),
                    CocoHeads.keypoints(16, 1, false), manager);
            CheckpointFile.write(checkpoint, network, new CheckpointMeta(0, NetworkConfig.of("shufflenetv2k16"),
                    network.headMetas(), List.of("cocokp"), Map.of(), List.of("trainyard", "train"), "0.1.0", "host",
                    "2026-01-01T00:00:00Z"));
        }
        BufferedImage picture = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(90, 120, 150));
        g.fillRect(0, 0, 80, 60);
        g.setColor(Color.WHITE);
        g.fillOval(30, 10, 20, 40);
        g.dispose();
        image = Files.createDirectories(dir.resolve("images")).resolve("person.png");
        ImageIO.write(picture, "png", image.toFile());
    }

    @Test
    void debugImagesWriteOnePngPerSelectedPredictedFieldAtTheNetworkInputSize() throws Exception {
        Path debug = dir.resolve("debug");
        Path json = dir.resolve("json");
        Run run = run("predict", "--checkpoint", checkpoint.toString(), "--json-output", json.toString(),
                "--debug-images", "--debug-indices", "cif:5", "caf:5", "--save-all", debug.toString(),
                image.toString());

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(Files.isRegularFile(json.resolve("person.png.predictions.json")), run.out());
        for (String name : List.of("person-cif5.png", "person-caf5.png")) {
            BufferedImage png = ImageIO.read(debug.resolve(name).toFile());
            assertEquals(INPUT_WIDTH, png.getWidth(), name);
            assertEquals(DebugPlots.TITLE_HEIGHT + INPUT_HEIGHT, png.getHeight(), name);
        }
        try (Stream<Path> files = Files.list(debug)) {
            assertEquals(2, files.count(), "other or temporary files in " + debug);
        }
        assertTrue(run.out().contains("2 debug images in " + debug), run.out());
    }

    @Test
    void debugIndicesImplyDebugImagesNextToTheImageOutput() throws Exception {
        Path drawn = dir.resolve("drawn");
        Run run = run("predict", "--checkpoint", checkpoint.toString(), "--json-output",
                dir.resolve("json2").toString(), "--image-output", drawn.toString(),
                "--debug-indices", "cocokp.caf:0,1", image.toString());

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(Files.isRegularFile(drawn.resolve("person.png.predictions.jpeg")));
        assertTrue(Files.isRegularFile(drawn.resolve("person-caf0.png")));
        assertTrue(Files.isRegularFile(drawn.resolve("person-caf1.png")));
    }

    @Test
    void aHeadTheCheckpointDoesNotHaveIsAOneLineErrorBeforeAnythingIsWritten() {
        Path out = dir.resolve("bad");
        Run run = run("predict", "--checkpoint", checkpoint.toString(), "--json-output", out.toString(),
                "--debug-images", "--debug-indices", "cif:5", "cifdet:0", "--save-all", out.toString(),
                image.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("--debug-indices \"cifdet:0\": unknown head cifdet, known heads: cif, caf"),
                run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out), "wrote " + out);
    }
}
