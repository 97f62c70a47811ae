package dev.trainyard.trainer.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands that start JVMs on this test's classpath as the ranks of an Open MPI job. */
public final class MpiJobs {

    private MpiJobs() {
    }

    /** Fails (not skips) when {@code mpirun} is missing, saying what to install or how to leave the tests out. */
    public static void requireMpirun() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "mpirun"))) {
                return;
            }
        }
        fail("mpirun is not on the PATH: install openmpi-bin (apt install openmpi-bin),"
                + " or leave the MPI tests out with -DexcludedGroups=mpi");
    }

    /**
     * {@code mpirun -np processes ... java jvmOptions -cp <test classpath> mainAndArgs}, oversubscribed
     * (a 2-core machine) and allowed to run as root (CI does).
     */
    public static List<String> command(int processes, List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of("mpirun", "-np", Integer.toString(processes),
                "--oversubscribe", "--allow-run-as-root",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", testClassPath()));
        command.addAll(mainAndArgs);
        return command;
    }

    /** The classpath of this test run; surefire and failsafe may hide it in a manifest-only jar. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        return classPath != null && !classPath.isBlank() ? classPath : System.getProperty("java.class.path");
    }
}
