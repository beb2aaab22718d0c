package io.kedge.fuzz.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerRouteTest {

    @Test
    void theIngressIsAddressedWithOrWithoutQueryTrailingSlashAndAuthority() {
        assertThat(BrokerTarget.route("/kedge/default")).isEqualTo("/kedge/default");
        assertThat(BrokerTarget.route("/kedge/default/")).isEqualTo("/kedge/default");
        assertThat(BrokerTarget.route("/kedge/default?x=1&y")).isEqualTo("/kedge/default");
        assertThat(BrokerTarget.route("http://127.0.0.1/kedge/default")).isEqualTo("/kedge/default");
        assertThat(BrokerTarget.route("/kedge/default/x")).isEqualTo("/kedge/default/x");
        assertThat(BrokerTarget.route("/")).isEqualTo("/");
    }
}
