package io.kedge.deploy.check;

import io.fabric8.kubernetes.api.model.Secret;
import io.kedge.deploy.manifest.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * No committed Secret holds a credential: every value is a placeholder in angle brackets
 * ({@code <influxdb-password>}), in {@code stringData} or base64 {@code data} alike.
 */
public final class SecretChecks {

    public static final Pattern PLACEHOLDER = Pattern.compile("<[a-z0-9][a-z0-9-]*>");

    public static List<String> problems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (!(manifest.resource() instanceof Secret secret)) {
                continue;
            }
            values(secret.getStringData(), false, manifest, "stringData", problems);
            values(secret.getData(), true, manifest, "data", problems);
        }
        return problems;
    }

    private static void values(Map<String, String> values, boolean base64, Manifest manifest, String field,
                               List<String> problems) {
        if (values == null) {
            return;
        }
        values.forEach((key, value) -> {
            String text = value;
            if (base64) {
                try {
                    text = new String(Base64.getDecoder().decode(value.strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    problems.add(manifest.describe() + ": " + field + "." + key + ": not base64");
                    return;
                }
            }
            if (!PLACEHOLDER.matcher(text.strip()).matches()) {
                // The value itself stays out of the message: it may be the real thing.
                problems.add(manifest.describe() + ": " + field + "." + key + " holds a value that is no placeholder like "
                        + "<influxdb-password>; commit examples only, create real Secrets with kubectl");
            }
        });
    }

    private SecretChecks() {
    }
}
