package io.kedge.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kedge.deploy.Fixtures;
import org.junit.jupiter.api.Test;

/** Verifies that a committed Secret with anything but placeholders is reported, without quoting the value. */
class SecretChecksTest {

    private static String secret(String data) {
        return "apiVersion: v1\nkind: Secret\nmetadata: {name: kedge-influxdb, namespace: kedge}\n" + data;
    }

    @Test
    void placeholdersInStringDataAndDataPass() {
        // "<influxdb-password>" in base64
        String data = "stringData: {username: <influxdb-user>}\ndata: {password: PGluZmx1eGRiLXBhc3N3b3JkPg==}\n";

        assertThat(SecretChecks.problems(Fixtures.manifests(secret(data)))).isEmpty();
    }

    @Test
    void aRealLookingValueIsReportedWithoutQuotingIt() {
        String data = "stringData: {username: kedge, password: s3cr3t-Passw0rd}\n";

        assertThat(SecretChecks.problems(Fixtures.manifests(secret(data)))).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("holds a value that is no placeholder").doesNotContain("s3cr3t"));
    }

    @Test
    void aBase64ValueIsDecodedBeforeTheCheck() {
        // "hunter2" in base64
        assertThat(SecretChecks.problems(Fixtures.manifests(secret("data: {password: aHVudGVyMg==}\n")))).singleElement()
                .asString().contains("data.password holds a value that is no placeholder");
    }
}
