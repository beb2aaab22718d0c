package io.kedge.fuzz.target;

import io.kedge.fuzz.gen.FuzzCase;
import io.kedge.fuzz.gen.Mutation;
import io.kedge.fuzz.gen.Mutations;
import io.kedge.fuzz.gen.Seed;
import io.kedge.fuzz.gen.Surface;
import io.kedge.fuzz.http.Answer;
import io.kedge.fuzz.http.FuzzRequest;
import io.kedge.fuzz.oracle.Finding;
import java.util.List;

/**
 * One thing under fuzz: the real process(es) it started, the valid inputs to mutate, and the
 * oracles beyond {@link io.kedge.fuzz.oracle.AnswerOracle}: per input ({@link #check}, called from
 * several sender threads at once) and over the whole run ({@link #finish}).
 */
public interface Target extends AutoCloseable {

    String name();

    /** The port the fuzzed HTTP entry listens on (127.0.0.1). */
    int port();

    List<Seed> seeds();

    Surface surface();

    /** What this input's answer must also satisfy; empty when it does. Thread-safe. */
    List<Finding> check(FuzzCase fuzzCase, FuzzRequest request, Answer answer);

    /** After the last input: the state-based oracles (what was stored, delivered) and the processes' health. */
    List<Finding> finish();

    /** The mutations to draw from; targets with their own (authentication, signatures) add to the common ones. */
    default List<Mutation> mutations() {
        return Mutations.weighted();
    }

    /** Whether the fuzzed process still runs and is ready: asked after an input got no answer. */
    boolean alive();

    /** Resident memory of the fuzzed process now, in bytes; -1 when unknown. */
    long rssBytes();

    @Override
    void close();
}
