package io.kedge.fuzz;

import io.kedge.fuzz.run.FuzzRun;
import io.kedge.fuzz.run.Options;
import io.kedge.fuzz.run.Result;
import io.kedge.fuzz.run.ResultTable;
import io.kedge.fuzz.target.Target;
import io.kedge.fuzz.target.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./kedge fuzz [target ...] [--tries N] [--seed S]}: starts each target's real processes,
 * sends it N generated inputs, prints progress and then the results table and every finding with
 * its reproducer; writes them to {@code --out}. Exit status 1 when anything was found. Standard
 * output, not a logger: what this command prints is its result.
 */
public final class FuzzMain {

    public static void main(String[] args) {
        PrintStream out = System.out;
        FuzzFlags flags;
        try {
            flags = FuzzFlags.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fuzz: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (flags.help()) {
            out.println(FuzzFlags.usage());
            return;
        }
        String machine = ResultTable.machine();
        List<Result> results = new ArrayList<>();
        for (String name : flags.targets()) {
            out.println("fuzz: starting " + name);
            out.flush();
            try (Target target = Targets.start(name)) {
                Options options = new Options(flags.tries(), flags.seed(), flags.concurrency(),
                        Duration.ofSeconds(flags.timeoutSeconds()), Duration.ofSeconds(5));
                results.add(FuzzRun.run(target, options, line -> {
                    out.println("fuzz: " + line);
                    out.flush();
                }));
            }
        }
        String report = ResultTable.markdown(results, flags.seed(), machine);
        out.println();
        out.print(report);
        try {
            Path file = Path.of(flags.out());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, report);
            out.println("fuzz: results written to " + file);
        } catch (IOException e) {
            System.err.println("fuzz: cannot write " + flags.out() + ": " + e.getMessage());
        }
        boolean found = results.stream().anyMatch(r -> !r.violations().isEmpty());
        System.exit(found ? 1 : 0);
    }

    private FuzzMain() {
    }
}
