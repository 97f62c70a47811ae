package dev.trainyard.trainer.cli;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.BuildInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trainyard} command line: one subcommand per top-level task, flags as the reference's. */
@Command(
        name = "trainyard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train and evaluate composite-field (CIF/CAF) pose-estimation models.",
        subcommands = {
            SynthCommand.class,
            NetworkCommand.class,
            BenchmarkCommand.class,
            DemoCommand.class,
            TrainCommand.class,
            LogsCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    /** Exit status for a problem in the user's input (flags, files). */
    public static final int EXIT_BAD_INPUT = 2;

    /** Exit status when training diverged (the loss became NaN or infinite). */
    public static final int EXIT_DIVERGED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status (the entry point for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with one-line errors for bad input. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine train = cl.getSubcommands().get("train");
        TrainCommand.addDatasetOptions(train, ((TrainCommand) train.getCommand()).datasetOptions);
        CommandLine eval = cl.getSubcommands().get("eval");
        TrainCommand.addDatasetOptions(eval, ((EvalCommand) eval.getCommand()).datasetOptions);
        // As argparse: a repeated flag takes its last value (training scripts often repeat one).
        cl.setOverwrittenOptionsAllowed(true);
        cl.setParameterExceptionHandler(Main::onParameterError);
        cl.setExecutionExceptionHandler(Main::onExecutionError);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line as given, {@code trainyard} first, for logs, checkpoints and stats files. */
    static java.util.List<String> argv(CommandLine.Model.CommandSpec spec) {
        java.util.List<String> argv = new java.util.ArrayList<>();
        argv.add("trainyard");
        // The parse result of a subcommand holds the whole command line, the subcommand included.
        argv.addAll(spec.commandLine().getParseResult().originalArgs());
        return argv;
    }

    private static int onParameterError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("trainyard: error: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the flags.");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof dev.trainyard.trainer.train.TrainingDivergedException diverged) {
                cl.getErr().println("trainyard: training diverged: " + diverged.getMessage());
                cl.getErr().flush();
                return EXIT_DIVERGED;
            }
            if (c instanceof dev.trainyard.trainer.dist.ReplicasDivergedException replicas) {
                cl.getErr().println("trainyard: error: " + replicas.getMessage());
                cl.getErr().flush();
                return 1;
            }
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof BadInputException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            cl.getErr().println("trainyard: error: " + cause.getMessage());
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        throw e;
    }

    /** Prints the git-derived build version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trainyard " + BuildInfo.current().version()};
        }
    }
}
