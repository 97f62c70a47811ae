package dev.trainyard.trainer.encoder;

import static dev.trainyard.trainer.encoder.CifEncoderTest.positives;
import static dev.trainyard.trainer.encoder.EncoderSamples.heads;
import static dev.trainyard.trainer.encoder.EncoderSamples.person;
import static dev.trainyard.trainer.encoder.EncoderSamples.sample;
import static dev.trainyard.trainer.encoder.EncoderSamples.upright;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class FieldEncodersTest {

    @Test
    void eachHeadGetsItsEncoder() {
        List<HeadMeta> metas = new ArrayList<>(heads(16));
        metas.addAll(CocoHeads.detection(16, 1));

        List<FieldEncoder> encoders = FieldEncoders.forHeads(metas, EncoderConfig.DEFAULT);

        assertInstanceOf(CifEncoder.class, encoders.get(0));
        assertInstanceOf(CafEncoder.class, encoders.get(1));
        assertInstanceOf(CafEncoder.class, encoders.get(2));
        assertInstanceOf(CifDetEncoder.class, encoders.get(3));
        for (int i = 0; i < metas.size(); i++) {
            assertSame(metas.get(i), encoders.get(i).meta());
        }
    }

    @ParameterizedTest(name = "{0}x{0} at base stride 16, upsample {1}")
    @CsvSource({"385, 1, 25", "385, 2, 49", "129, 1, 9", "129, 2, 17"})
    void fieldsHaveOneCellPerStrideAndOneMore(int edge, int upsample, int cells) {
        List<HeadMeta> metas = new ArrayList<>(CocoHeads.keypoints(16, upsample, true));
        metas.addAll(CocoHeads.detection(16, upsample));
        Sample sample = sample(edge, edge, upright(edge / 2.0, edge - 10, edge / 2.0).build());

        for (FieldEncoder encoder : FieldEncoders.forHeads(metas, EncoderConfig.DEFAULT)) {
            HeadMeta meta = encoder.meta();
            FieldTargets targets = encoder.encode(sample);
            assertArrayEquals(new long[] {meta.nFields(), meta.targetChannels(), cells, cells}, targets.shape(),
                    meta.fullName());
        }
    }

    @Test
    void nonSquareImagesUseEachEdgeForItsDimension() {
        FieldTargets t = FieldEncoders.forHead(heads(8).getFirst(), EncoderConfig.DEFAULT).encode(sample(385, 129));

        assertArrayEquals(new long[] {17, 5, 17, 49}, t.shape());
    }

    @Test
    void configReachesTheEncoders() {
        EncoderConfig config = new EncoderConfig(0.2, 2, 1);
        List<FieldEncoder> encoders = FieldEncoders.forHeads(heads(16), config);
        // shin (2, 8) to (2, 3) in cells; nose at (5.25, 4.75)
        Sample sample = sample(161, 161, person().visible(0, 84, 76).visible(15, 32, 128).visible(13, 32, 48).build());

        FieldTargets cif = encoders.get(0).encode(sample);
        FieldTargets caf = encoders.get(1).encode(sample);

        assertEquals(4, positives(cif, 0), "2x2 patch");
        assertEquals(0.2f / 16, cif.get(0, CifEncoder.BMIN, 5, 5));
        assertEquals(0.2f / 16, caf.get(0, CafEncoder.BMIN1, 5, 2));
        // margin clip(0.5 / 5) = 0.25: samples on rows 6.75, 6.125, 5.5, 4.875, 4.25
        assertEquals(4, positives(caf, 0), "a 1x1 neighbourhood keeps only the sampled cells, rows 4..7");
    }

    @Test
    void invalidConfigNamesTheFlag() {
        assertTrue(assertThrows(BadInputException.class, () -> new EncoderConfig(0, 4, 3))
                .getMessage().startsWith("--cocokp-bmin"));
        assertTrue(assertThrows(BadInputException.class, () -> new EncoderConfig(0.1, 0, 3))
                .getMessage().startsWith("--cif-side-length"));
        assertTrue(assertThrows(BadInputException.class, () -> new EncoderConfig(0.1, 4, 0))
                .getMessage().startsWith("--caf-min-size"));
    }

    @Command(name = "test")
    static final class Host {
        @Mixin
        EncoderOptions encoder;
    }

    @Test
    void optionsParseTheReferenceFlags() {
        Host defaults = new Host();
        new CommandLine(defaults).parseArgs();
        Host custom = new Host();
        new CommandLine(custom).parseArgs("--cif-side-length", "5", "--caf-min-size", "4");

        assertEquals(EncoderConfig.DEFAULT, defaults.encoder.toConfig());
        assertEquals(new EncoderConfig(0.1, 5, 4), custom.encoder.toConfig());
        assertEquals(new EncoderConfig(0.5, 5, 4), custom.encoder.toConfig().withKeypointBmin(0.5));
    }

    @Test
    void encodersGiveTheSameTargetsWhenSharedBetweenThreads() throws Exception {
        List<FieldEncoder> encoders = FieldEncoders.forHeads(heads(8), EncoderConfig.DEFAULT);
        List<Sample> samples = List.of(
                sample(257, 257, upright(60, 200, 150).build(), upright(100, 220, 120).build()),
                sample(257, 257, upright(180, 250, 200).build()),
                sample(257, 257, EncoderSamples.crowd(10, 10, 50, 50), upright(128, 128, 90).build()));
        List<List<FieldTargets>> sequential = samples.stream()
                .map(s -> encoders.stream().map(e -> e.encode(s)).toList()).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<FieldTargets>>> futures = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (Sample s : samples) {
                    futures.add(pool.submit(() -> encoders.stream().map(e -> e.encode(s)).toList()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                List<FieldTargets> expected = sequential.get(i % samples.size());
                List<FieldTargets> actual = futures.get(i).get();
                for (int h = 0; h < expected.size(); h++) {
                    assertArrayEquals(expected.get(h).data(), actual.get(h).data());
                }
            }
        }
    }
}
