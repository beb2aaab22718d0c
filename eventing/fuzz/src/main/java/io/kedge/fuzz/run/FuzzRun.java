package io.kedge.fuzz.run;

import io.kedge.fuzz.gen.CaseGenerator;
import io.kedge.fuzz.gen.FuzzCase;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.http.RawHttpClient;
import io.kedge.fuzz.oracle.AnswerOracle;
import io.kedge.fuzz.oracle.Finding;
import io.kedge.fuzz.target.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Sends {@code tries} generated inputs to a target from {@code concurrency} threads, judges each
 * answer (the common oracle, then the target's), then the whole run ({@link Target#finish()}),
 * and shrinks the first failing case of each kind to the fewest mutations that still fail.
 */
public final class FuzzRun {

    private static final int KEEP_PER_KIND = 10;
    private static final int SHRINK_KINDS = 6;
    private static final int SHRINK_SENDS = 40;

    private final Target target;
    private final Options options;
    private final Consumer<String> progress;
    private final CaseGenerator generator;
    private final AtomicLong next = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder clientError = new LongAdder();
    private final LongAdder serverError = new LongAdder();
    private final LongAdder otherStatus = new LongAdder();
    private final LongAdder crashes = new LongAdder();
    private final Map<Finding.Kind, LongAdder> byKind = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Violation> kept = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> known = new ConcurrentHashMap<>();
    private final Map<String, Violation> knownSamples = new ConcurrentHashMap<>();
    private final Map<Violation, FuzzCase> keptCases = new ConcurrentHashMap<>();
    private final AtomicBoolean died = new AtomicBoolean();

    private FuzzRun(Target target, Options options, Consumer<String> progress) {
        this.target = target;
        this.options = options;
        this.progress = progress;
        this.generator = new CaseGenerator(options.seed(), target.seeds(), target.mutations(), target.surface(), Instant.now());
    }

    /** Runs the target through {@code options.tries()} inputs; the target stays open (the caller closes it). */
    public static Result run(Target target, Options options, Consumer<String> progress) {
        return new FuzzRun(target, options, progress).run();
    }

    private Result run() {
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-progress");
            thread.setDaemon(true);
            return thread;
        });
        long every = options.progressEvery().toMillis();
        ticker.scheduleAtFixedRate(() -> progress.accept(line(start)), every, every, TimeUnit.MILLISECONDS);
        List<Thread> senders = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < options.concurrency(); i++) {
            Thread sender = new Thread(this::send, target.name() + "-sender-" + i);
            // A bug of the fuzzer itself must stop the run, not silently lose a sender's inputs.
            sender.setUncaughtExceptionHandler((thread, e) -> {
                failures.add(e);
                died.set(true);
            });
            senders.add(sender);
            sender.start();
        }
        try {
            for (Thread sender : senders) {
                sender.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fuzzing " + target.name(), e);
        } finally {
            ticker.shutdownNow();
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("the fuzzer failed on " + target.name(), failures.peek());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.accept(line(start));
        shrink();
        progress.accept(target.name() + ": checking what was stored and delivered");
        for (Finding finding : target.finish()) {
            record(new Violation(target.name(), finding, null, null, null, null), null, null);
            if (finding.kind() == Finding.Kind.DIED) {
                crashes.increment();
            }
        }
        Map<Finding.Kind, Long> counts = new EnumMap<>(Finding.Kind.class);
        byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
        Map<String, Long> knownCounts = new java.util.TreeMap<>();
        known.forEach((id, count) -> knownCounts.put(id, count.sum()));
        return new Result(target.name(), sent.sum(), ok.sum(), clientError.sum(), serverError.sum(), otherStatus.sum(),
                crashes.sum(), seconds, target.rssBytes(), counts, new ArrayList<>(kept), knownCounts,
                new ArrayList<>(knownSamples.values()));
    }

    private void send() {
        try (RawHttpClient client = new RawHttpClient(target.port(), options.timeout())) {
            for (long index = next.getAndIncrement(); index < options.tries() && !died.get(); index = next.getAndIncrement()) {
                FuzzCase fuzzCase = generator.next(index);
                FuzzRequest request = build(fuzzCase);
                Answer answer = client.send(request);
                sent.increment();
                count(answer);
                List<Finding> findings = judge(fuzzCase, request, answer);
                boolean crash = false;
                for (Finding finding : findings) {
                    record(new Violation(target.name(), finding, fuzzCase.label(), request.describe(600), answer.describe(), null),
                            fuzzCase, request);
                    crash |= finding.kind().crash();
                }
                if (crash) {
                    crashes.increment();
                    if (!target.alive()) {
                        died.set(true);
                        record(new Violation(target.name(), Finding.of(Finding.Kind.DIED, "the process is gone or not ready after %s",
                                fuzzCase.label()), null, null, null, null), null, null);
                    }
                }
            }
        }
    }

    private static FuzzRequest build(FuzzCase fuzzCase) {
        try {
            return fuzzCase.request();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the generator failed on case " + fuzzCase.label(), e);
        }
    }

    private List<Finding> judge(FuzzCase fuzzCase, FuzzRequest request, Answer answer) {
        List<Finding> findings = new ArrayList<>(AnswerOracle.check(request, answer));
        if (answer.answered()) {
            findings.addAll(target.check(fuzzCase, request, answer));
        }
        return findings;
    }

    private void count(Answer answer) {
        if (!answer.answered()) {
            return;
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            ok.increment();
        } else if (status >= 400 && status < 500) {
            clientError.increment();
        } else if (status >= 500) {
            serverError.increment();
        } else {
            otherStatus.increment();
        }
    }

    private void record(Violation violation, FuzzCase fuzzCase, FuzzRequest request) {
        var issue = KnownIssues.match(target.name(), violation.finding(), request);
        if (issue.isPresent()) {
            known.computeIfAbsent(issue.get().id(), k -> new LongAdder()).increment();
            knownSamples.putIfAbsent(issue.get().id(), violation);
            return;
        }
        LongAdder count = byKind.computeIfAbsent(violation.finding().kind(), k -> new LongAdder());
        count.increment();
        if (count.sum() <= KEEP_PER_KIND) {
            kept.add(violation);
            if (fuzzCase != null) {
                keptCases.put(violation, fuzzCase);
            }
        }
    }

    /** For the first case of each kind: drop mutations one by one while the same kind of finding remains. */
    private void shrink() {
        if (died.get()) {
            return;
        }
        List<Finding.Kind> done = new ArrayList<>();
        List<Violation> shrunk = new ArrayList<>();
        try (RawHttpClient client = new RawHttpClient(target.port(), options.timeout())) {
            for (Violation violation : kept) {
                FuzzCase fuzzCase = keptCases.get(violation);
                Finding.Kind kind = violation.finding().kind();
                if (fuzzCase == null || done.contains(kind) || done.size() >= SHRINK_KINDS || fuzzCase.steps().isEmpty()) {
                    shrunk.add(violation);
                    continue;
                }
                done.add(kind);
                FuzzCase smallest = shrink(client, fuzzCase, kind);
                shrunk.add(violation.withShrunk(smallest.label() + "\n    " + smallest.request().describe(300).replace("\n", "\n    ")));
            }
        }
        kept.clear();
        kept.addAll(shrunk);
    }

    private FuzzCase shrink(RawHttpClient client, FuzzCase fuzzCase, Finding.Kind kind) {
        FuzzCase current = fuzzCase;
        int sends = 0;
        boolean progressMade = true;
        while (progressMade && sends < SHRINK_SENDS) {
            progressMade = false;
            for (int i = 0; i < current.steps().size() && sends < SHRINK_SENDS; i++) {
                List<FuzzCase.Step> fewer = new ArrayList<>(current.steps());
                fewer.remove(i);
                FuzzCase candidate = current.withSteps(fewer);
                FuzzRequest request = candidate.request();
                sends++;
                if (judge(candidate, request, client.send(request)).stream().anyMatch(f -> f.kind() == kind
                        && KnownIssues.match(target.name(), f, request).isEmpty())) {
                    current = candidate;
                    progressMade = true;
                    break;
                }
            }
        }
        return current;
    }

    private String line(long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = sent.sum();
        long findings = byKind.values().stream().mapToLong(LongAdder::sum).sum();
        long knownFindings = known.values().stream().mapToLong(LongAdder::sum).sum();
        return String.format(Locale.ROOT, "%s: %,d/%,d inputs, 2xx %,d, 4xx %,d, 5xx %,d, crashes %d, findings %d (+%d known),"
                        + " %.0f inputs/s", target.name(), n, options.tries(), ok.sum(), clientError.sum(), serverError.sum(),
                crashes.sum(), findings, knownFindings, seconds > 0 ? n / seconds : 0);
    }
}
