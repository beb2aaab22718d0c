package io.kedge.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** The {@code main} of every benchmark: flags, {@code --help}, the run, the exit status. */
final class BenchMain {

    /** How a benchmark's flags are read: the arguments, the repository root, the environment. */
    @FunctionalInterface
    interface Parser<O> {
        O parse(List<String> args, Path repositoryRoot, Map<String, String> environment);
    }

    /**
     * Parses {@code args} for {@code function}, prints the usage or runs {@code bench}, and exits:
     * 2 for bad flags, 1 when the run failed, else what {@code bench} returned.
     */
    static void run(FunctionBenchOptions.Function function, String[] args, ToIntFunction<FunctionBenchOptions> bench) {
        run(args, (list, root, environment) -> FunctionBenchOptions.parse(function, list, root, environment),
                FunctionBenchOptions::help, () -> FunctionBenchOptions.usage(function), bench);
    }

    /**
     * Parses {@code args} with {@code parser}, prints {@code usage} when the flags ask for help or
     * runs {@code bench}, and exits: 2 for bad flags, 1 when the run failed, else what {@code bench}
     * returned (0, or 3 when its figures show a broken promise such as a reading lost).
     */
    static <O> void run(String[] args, Parser<O> parser, Predicate<O> help, Supplier<String> usage, ToIntFunction<O> bench) {
        O options;
        try {
            options = parser.parse(List.of(args), BenchFlags.repositoryRoot(Path.of("")), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (help.test(options)) {
            System.out.print(usage.get());
            return;
        }
        int status;
        try {
            status = bench.applyAsInt(options);
        } catch (RuntimeException e) {
            System.err.println("bench: " + e.getMessage());
            status = 1;
        }
        System.exit(status); // everything started is stopped by then; nothing else may keep the JVM
    }

    private BenchMain() {
    }
}
