package io.kedge.alert;

import io.kedge.alert.engine.AlertEngine;
import io.kedge.alert.grafana.GrafanaSettings;
import io.kedge.alert.grafana.GrafanaWebhook;
import io.kedge.alert.notify.WebhookNotifier;
import io.kedge.alert.out.AlertSink;
import io.kedge.alert.out.HttpAlertSink;
import io.kedge.alert.rules.RuleSet;
import io.kedge.alert.rules.RulesFile;
import io.kedge.alert.rules.RulesSource;
import io.kedge.alert.state.InfluxStateStore;
import io.kedge.alert.state.Snapshot;
import io.kedge.alert.state.StateStore;
import io.kedge.functions.support.StateUnavailableException;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the plain parts from {@link AlertConfig}, and reads the rules and the stored state on start. */
@ApplicationScoped
public class AlertProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Invalid rules stop the start, with every problem in the message. */
    @Produces
    @Singleton
    RuleSet rules(AlertConfig config) {
        RuleSet rules = RulesSource.load(config.rules(), System.getenv());
        Log.infof("alert rules from %s: %s%s", RulesSource.describe(config.rules()), rules.names(),
                RulesFile.ruleVariables(System.getenv()).isEmpty() ? ""
                        : ", overridden by " + RulesFile.ruleVariables(System.getenv()));
        return rules;
    }

    @Produces
    @Singleton
    StateStore stateStore(AlertConfig config) {
        AlertConfig.Influx influx = config.influx();
        return new InfluxStateStore(new InfluxStateStore.Settings(
                influx.url(), influx.database(), influx.username(), influx.password(), influx.timeout()));
    }

    @Produces
    @Singleton
    AlertEngine engine(RuleSet rules, StateStore store, Clock clock) {
        return new AlertEngine(rules, store, clock);
    }

    @Produces
    @Singleton
    AlertSink sink(AlertConfig config) {
        return config.sink().<AlertSink>map(uri -> new HttpAlertSink(uri, config.sinkTimeout())).orElseGet(AlertSink::none);
    }

    @Produces
    @Singleton
    GrafanaWebhook grafanaWebhook(AlertConfig config, AlertSink sink, Clock clock) {
        AlertConfig.Grafana grafana = config.grafana();
        GrafanaSettings settings = new GrafanaSettings(
                grafana.username(),
                grafana.password(),
                grafana.token(),
                grafana.scheme(),
                grafana.hmac().secret(),
                grafana.hmac().header(),
                grafana.hmac().timestampHeader(),
                grafana.hmac().maxSkew(),
                grafana.deviceLabels(),
                grafana.severity());
        return new GrafanaWebhook(settings, sink, clock);
    }

    @Produces
    @Singleton
    WebhookNotifier notifier(AlertConfig config) {
        AlertConfig.Notify notify = config.notification();
        return new WebhookNotifier(new WebhookNotifier.Settings(notify.url(), notify.token(), notify.timeout()));
    }

    /**
     * Reads the state now, so the first event does not wait for it. InfluxDB may be down: the
     * function starts anyway, stays unready, and reads the state with the first event or probe.
     */
    void onStart(@Observes StartupEvent start, AlertEngine engine, StateStore store, AlertSink sink, GrafanaWebhook grafana,
            WebhookNotifier notifier) {
        Log.infof("alert state in %s; extra alert events to %s; Grafana webhook: %s; notifications: %s", store,
                sink.configured() ? sink : "nowhere (K_SINK unset: one alert per event, as the reply)",
                grafana.settings().enabled() ? "POST /grafana, " + grafana.settings() : "off (no credentials, no secret)",
                notifier);
        try {
            Snapshot snapshot = engine.load();
            if (snapshot != null) {
                Log.infof("alert state read: %d device(s), %d series", snapshot.devices().size(), snapshot.series().size());
            }
        } catch (StateUnavailableException e) {
            Log.warnf("alert state not read yet, will retry with the first event: %s", e.getMessage());
        }
    }
}
