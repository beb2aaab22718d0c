package io.kedge.fuzz.gen;

import io.kedge.fuzz.http.Header;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a Grafana webhook request the way Grafana's contact point does: {@code Authorization:
 * Bearer <token>}, a Unix-seconds timestamp header and the HMAC-SHA256 of {@code <timestamp>:<body>}
 * in hex; over the final body, after every other mutation. Its own mutations break one part of
 * that at a time.
 */
public final class GrafanaSigner implements Draft.Finisher {

    public static final String SIGNATURE_HEADER = "X-Grafana-Alerting-Signature";
    public static final String TIMESTAMP_HEADER = "X-Grafana-Alerting-Timestamp";

    private final String token;
    private final String secret;
    String authorization;
    boolean signed = true;
    String signature;
    String timestamp;
    long skewSeconds;
    boolean timestampSent = true;
    byte[] signedBody;

    GrafanaSigner(String token, String secret) {
        this.token = token;
        this.secret = secret;
        this.authorization = "Bearer " + token;
    }

    /** A seed of Grafana's webhook at {@code path}, signed with {@code token} and {@code secret}. */
    public static Seed seed(String path, String token, String secret) {
        return new Seed("grafana", (index, now, random) -> {
            Draft draft = Seeds.grafana(path, index, now, random);
            draft.finisher = new GrafanaSigner(token, secret);
            return draft;
        });
    }

    @Override
    public List<Header> headers(byte[] body) {
        List<Header> headers = new ArrayList<>();
        if (authorization != null) {
            headers.add(Header.of("Authorization", authorization));
        }
        // The current time, not the case's: a long run must not age its own signatures out of the replay window.
        String ts = timestamp != null ? timestamp : String.valueOf(Instant.now().getEpochSecond() + skewSeconds);
        if (timestampSent) {
            headers.add(Header.of(TIMESTAMP_HEADER, ts));
        }
        if (signed) {
            headers.add(Header.of(SIGNATURE_HEADER, signature != null ? signature : sign(secret, ts, signedBody != null ? signedBody : body)));
        }
        return headers;
    }

    /** Lower-case hex HMAC-SHA256 of {@code <timestamp>:<body>} keyed with {@code secret}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JRE", e);
        }
    }

    /** Mutations of the authentication, drawn besides the common ones. */
    public static List<Mutation> mutations() {
        return List.of(
                change("auth-missing", 3, s -> s.authorization = null),
                change("auth-wrong-token", 3, s -> s.authorization = "Bearer " + s.token + "x"),
                change("auth-scheme", 2, s -> s.authorization = s.authorization == null ? null
                        : s.authorization.replace("Bearer", pickScheme(s))),
                change("auth-hostile", 2, s -> s.authorization = "Bearer " + s.token + "\u0000"),
                change("auth-empty-token", 1, s -> s.authorization = "Bearer "),
                change("signature-missing", 3, s -> s.signed = false),
                change("signature-wrong", 3, s -> s.signature = "00".repeat(32)),
                change("signature-not-hex", 1, s -> s.signature = "zz" + "0".repeat(62)),
                change("signature-of-other-body", 2, s -> s.signedBody = "{}".getBytes(StandardCharsets.UTF_8)),
                change("timestamp-old", 2, s -> s.skewSeconds = -601),
                change("timestamp-future", 2, s -> s.skewSeconds = 601),
                change("timestamp-edge", 1, s -> s.skewSeconds = 290),
                change("timestamp-garbage", 2, s -> s.timestamp = "1e10"),
                change("timestamp-missing", 2, s -> s.timestampSent = false));
    }

    private static String pickScheme(GrafanaSigner s) {
        return s.token.length() % 2 == 0 ? "bearer" : "Basic";
    }

    private static Mutation change(String name, int weight, java.util.function.Consumer<GrafanaSigner> change) {
        return new Mutation(name, weight, (draft, random, surface, now) -> {
            if (draft.finisher instanceof GrafanaSigner signer) {
                change.accept(signer);
            }
        });
    }
}
