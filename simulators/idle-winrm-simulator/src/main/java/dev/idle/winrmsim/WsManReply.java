package dev.idle.winrmsim;

/**
 * An answer before it is written and logged: HTTP status, the shell it concerns, the SOAP body (empty for none), and
 * for the request log the action and a detail.
 */
record WsManReply(int status, String shellId, String body, String action, String detail) {
}
