package dev.idle.winrmsim;

import java.time.Instant;

/**
 * One request the simulator answered. It never holds a password or the {@code Authorization} header: only the user
 * name the client claimed, the WS-Management action, the shell, what ran, and the HTTP status.
 *
 * @param user    the Basic user name sent, or null when the request carried none
 * @param action  {@code Create}, {@code Command}, {@code Receive}, {@code Signal}, {@code Delete}, or what was sent
 * @param shellId the shell addressed, or null
 * @param detail  for {@code Command}: the cmdlet and its arguments (e.g. {@code Start-ADSyncSyncCycle -PolicyType Delta});
 *                for faults: the fault; otherwise empty
 * @param status  the HTTP status answered (0 when the connection was dropped)
 */
public record RequestRecord(Instant time, String user, String action, String shellId, String detail, int status) {
    /** One log line: {@code <status> <action> user=<user> shell=<id> <detail>}. */
    public String line() {
        StringBuilder b = new StringBuilder().append(status).append(' ').append(action);
        if (user != null) {
            b.append(" user=").append(user);
        }
        if (shellId != null) {
            b.append(" shell=").append(shellId);
        }
        if (detail != null && !detail.isEmpty()) {
            b.append(' ').append(detail);
        }
        return b.toString();
    }
}
