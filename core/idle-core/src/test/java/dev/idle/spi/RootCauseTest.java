package dev.idle.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RootCauseTest {

    @Test
    void wrappersWhoseMessageIsTheirCauseAreSkipped() {
        // the shape MSAL and azure-identity produce for a refused token request
        Throwable chain = new RuntimeException(new ExecutionException(new IllegalStateException(
                new UncheckedIOException(new java.io.IOException(new ConnectException())))));

        assertThat(RootCause.of(chain)).isInstanceOf(ConnectException.class);
        assertThat(RootCause.describe(chain)).isEqualTo("connection refused");
    }

    @Test
    void aConnectExceptionIsTheRootEvenWithTheJdksChannelExceptionBelowIt() {
        ConnectException refused = new ConnectException();
        refused.initCause(new java.nio.channels.ClosedChannelException());

        assertThat(RootCause.describe(new RuntimeException(refused))).isEqualTo("connection refused");
    }

    @Test
    void networkCausesAreWordedForAPerson() {
        assertThat(RootCause.describe(new UnknownHostException("graph.invalid"))).isEqualTo("unknown host graph.invalid");
        assertThat(RootCause.describe(new RuntimeException(new HttpConnectTimeoutException("HTTP connect timed out"))))
                .isEqualTo("timed out (HTTP connect timed out)");
        assertThat(RootCause.describe(new ConnectException("Connection refused"))).isEqualTo("connection refused");
    }

    @Test
    void anUnknownRootCauseIsItsTypeAndFirstLine() {
        Throwable chain = new RuntimeException(new ExecutionException(new IllegalArgumentException("bad\nsecond line")));

        assertThat(RootCause.describe(chain)).isEqualTo("IllegalArgumentException: bad");
    }

    @Test
    void theChainForDiagnosticsNamesEveryLinkOutermostFirst() {
        Throwable chain = new RuntimeException("outer", new ConnectException("127.0.0.1:1"));

        assertThat(RootCause.chain(chain))
                .isEqualTo("java.lang.RuntimeException: outer <- java.net.ConnectException: 127.0.0.1:1");
    }

    @Test
    void aCauseChainThatLoopsEndsTheWalk() {
        RuntimeException a = new RuntimeException();
        RuntimeException b = new RuntimeException(a);
        a.initCause(b);

        assertThat(RootCause.describe(a)).isNotBlank();
        assertThat(RootCause.chain(a)).contains("<-");
    }
}
