package dev.idle.provider.entraconnect;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import java.util.List;

/**
 * The three seams through which the Entra Connect provider reaches the sync server, named after upstream's
 * overridable members ({@code NewRemoteSession}, {@code InvokeRemoteCommand}, {@code RemoveRemoteSession}). The
 * provider opens one session per call, runs one command in it and always removes it. Contract tests replace exactly
 * these seams; production uses {@link WinRmClient}.
 *
 * <p>Implementations throw {@link dev.idle.spi.ProviderException} (or any runtime exception) on failure; the
 * provider wraps the message as upstream does.
 */
public interface PsRemoting {
    /**
     * Opens a session on {@code computerName} with the given credential ({@code type} {@code Credential}: user name
     * in {@code attributes.username}, password in {@code secret}). The provider passes the very session object the
     * step (or its own {@code auth:}) supplied.
     */
    RemoteSession newRemoteSession(String computerName, AuthSession credential);

    /**
     * Runs {@code command}, a PowerShell script block body whose {@code param(...)} block receives
     * {@code arguments} positionally, and returns the objects it wrote to the pipeline, each as a map of its
     * properties (empty list when it wrote none).
     */
    List<DataMap> invokeRemoteCommand(RemoteSession session, String command, List<String> arguments);

    /** Closes the session. */
    void removeRemoteSession(RemoteSession session);
}
