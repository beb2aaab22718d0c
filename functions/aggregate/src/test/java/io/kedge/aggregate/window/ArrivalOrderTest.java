package io.kedge.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.contract.data.Summary;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifies on an hour of DHT11-like readings (every 2 s with jitter, whole degrees and percent)
 * that the order readings arrive in within the grace, ticks between them, and readings delivered
 * twice never change the summaries: they equal a plain group-by-minute of the distinct readings,
 * each window exactly once.
 */
class ArrivalOrderTest {

    private static final WindowSpec SPEC = new WindowSpec(Duration.ofMinutes(1), Duration.ofSeconds(10));

    private record Delivery(Instant arrival, Instant sampled, double celsius, double humidity) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2026})
    void summariesEqualAGroupByOfTheDistinctReadingsWhateverTheArrivalOrder(long seed) {
        Random random = new Random(seed);
        List<Delivery> deliveries = new ArrayList<>();
        Instant sampled = Recorded.START;
        double celsius = 21;
        double humidity = 45;
        while (sampled.isBefore(Recorded.START.plus(Duration.ofHours(1)))) {
            celsius = Math.max(15, Math.min(30, celsius + random.nextInt(3) - 1));
            humidity = Math.max(20, Math.min(90, humidity + random.nextInt(3) - 1));
            // GIVEN delays up to 8 s, below the grace, and one reading in ten delivered twice
            int copies = random.nextInt(10) == 0 ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                deliveries.add(new Delivery(sampled.plusMillis(random.nextInt(8000)), sampled, celsius, humidity));
            }
            sampled = sampled.plusMillis(2000 + random.nextInt(200) - 100);
        }
        deliveries.sort(Comparator.comparing(Delivery::arrival));

        // WHEN they arrive in that order, with a tick at every minute of the arrival clock
        Aggregator aggregator = new Aggregator(SPEC);
        DeviceWindows windows = DeviceWindows.EMPTY;
        Instant nextTick = Recorded.START.plus(Duration.ofMinutes(1));
        Instant tickWatermark = null;
        List<Summary> summaries = new ArrayList<>();
        List<Metric> late = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            while (!nextTick.isAfter(delivery.arrival())) {
                tickWatermark = nextTick;
                Step step = aggregator.tick(windows, tickWatermark);
                windows = step.after();
                collect(step, summaries);
                nextTick = nextTick.plus(Duration.ofMinutes(1));
            }
            Map<Metric, Double> values = new EnumMap<>(Map.of(Metric.TEMPERATURE, delivery.celsius(), Metric.HUMIDITY, delivery.humidity()));
            Step step = aggregator.reading(windows, delivery.sampled(), "kitchen", values, tickWatermark);
            windows = step.after();
            late.addAll(step.late());
            collect(step, summaries);
        }
        collect(aggregator.tick(windows, Recorded.START.plus(Duration.ofHours(2))), summaries);

        // THEN nothing was late, and each minute is summarised once, as a plain group-by has it
        assertThat(late).isEmpty();
        assertThat(summaries).containsExactlyInAnyOrderElementsOf(groupByMinute(deliveries));
    }

    private static void collect(Step step, List<Summary> summaries) {
        step.closed().forEach(c -> summaries.add(WindowSummaries.of("pi-1", c.metric(), SPEC, c.window())));
    }

    /** The oracle: distinct sample times, grouped by the minute they fall in. */
    private static List<Summary> groupByMinute(List<Delivery> deliveries) {
        Map<Instant, TreeMap<Instant, Delivery>> minutes = new TreeMap<>();
        for (Delivery d : deliveries) {
            minutes.computeIfAbsent(d.sampled().truncatedTo(ChronoUnit.MINUTES), m -> new TreeMap<>())
                    .put(d.sampled(), d);
        }
        List<Summary> expected = new ArrayList<>();
        minutes.forEach((minute, readings) -> {
            expected.add(summary(minute, readings, Metric.TEMPERATURE));
            expected.add(summary(minute, readings, Metric.HUMIDITY));
        });
        return expected;
    }

    private static Summary summary(Instant minute, TreeMap<Instant, Delivery> readings, Metric metric) {
        List<Double> values = readings.values().stream()
                .map(d -> metric == Metric.TEMPERATURE ? d.celsius() : d.humidity())
                .toList();
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return new Summary("pi-1", "kitchen", metric.label(), "PT1M", minute.toString(), minute.plusSeconds(60).toString(),
                values.size(), values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), sum / values.size(),
                values.get(values.size() - 1), readings.lastKey().toString());
    }
}
