package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void unknownFlagIsOneLineErrorWithStatus2() {
        Run r = run("--no-such-flag");
        assertEquals(Main.EXIT_BAD_INPUT, r.status());
        assertTrue(r.err().startsWith("trainyard: error: Unknown option: '--no-such-flag'"), r.err());
    }

    @Test
    void versionPrintsTheGitDerivedVersion() {
        Run r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("trainyard 0.1.0+"), r.out());
    }
}
