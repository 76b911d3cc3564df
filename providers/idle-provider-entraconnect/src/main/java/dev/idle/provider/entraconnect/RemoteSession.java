package dev.idle.provider.entraconnect;

/** An open remote PowerShell session (for WinRM: a remote shell) on one computer. Opaque to the provider. */
public interface RemoteSession {
    /** The computer the session is open on. */
    String computerName();
}
