package dev.idle.winrmsim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Windows Remote Shell resource: {@code Create} a cmd shell (within {@code MaxShellsPerUser}), {@code Command},
 * {@code Receive} (base64 {@code stdout}/{@code stderr} streams; output comes in two rounds so clients must loop
 * until {@code CommandState} is {@code Done}, with its {@code ExitCode}), {@code Signal} and {@code Delete}. A shell
 * belongs to the user who created it; another user's or an unknown shell is WinRM's {@code w:InvalidSelectors} fault.
 * Thread-safe.
 */
final class ShellHandler {
    private static final class Shell {
        final String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        final String user;
        final Map<String, Command> commands = new ConcurrentHashMap<>();

        Shell(String user) {
            this.user = user;
        }
    }

    private static final class Command {
        final String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        final Deque<byte[]> stdout = new ArrayDeque<>();
        final byte[] stderr;
        final int exitCode;

        Command(AdSyncScripts.Result result) {
            byte[] out = result.stdout();
            // Two Receive rounds when there is output, so clients must loop until CommandState is Done.
            if (out.length > 1) {
                stdout.add(Arrays.copyOfRange(out, 0, out.length / 2));
                stdout.add(Arrays.copyOfRange(out, out.length / 2, out.length));
            } else {
                stdout.add(out);
            }
            this.stderr = result.stderr();
            this.exitCode = result.exitCode();
        }
    }

    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final int maxShellsPerUser;
    private final AdSyncScripts scripts;
    private final Supplier<String> address;

    /** {@code address}: the endpoint URL a created shell reports. */
    ShellHandler(int maxShellsPerUser, AdSyncScripts scripts, Supplier<String> address) {
        this.maxShellsPerUser = maxShellsPerUser;
        this.scripts = scripts;
        this.address = address;
    }

    int open() {
        return shells.size();
    }

    int created() {
        return created.get();
    }

    int deleted() {
        return deleted.get();
    }

    WsManReply create(Document doc, String user, String messageId) {
        String resource = Soap.text(doc, Soap.WSMAN, "ResourceURI");
        if (!Soap.CMD_SHELL_URI.equals(resource)) {
            return new WsManReply(500, null, Soap.fault(messageId, "s:Sender", "w:DestinationUnreachable", 2150858770L,
                    WinRmSimulator.MACHINE, "The WS-Management service cannot process the request because the "
                            + "resource URI is not supported."), "Create", "unsupported resource " + resource);
        }
        long open = shells.values().stream().filter(s -> s.user.equalsIgnoreCase(user)).count();
        if (open >= maxShellsPerUser) {
            return new WsManReply(500, null, Soap.fault(messageId, "s:Receiver", "w:QuotaLimit", 2150859174L,
                    WinRmSimulator.MACHINE, "The WS-Management service cannot process the request. This user is "
                            + "allowed a maximum number of " + maxShellsPerUser + " concurrent shells, which has been "
                            + "exceeded. Close existing shells or raise the quota for this user."), "Create",
                    "MaxShellsPerUser exceeded");
        }
        Shell shell = new Shell(user);
        shells.put(shell.id, shell);
        created.incrementAndGet();
        String body = "<x:ResourceCreated><a:Address>" + address.get() + "</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + Soap.CMD_SHELL_URI + "</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"ShellId\">" + shell.id + "</w:Selector></w:SelectorSet></a:ReferenceParameters>"
                + "</x:ResourceCreated><rsp:Shell><rsp:ShellId>" + shell.id + "</rsp:ShellId>"
                + "<rsp:ResourceUri>" + Soap.CMD_SHELL_URI + "</rsp:ResourceUri><rsp:Owner>" + Soap.escape(user)
                + "</rsp:Owner><rsp:ClientIP>127.0.0.1</rsp:ClientIP><rsp:IdleTimeOut>PT7200.000S</rsp:IdleTimeOut>"
                + "<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>"
                + "<rsp:ShellRunTime>P0DT0H0M0S</rsp:ShellRunTime><rsp:ShellInactivity>P0DT0H0M0S</rsp:ShellInactivity>"
                + "</rsp:Shell>";
        return new WsManReply(200, shell.id, Soap.envelope(Soap.TRANSFER + "/CreateResponse", messageId, body),
                "Create", null);
    }

    WsManReply command(Document doc, String user, boolean operator, String messageId, String shellId) {
        Shell shell = shells.get(shellId == null ? "" : shellId);
        if (!owned(shell, user)) {
            return notFound(messageId, shellId, "Command");
        }
        String exe = Soap.text(doc, Soap.SHELL, "Command");
        List<String> args = new ArrayList<>();
        for (Element a : Soap.all(doc, Soap.SHELL, "Arguments")) {
            args.add(a.getTextContent());
        }
        AdSyncScripts.Result result = scripts.run((exe == null ? "" : exe) + " " + String.join(" ", args), operator);
        Command cmd = new Command(result);
        shell.commands.put(cmd.id, cmd);
        String body = "<rsp:CommandResponse><rsp:CommandId>" + cmd.id + "</rsp:CommandId></rsp:CommandResponse>";
        return new WsManReply(200, shell.id, Soap.envelope(Soap.ACTION_COMMAND + "Response", messageId, body),
                "Command", result.detail() + " -> exit " + cmd.exitCode);
    }

    WsManReply receive(Document doc, String user, String messageId, String shellId) {
        Shell shell = shells.get(shellId == null ? "" : shellId);
        if (!owned(shell, user)) {
            return notFound(messageId, shellId, "Receive");
        }
        Element desired = Soap.first(doc, Soap.SHELL, "DesiredStream");
        String commandId = desired == null ? null : desired.getAttribute("CommandId");
        Command cmd = commandId == null ? null : shell.commands.get(commandId);
        if (cmd == null) {
            return new WsManReply(500, shell.id, Soap.fault(messageId, "s:Sender", "w:InvalidParameter", 2150858882L,
                    WinRmSimulator.MACHINE, "The WS-Management service cannot process the request because the "
                            + "command id is not valid."), "Receive", "unknown command");
        }
        StringBuilder body = new StringBuilder("<rsp:ReceiveResponse>");
        byte[] chunk;
        boolean done;
        synchronized (cmd) {
            chunk = cmd.stdout.poll();
            done = cmd.stdout.isEmpty();
        }
        if (chunk != null && chunk.length > 0) {
            body.append(stream("stdout", cmd.id, chunk, false));
        }
        if (done) {
            body.append(stream("stdout", cmd.id, new byte[0], true));
            if (cmd.stderr.length > 0) {
                body.append(stream("stderr", cmd.id, cmd.stderr, false));
            }
            body.append(stream("stderr", cmd.id, new byte[0], true));
            body.append("<rsp:CommandState CommandId=\"").append(cmd.id).append("\" State=\"")
                    .append(Soap.STATE_DONE).append("\"><rsp:ExitCode>").append(cmd.exitCode)
                    .append("</rsp:ExitCode></rsp:CommandState>");
        } else {
            body.append("<rsp:CommandState CommandId=\"").append(cmd.id).append("\" State=\"")
                    .append(Soap.STATE_RUNNING).append("\"/>");
        }
        body.append("</rsp:ReceiveResponse>");
        return new WsManReply(200, shell.id, Soap.envelope(Soap.ACTION_RECEIVE + "Response", messageId,
                body.toString()), "Receive", done ? "Done exit " + cmd.exitCode : "Running");
    }

    private static String stream(String name, String commandId, byte[] data, boolean end) {
        return "<rsp:Stream Name=\"" + name + "\" CommandId=\"" + commandId + "\"" + (end ? " End=\"true\"" : "")
                + (data.length == 0 ? "/>" : ">" + Base64.getEncoder().encodeToString(data) + "</rsp:Stream>");
    }

    WsManReply signal(Document doc, String user, String messageId, String shellId) {
        Shell shell = shells.get(shellId == null ? "" : shellId);
        if (!owned(shell, user)) {
            return notFound(messageId, shellId, "Signal");
        }
        Element sig = Soap.first(doc, Soap.SHELL, "Signal");
        String commandId = sig == null ? null : sig.getAttribute("CommandId");
        if (commandId != null) {
            shell.commands.remove(commandId);
        }
        return new WsManReply(200, shell.id, Soap.envelope(Soap.ACTION_SIGNAL + "Response", messageId,
                "<rsp:SignalResponse/>"), "Signal", Soap.text(doc, Soap.SHELL, "Code"));
    }

    WsManReply delete(String user, String messageId, String shellId) {
        if (!owned(shells.get(shellId == null ? "" : shellId), user)) {
            return notFound(messageId, shellId, "Delete");
        }
        shells.remove(shellId);
        deleted.incrementAndGet();
        return new WsManReply(200, shellId, Soap.envelope(Soap.TRANSFER + "/DeleteResponse", messageId, ""), "Delete",
                null);
    }

    private static boolean owned(Shell shell, String user) {
        return shell != null && shell.user.equalsIgnoreCase(user);
    }

    private static WsManReply notFound(String messageId, String shellId, String action) {
        return new WsManReply(500, shellId, Soap.fault(messageId, "s:Sender", "w:InvalidSelectors", 2150858843L,
                WinRmSimulator.MACHINE, "The request for the Windows Remote Shell with ShellId " + shellId + " failed "
                        + "because the shell was not found on the server. Possible causes are: the specified ShellId "
                        + "is incorrect or the shell no longer exists on the server."), action, "shell not found");
    }
}
