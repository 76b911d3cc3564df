package dev.idle.provider.entraconnect;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.DirectorySyncStatus;
import dev.idle.spi.DirectorySyncTrigger;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderException;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IdLE's {@code DirectorySync.EntraConnect} provider: triggers an Entra Connect (ADSync) sync cycle and reads the
 * scheduler on the sync server, over a remote PowerShell session opened per call ({@link PsRemoting}).
 *
 * <ul>
 *   <li>{@code StartSyncCycle(PolicyType, ComputerName, AuthSession)} runs
 *       {@code Import-Module ADSync; Start-ADSyncSyncCycle -PolicyType <p>} and answers
 *       {@code Started = true, Message = "Sync cycle triggered with PolicyType: <p> on <host>"}.</li>
 *   <li>{@code GetSyncCycleState(ComputerName, AuthSession)} runs {@code Import-Module ADSync; Get-ADSyncScheduler}:
 *       {@code InProgress = SyncCycleInProgress}, {@code State = InProgress|Idle}; without that property (or without
 *       a result) {@code InProgress = false, State = Unknown}. {@code Details} holds {@code AllowedSyncCycleInterval}
 *       and {@code NextSyncCyclePolicyType} when present.</li>
 * </ul>
 *
 * <p>Validation: {@code PolicyType} must be {@code Delta} or {@code Initial} (any case; forwarded as given);
 * {@code ComputerName} must not be blank; the session must be of type {@code Credential} with a user name and a
 * password. Without a session from the step the provider uses its own {@code auth:} credential, if configured.
 *
 * <p>Errors: a session that cannot be opened fails with {@code Failed to establish PSRemoting session to '<host>':
 * <msg>}; every failure after validation is rethrown as {@code Failed to start sync cycle: <msg>} /
 * {@code Failed to get sync cycle state: <msg>}, or, when the message speaks of access, permission, privilege,
 * elevation, administrator or unauthorized, as {@code Failed to <...>. Missing privileges or elevation. The
 * AuthSession must provide an elevated execution context. Original error: <msg>}. The session is always removed; a
 * failure to remove it is only logged. Failures are transient only when the transport says so (connection refused,
 * timeouts); see {@link WinRmClient}.
 *
 * <p>Thread-safe: one instance serves every thread of a batch; each call opens, uses and removes its own remote
 * session, and the WinRM client underneath holds only immutable settings and the JDK HTTP client. Not paced: a sync
 * server is no rate-limited API, and a batch triggers at most a few sync cycles.
 */
public final class EntraConnectProvider implements Provider, DirectorySyncTrigger, DirectorySyncStatus {
    /** The script block body run by {@code StartSyncCycle}; its one argument is the policy type. */
    public static final String START_COMMAND =
            "param($PolicyType) Import-Module ADSync; Start-ADSyncSyncCycle -PolicyType $PolicyType";
    /** The script block body run by {@code GetSyncCycleState}. */
    public static final String STATE_COMMAND = "Import-Module ADSync; Get-ADSyncScheduler";

    private static final Pattern PRIVILEGE = Pattern.compile(
            "access.*denied|permission|privilege|elevation|administrator|unauthorized",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Logger LOG = LoggerFactory.getLogger(EntraConnectProvider.class);

    private final PsRemoting remoting;
    private final Supplier<AuthSession> defaultCredential;

    /**
     * @param remoting          the remote session seams
     * @param defaultCredential the provider's own credential, used when a step passes no session; may be null
     */
    public EntraConnectProvider(PsRemoting remoting, Supplier<AuthSession> defaultCredential) {
        this.remoting = Objects.requireNonNull(remoting, "remoting");
        this.defaultCredential = defaultCredential;
    }

    @Override
    public SyncCycleStart startSyncCycle(String policyType, String computerName, AuthSession session) {
        String p = policyType == null ? "" : policyType.trim();
        if (!p.equalsIgnoreCase("Delta") && !p.equalsIgnoreCase("Initial")) {
            throw new ProviderException("PolicyType must be 'Delta' or 'Initial'. Got: '"
                    + (policyType == null ? "" : policyType) + "'.");
        }
        String host = requireComputerName(computerName);
        AuthSession credential = requireCredential(session);
        try {
            run(host, credential, START_COMMAND, List.of(policyType));
        } catch (RuntimeException e) {
            throw wrap("start sync cycle", e);
        }
        return new SyncCycleStart(true, "Sync cycle triggered with PolicyType: " + policyType + " on " + host);
    }

    @Override
    public SyncCycleState getSyncCycleState(String computerName, AuthSession session) {
        String host = requireComputerName(computerName);
        AuthSession credential = requireCredential(session);
        List<DataMap> output;
        try {
            output = run(host, credential, STATE_COMMAND, List.of());
        } catch (RuntimeException e) {
            throw wrap("get sync cycle state", e);
        }
        DataMap scheduler = output == null || output.isEmpty() ? null : output.get(0);
        DataMap details = new DataMap();
        if (scheduler != null) {
            for (String key : List.of("AllowedSyncCycleInterval", "NextSyncCyclePolicyType")) {
                if (scheduler.containsKey(key) && scheduler.get(key) != null) {
                    details.put(key, scheduler.get(key));
                }
            }
        }
        if (scheduler == null || !scheduler.containsKey("SyncCycleInProgress")) {
            return new SyncCycleState(false, "Unknown", details);
        }
        boolean inProgress = truthy(scheduler.get("SyncCycleInProgress"));
        return new SyncCycleState(inProgress, inProgress ? "InProgress" : "Idle", details);
    }

    /** One session: open, run, always close (a close failure is only logged). */
    private List<DataMap> run(String host, AuthSession credential, String command, List<String> args) {
        RemoteSession remote;
        try {
            remote = remoting.newRemoteSession(host, credential);
        } catch (RuntimeException e) {
            throw new ProviderException("Failed to establish PSRemoting session to '" + host + "': "
                    + e.getMessage(), ProviderException.isTransient(e), null, e);
        }
        try {
            return remoting.invokeRemoteCommand(remote, command, args);
        } finally {
            try {
                remoting.removeRemoteSession(remote);
            } catch (RuntimeException e) {
                LOG.warn("Failed to remove the PSRemoting session to '{}': {}", host, e.getMessage());
            }
        }
    }

    private static ProviderException wrap(String what, RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String text = PRIVILEGE.matcher(msg).find()
                ? "Failed to " + what + ". Missing privileges or elevation. The AuthSession must provide an elevated "
                        + "execution context. Original error: " + msg
                : "Failed to " + what + ": " + msg;
        return new ProviderException(text, ProviderException.isTransient(e), null, e);
    }

    private static String requireComputerName(String computerName) {
        if (computerName == null || computerName.isBlank()) {
            throw new ProviderException("ComputerName is required and must not be empty or whitespace.");
        }
        return computerName;
    }

    private AuthSession requireCredential(AuthSession session) {
        AuthSession s = session;
        if (s == null && defaultCredential != null) {
            s = defaultCredential.get();
        }
        if (s == null) {
            throw new ProviderException("AuthSession is required: the step names none (With.AuthSessionName) and the"
                    + " provider has no 'auth' credential of its own.");
        }
        boolean credential = "Credential".equalsIgnoreCase(s.type());
        String user = s.attributes() == null ? null : s.attributes().getString("username");
        if (!credential || user == null || user.isBlank() || s.secret() == null) {
            String received = s.type() == null ? s.getClass().getSimpleName() : s.type();
            throw new ProviderException("AuthSession must be a [PSCredential] for PSRemoting session creation. "
                    + "Received: [" + received + (credential ? " without user name or password" : "") + "]");
        }
        return s;
    }

    private static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return s.trim().equalsIgnoreCase("true");
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return v != null;
    }

    @Override
    public String toString() {
        return "EntraConnectProvider[" + remoting.getClass().getSimpleName() + "]";
    }
}
