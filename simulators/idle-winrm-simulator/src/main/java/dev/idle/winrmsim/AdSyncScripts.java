package dev.idle.winrmsim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Runs" a shell command line the way the Entra Connect server would answer it (the directory-sync side of the
 * simulator): it is not a PowerShell interpreter. A command must be {@code powershell.exe ... -EncodedCommand <base64>};
 * the decoded script is searched for {@code Start-ADSyncSyncCycle} or {@code Get-ADSyncScheduler}, with arguments
 * taken from a {@code $IdleArgs = @('...')} line (as the Entra Connect provider sends them) or from a literal
 * {@code -PolicyType X}. The answer is what the provider's script prints: the pipeline objects as a compact JSON array
 * on stdout (exit 0), or the error message on stderr (exit 1). Anything else fails like an unknown command.
 */
final class AdSyncScripts {
    private static final Pattern ENCODED = Pattern.compile("(?i)-(?:EncodedCommand|enc|e)\\s+([A-Za-z0-9+/=]+)");
    private static final Pattern IDLE_ARGS = Pattern.compile("\\$IdleArgs\\s*=\\s*@\\((.*?)\\)", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern LITERAL_POLICY = Pattern.compile("(?i)-PolicyType\\s+'?([A-Za-z0-9]+)'?");

    /** What a command printed and returned; {@code detail} names it for the request log. */
    record Result(String detail, byte[] stdout, byte[] stderr, int exitCode) {
        static Result failed(String detail, String message) {
            return new Result(detail, new byte[0], (message + "\r\n").getBytes(StandardCharsets.UTF_8), 1);
        }
    }

    private final EntraConnectServer server;

    AdSyncScripts(EntraConnectServer server) {
        this.server = server;
    }

    /** Runs {@code commandLine} for an account that is ({@code operator}) or is not an ADSync operator. */
    Result run(String commandLine, boolean operator) {
        String exe = commandLine.trim().split("\\s+", 2)[0];
        if (!exe.toLowerCase(Locale.ROOT).matches("(.*\\\\)?powershell(\\.exe)?|pwsh(\\.exe)?")) {
            return Result.failed(exe, "'" + exe + "' is not recognized as an internal or external command,\r\n"
                    + "operable program or batch file.");
        }
        Matcher m = ENCODED.matcher(commandLine);
        if (!m.find()) {
            return Result.failed("powershell (no -EncodedCommand)",
                    "The simulator runs only scripts passed with -EncodedCommand.");
        }
        String script;
        try {
            script = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            return Result.failed("powershell (bad -EncodedCommand)", "Cannot process the command because the value "
                    + "specified with -EncodedCommand is not properly encoded. The value must be Base64 encoded.");
        }
        List<String> args = new ArrayList<>();
        Matcher am = IDLE_ARGS.matcher(script);
        if (am.find()) {
            Matcher q = QUOTED.matcher(am.group(1));
            while (q.find()) {
                args.add(q.group(1).replace("''", "'"));
            }
        }
        String detail;
        EntraConnectServer.Outcome outcome;
        if (script.contains("Start-ADSyncSyncCycle")) {
            String policy = args.isEmpty() ? literalPolicy(script) : args.get(0);
            detail = "Start-ADSyncSyncCycle -PolicyType " + policy;
            outcome = server.startSyncCycle(policy, operator);
        } else if (script.contains("Get-ADSyncScheduler")) {
            detail = "Get-ADSyncScheduler";
            outcome = server.scheduler(operator);
        } else {
            return Result.failed("powershell (unrecognised script)",
                    "The simulator recognises only Start-ADSyncSyncCycle and Get-ADSyncScheduler.");
        }
        if (outcome.error() != null) {
            return Result.failed(detail, outcome.error());
        }
        return new Result(detail, (Json.array(outcome.objects()) + "\r\n").getBytes(StandardCharsets.UTF_8),
                new byte[0], 0);
    }

    private static String literalPolicy(String script) {
        Matcher m = LITERAL_POLICY.matcher(script);
        return m.find() ? m.group(1) : "";
    }
}
