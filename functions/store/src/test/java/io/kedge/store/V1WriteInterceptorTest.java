package io.kedge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies the wire translation from the 2.x write API to InfluxDB 1.x (end-to-end in ReadingStoreTest). */
class V1WriteInterceptorTest {

    private final V1WriteInterceptor anonymous = new V1WriteInterceptor(Optional.empty(), Optional.empty());

    @ParameterizedTest(name = "precision {0} becomes {1}")
    @CsvSource({"ns,n", "us,u", "ms,ms", "s,s"})
    void writeUrlNamesDatabasePolicyAndA1xPrecision(String v2, String v1) {
        Request rewritten = anonymous.rewrite(post(
                "http://influx:8086/api/v2/write?org=-&bucket=sensor_data/edge&precision=" + v2));

        assertThat(rewritten.url().toString())
                .isEqualTo("http://influx:8086/write?db=sensor_data&rp=edge&precision=" + v1);
    }

    @Test
    void eachWriteUrlIsRewrittenForItsOwnBucketAlthoughRewritesAreReused() {
        String first = "http://influx:8086/api/v2/write?bucket=a/one&precision=ms";
        String second = "http://influx:8086/api/v2/write?bucket=b/two&precision=s";

        assertThat(anonymous.rewrite(post(first)).url().toString()).isEqualTo("http://influx:8086/write?db=a&rp=one&precision=ms");
        assertThat(anonymous.rewrite(post(first)).url().toString()).isEqualTo("http://influx:8086/write?db=a&rp=one&precision=ms");
        assertThat(anonymous.rewrite(post(second)).url().toString()).isEqualTo("http://influx:8086/write?db=b&rp=two&precision=s");
        assertThat(anonymous.rewrite(post(first)).url().toString()).isEqualTo("http://influx:8086/write?db=a&rp=one&precision=ms");
    }

    @Test
    void emptyRetentionPolicyMeansTheDefaultOne() {
        Request rewritten = anonymous.rewrite(post("http://influx:8086/api/v2/write?bucket=db%2F&precision=ms"));

        assertThat(rewritten.url().toString()).isEqualTo("http://influx:8086/write?db=db&precision=ms");
    }

    @Test
    void keepsABasePathInFrontOfInfluxDb() {
        Request rewritten = anonymous.rewrite(post("https://edge/influx/api/v2/write?bucket=a/b&precision=s"));

        assertThat(rewritten.url().toString()).isEqualTo("https://edge/influx/write?db=a&rp=b&precision=s");
    }

    @Test
    void credentialsBecomeBasicAuthOnEveryRequestEvenWhenNotAscii() {
        V1WriteInterceptor kedge = new V1WriteInterceptor(Optional.of("kedge"), Optional.of("p:ss wörd"));
        Request request = new Request.Builder().url("http://influx:8086/query?q=SHOW+DATABASES").build();

        Request rewritten = kedge.rewrite(request);

        assertThat(rewritten.url()).isEqualTo(request.url());
        assertThat(rewritten.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("kedge:p:ss wörd".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void withoutUserRequestsStayUnauthenticated() {
        Request request = new Request.Builder().url("http://influx:8086/ping").build();

        assertThat(anonymous.rewrite(request).headers()).isEqualTo(request.headers());
    }

    private static Request post(String url) {
        return new Request.Builder().url(url)
                .post(okhttp3.RequestBody.create("m v=1", okhttp3.MediaType.get("text/plain"))).build();
    }
}
