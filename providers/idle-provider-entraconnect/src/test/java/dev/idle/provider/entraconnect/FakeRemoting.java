package dev.idle.provider.entraconnect;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Test double of the three seams: records what it received, answers from a function, can fail on demand. */
final class FakeRemoting implements PsRemoting {
    record Session(String computerName, AuthSession credential) implements RemoteSession {
    }

    record Invocation(Session session, String command, List<String> arguments) {
    }

    final List<Session> opened = new ArrayList<>();
    final List<Invocation> invoked = new ArrayList<>();
    final List<Session> removed = new ArrayList<>();
    Function<Invocation, List<DataMap>> answer = i -> List.of();
    RuntimeException failOpen;
    RuntimeException failInvoke;
    RuntimeException failRemove;

    static FakeRemoting scheduler(DataMap scheduler) {
        FakeRemoting f = new FakeRemoting();
        f.answer = i -> i.command().contains("Get-ADSyncScheduler") ? List.of(scheduler) : List.of();
        return f;
    }

    @Override
    public RemoteSession newRemoteSession(String computerName, AuthSession credential) {
        if (failOpen != null) {
            throw failOpen;
        }
        Session s = new Session(computerName, credential);
        opened.add(s);
        return s;
    }

    @Override
    public List<DataMap> invokeRemoteCommand(RemoteSession session, String command, List<String> arguments) {
        Invocation i = new Invocation((Session) session, command, List.copyOf(arguments));
        invoked.add(i);
        if (failInvoke != null) {
            throw failInvoke;
        }
        return answer.apply(i);
    }

    @Override
    public void removeRemoteSession(RemoteSession session) {
        removed.add((Session) session);
        if (failRemove != null) {
            throw failRemove;
        }
    }
}
