package io.kedge.bench;

import io.kedge.bench.FunctionBenchOptions.Function;
import io.kedge.bench.load.ProcessSampler;
import io.kedge.bench.load.VertxEventSender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The validate benchmark: starts the real validate function (its fast-jar, as {@code ./kedge up}
 * runs it), posts binary-mode reading events straight to it in stepped open-loop loads until it
 * saturates, and prints the figures as a markdown table (also written to a file). Run
 * {@code ./kedge bench validate --help} for the flags.
 */
public final class ValidateBench {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final FunctionBenchOptions options;
    private final BenchOutput out;

    ValidateBench(FunctionBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = new BenchOutput(out);
    }

    public static void main(String[] args) {
        BenchMain.run(Function.VALIDATE, args, options -> {
            new ValidateBench(options, System.out).run();
            return 0;
        });
    }

    /** Runs the whole benchmark, writes the results file and returns the report. */
    ValidateBenchReport run() {
        String context = context();
        Path log = BenchOutput.beside(options.out(), "log");
        BenchOutput.createDirectories(log.getParent());
        List<LoadResult> steps = new ArrayList<>();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        try {
            out.progress("starting validate: %s %s (log %s)", String.join(" ", options.jvm()), options.jar(), log);
            try (JarProcess app = JarProcess.start("validate", Function.VALIDATE.module, options.jar(), options.jvm(),
                    options.env(), log);
                 ProcessSampler sampler = new ProcessSampler(app.pid(), SAMPLE_EVERY);
                 VertxEventSender sender = new VertxEventSender(vertx, URI.create(app.url() + "/"), options.connections(),
                         options.requestTimeout())) {
                out.progress("validate pid %d ready at %s", app.pid(), app.url());
                FunctionLoad load = new FunctionLoad(sender, options.maxOutstanding(),
                        List.of(new Watched(ValidateBenchReport.PROCESS, sampler)), options.drainTimeout(), options.maxP99());
                warmUp(load, app);
                List<Integer> rates = options.rates();
                for (int i = 0; i < rates.size(); i++) {
                    LoadResult step = load.step(rates.get(i), options.warmup(), options.step(), ValidateLoad::fresh);
                    steps.add(step);
                    out.progress("%s", ValidateBenchReport.progressLine(i + 1, rates.size(), step));
                    app.checkAlive();
                    if (step.saturated()) {
                        break;
                    }
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        ValidateBenchReport report = new ValidateBenchReport(options.command(), context, steps);
        out.publish(report.markdown(), options.out());
        return report;
    }

    private void warmUp(FunctionLoad load, JarProcess app) {
        if (options.jitWarmup().isZero()) {
            return;
        }
        out.progress("warm-up: closed loop, %d in flight, %s s (not measured)", options.connections(),
                Figures.seconds(options.jitWarmup()));
        LoadResult warm = load.closedLoop(options.connections(), options.jitWarmup(), ValidateLoad.fresh());
        out.progress("warm-up done: %,d accepted (%,.0f/s), %,d non-2xx, %,d errors", warm.accepted(),
                warm.acceptedPerSecond(), warm.non2xx(), warm.errors());
        app.checkAlive();
    }

    private String context() {
        return String.format(Locale.ROOT,
                "%s; validate JVM `%s`; %d connections; steps %s s after %s s lead-in, after a %s s closed-loop JIT warm-up%s."
                        + " The load generator and the function share these cores.",
                BenchOutput.machine(), String.join(" ", options.jvm()), options.connections(), Figures.seconds(options.step()),
                Figures.seconds(options.warmup()), Figures.seconds(options.jitWarmup()),
                options.env().isEmpty() ? "" : "; validate environment " + options.env());
    }
}
