package io.kedge.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/** The {@code main} of the function benchmarks: flags, {@code --help}, the run, the exit status. */
final class BenchMain {

    /**
     * Parses {@code args} for {@code function}, prints the usage or runs {@code bench}, and exits:
     * 2 for bad flags, 1 when the run failed, else what {@code bench} returned.
     */
    static void run(FunctionBenchOptions.Function function, String[] args, ToIntFunction<FunctionBenchOptions> bench) {
        FunctionBenchOptions options;
        try {
            options = FunctionBenchOptions.parse(function, List.of(args), BenchFlags.repositoryRoot(Path.of("")), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(FunctionBenchOptions.usage(function));
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
