package dev.idle.provider.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassifierTest {
    @ParameterizedTest(name = "{0}: standard {1}, gateway-only {2}")
    @CsvSource({
            "429, true,  true",
            "502, true,  true",
            "503, true,  true",
            "504, true,  true",
            "500, true,  false",
            "408, true,  false",
            "507, true,  false",
            "501, false, false",
            "505, false, false",
            "400, false, false",
            "401, false, false",
            "403, false, false",
            "404, false, false",
            "409, false, false",
            "412, false, false",
            "200, false, false",
            "302, false, false"})
    void theClassificationTableHolds(int status, boolean standard, boolean gatewayOnly) {
        assertThat(FailureClassifier.STANDARD.isTransient(status)).isEqualTo(standard);
        assertThat(FailureClassifier.GATEWAY_ONLY.isTransient(status)).isEqualTo(gatewayOnly);
    }

    @Test
    void noAnswerIsTransientButATlsFailureIsNot() {
        for (FailureClassifier c : new FailureClassifier[] {FailureClassifier.STANDARD, FailureClassifier.GATEWAY_ONLY}) {
            assertThat(c.isTransient(new HttpTimeoutException("request timed out"))).isTrue();
            assertThat(c.isTransient(new HttpConnectTimeoutException("connect timed out"))).isTrue();
            assertThat(c.isTransient(new ConnectException("Connection refused"))).isTrue();
            assertThat(c.isTransient(new IOException("Connection reset"))).isTrue();
            assertThat(c.isTransient(new SSLHandshakeException("PKIX path building failed"))).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"200", "400", "401", "404", "408", "429", "500", "502", "503", "504"})
    void unreachableOnlyTakesEveryAnswerAsTheServicesVerdict(int status) {
        assertThat(FailureClassifier.UNREACHABLE_ONLY.isTransient(status)).isFalse();
    }

    @Test
    void unreachableOnlyRetriesOnlyConnectFailuresAndTimeouts() {
        FailureClassifier c = FailureClassifier.UNREACHABLE_ONLY;
        assertThat(c.isTransient(new HttpTimeoutException("request timed out"))).isTrue();
        assertThat(c.isTransient(new HttpConnectTimeoutException("connect timed out"))).isTrue();
        assertThat(c.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(c.isTransient(new IOException("Connection reset"))).isFalse();
        assertThat(c.isTransient(new SSLHandshakeException("PKIX path building failed"))).isFalse();
    }
}
