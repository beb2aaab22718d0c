package io.kedge.bench;

import io.kedge.bench.load.ProcessSampler;

/**
 * A process whose memory and CPU a benchmark reports, under the name its columns carry
 * ({@code validate}, {@code store}, {@code influxd}).
 */
record Watched(String name, ProcessSampler sampler) {
}
