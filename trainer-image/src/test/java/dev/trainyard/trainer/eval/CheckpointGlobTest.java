package dev.trainyard.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointGlobTest {

    @TempDir
    Path dir;

    @Test
    void theGuidesGlobSelectsEveryFifthEpochAndNeverOutputsOrTemporaryFiles() throws Exception {
        Path outputs = Files.createDirectories(dir.resolve("outputs"));
        for (String name : List.of("shufflenetv2k16-261125-031355-cocokp.ckpt.epoch000",
                "shufflenetv2k16-261125-031355-cocokp.ckpt.epoch003",
                "shufflenetv2k16-261125-031355-cocokp.ckpt.epoch005",
                "shufflenetv2k16-261125-031355-cocokp.ckpt.epoch010",
                "shufflenetv2k16-261125-031355-cocokp.ckpt.epoch010.eval-cocokp.stats.json",
                ".shufflenetv2k16-261125-031355-cocokp.ckpt.epoch015123.tmp",
                "resnet50-261125-031355-cocokp.ckpt.epoch010")) {
            Files.writeString(outputs.resolve(name), "x");
        }
        CheckpointGlob glob = new CheckpointGlob(outputs + "/shufflenetv2k??-*-cocokp*.epoch??[05]");
        assertTrue(glob.isGlob());
        assertEquals(List.of("shufflenetv2k16-261125-031355-cocokp.ckpt.epoch000",
                        "shufflenetv2k16-261125-031355-cocokp.ckpt.epoch005",
                        "shufflenetv2k16-261125-031355-cocokp.ckpt.epoch010"),
                glob.matches().stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(CheckpointGlob.isEpochZero(glob.matches().getFirst()));
    }

    @Test
    void aPlainPathIsOneFileOrNone() throws Exception {
        Path file = Files.writeString(dir.resolve("model.ckpt"), "x");
        assertEquals(List.of(file), new CheckpointGlob(file.toString()).matches());
        assertEquals(List.of(), new CheckpointGlob(dir.resolve("absent.ckpt").toString()).matches());
        assertFalse(new CheckpointGlob(file.toString()).isGlob());
        assertEquals(List.of(), new CheckpointGlob(dir.resolve("nowhere/*.ckpt").toString()).matches());
    }

    @Test
    void statsFilesAreNamedAfterTheCheckpointAndDataset() {
        Path checkpoint = dir.resolve("k16.ckpt.epoch010");
        assertEquals(dir.resolve("k16.ckpt.epoch010.eval-cocokp.stats.json"), StatsFile.of(checkpoint, "cocokp"));
    }
}
