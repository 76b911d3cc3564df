package dev.idle.provider.entraconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The PowerShell script the WinRM client sends, and how it reads the answer. */
class WinRmScriptTest {
    @Test
    void argumentsAreSingleQuotedWithEveryQuoteKindDoubled() {
        assertThat(WinRmClient.quote("Delta")).isEqualTo("'Delta'");
        assertThat(WinRmClient.quote("a'b\u2019c")).isEqualTo("'a''b\u2019\u2019c'");
    }

    @Test
    void scriptBindsArgumentsPositionallyAndPrintsJson() {
        String script = WinRmClient.script(EntraConnectProvider.START_COMMAND, List.of("Delta"));
        assertThat(script).contains("$IdleArgs = @('Delta')")
                .contains("& { " + EntraConnectProvider.START_COMMAND + " } @IdleArgs")
                .contains("ConvertTo-Json -InputObject $IdleRows -Compress")
                .contains("$ErrorActionPreference = 'Stop'")
                .contains("exit 1");
    }

    @Test
    void outputIsTheLastJsonLineIgnoringStrayHostOutput() {
        assertThat(WinRmClient.parse("WARNING: something\r\n[{\"SyncCycleInProgress\":true,\"X\":1}]\r\n"))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("SyncCycleInProgress")).isEqualTo(true);
                    assertThat(m.get("syncCycleInProgress")).isEqualTo(true);
                    assertThat(m.get("X")).isEqualTo(1L);
                });
        assertThat(WinRmClient.parse("")).isEmpty();
        assertThat(WinRmClient.parse("[]")).isEmpty();
    }

    @Test
    void clixmlErrorStreamIsReducedToItsText() {
        String clixml = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Access is denied._x000D__x000A_</S></Objs>";
        assertThat(WinRmClient.clean(clixml)).isEqualTo("Access is denied.");
    }
}
