package io.kedge.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Lets influxdb-client-java (a 2.x API client) write to InfluxDB 1.x before 1.8, which has no
 * {@code /api/v2/write} and does not understand token auth: rewrites
 * {@code /api/v2/write?bucket=db/rp&precision=ns} to {@code /write?db=db&rp=rp&precision=n} and
 * authenticates every request with Basic auth.
 *
 * <p>The credentials are the interceptor's own rather than the client's {@code Token user:password}
 * header rewritten: OkHttp refuses non-ASCII header values, so a password such as {@code pässwort}
 * would fail in the client before reaching the wire, while Basic credentials are base64 of UTF-8.
 *
 * <p>Must be installed as a <em>network</em> interceptor: application interceptors run before the
 * client adds its own Authorization and gzip headers.
 */
public final class V1WriteInterceptor implements Interceptor {

    private static final String V2_WRITE = "api/v2/write";
    // 1.x understands n, u, ms, s (and m, h); it silently stores "ns", "us" or anything else as ns.
    private static final Map<String, String> PRECISIONS = Map.of("ns", "n", "us", "u", "ms", "ms", "s", "s");

    private final String authorization;
    // Every write of a store goes to the same URL, so one rewrite serves them all.
    private volatile Rewrite last;

    /** Without {@code username}, requests go unauthenticated (InfluxDB's default: auth disabled). */
    public V1WriteInterceptor(Optional<String> username, Optional<String> password) {
        this.authorization = username
                .map(user -> Credentials.basic(user, password.orElse(""), StandardCharsets.UTF_8))
                .orElse(null);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(rewrite(chain.request()));
    }

    Request rewrite(Request request) {
        Request.Builder rewritten = request.newBuilder();
        HttpUrl url = request.url();
        if (url.encodedPath().endsWith("/" + V2_WRITE)) {
            Rewrite rewrite = last;
            if (rewrite == null || !rewrite.v2().equals(url)) {
                rewrite = new Rewrite(url, v1Write(url));
                last = rewrite;
            }
            rewritten.url(rewrite.v1());
        }
        if (authorization != null) {
            rewritten.header("Authorization", authorization);
        }
        return rewritten.build();
    }

    private record Rewrite(HttpUrl v2, HttpUrl v1) {
    }

    private static HttpUrl v1Write(HttpUrl url) {
        String path = url.encodedPath();
        String base = path.substring(0, path.length() - V2_WRITE.length());
        String bucket = url.queryParameter("bucket");
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalStateException("v2 write without bucket: " + url.redact());
        }
        int slash = bucket.indexOf('/');
        String database = slash < 0 ? bucket : bucket.substring(0, slash);
        String retentionPolicy = slash < 0 ? "" : bucket.substring(slash + 1);
        HttpUrl.Builder v1 = url.newBuilder()
                .encodedPath(base + "write")
                .query(null)
                .addQueryParameter("db", database);
        if (!retentionPolicy.isEmpty()) {
            v1.addQueryParameter("rp", retentionPolicy);
        }
        String precision = url.queryParameter("precision");
        if (precision != null) {
            String v1Precision = PRECISIONS.get(precision);
            if (v1Precision == null) {
                throw new IllegalStateException("no InfluxDB 1.x precision for \"" + precision + "\"");
            }
            v1.addQueryParameter("precision", v1Precision);
        }
        return v1.build();
    }
}
