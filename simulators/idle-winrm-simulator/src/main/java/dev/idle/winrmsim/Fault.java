package dev.idle.winrmsim;

/** A fault the simulator can be told to play on the next requests ({@link WinRmSimulator#failNext}). */
public enum Fault {
    /** HTTP 500 with a WS-Management {@code w:InternalError} SOAP fault. */
    INTERNAL_ERROR,
    /** HTTP 503 with an empty body (the WinRM service is overloaded or restarting). */
    SERVICE_UNAVAILABLE,
    /** The connection is closed without an answer. */
    DROP_CONNECTION
}
