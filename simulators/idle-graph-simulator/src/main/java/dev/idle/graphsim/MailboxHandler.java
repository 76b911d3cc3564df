package dev.idle.graphsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways in to a mailbox: Graph's {@code /users/{id}/mailboxSettings} (GET, PATCH) and the Exchange admin
 * API's {@code POST /adminapi/beta/{tenant}/InvokeCommand} (the REST endpoint ExchangeOnlineManagement V3 calls).
 * The state lives in {@link Mailboxes}; the cmdlets in {@link ExchangeCmdlets}.
 */
final class MailboxHandler {
    private static final Pattern ADMIN_PATH = Pattern.compile("/adminapi/beta/([^/]+)/InvokeCommand/?",
            Pattern.CASE_INSENSITIVE);

    private final GraphTenant tenant;
    private final ExchangeCmdlets cmdlets;

    MailboxHandler(GraphTenant tenant) {
        this.tenant = tenant;
        this.cmdlets = new ExchangeCmdlets(tenant.dir, tenant.mailboxes);
    }

    /** {@code /users/{key}/mailboxSettings}; called under the lock. */
    GraphAnswer settings(String method, String key, Map<String, String> q, JsonNode body, RequestContext ctx) {
        return switch (method) {
            case "GET" -> {
                GraphRequests.require(ctx, Permission.MAILBOX_SETTINGS_READ);
                ODataPages.checkOptions(q, false);
                yield new GraphAnswer(200, tenant.mailboxes.settings(key, tenant.graphBaseUrl().toString()));
            }
            case "PATCH" -> {
                GraphRequests.require(ctx, Permission.MAILBOX_SETTINGS_WRITE);
                yield new GraphAnswer(200, tenant.mailboxes.patchSettings(key, body, tenant.graphBaseUrl().toString()));
            }
            default -> GraphRequests.methodNotAllowed(method);
        };
    }

    /**
     * {@code POST /adminapi/beta/{tenant}/InvokeCommand}: authentication (a token for
     * {@code https://outlook.office365.com}), {@code Exchange.ManageAsApp}, faults (matched against the path with
     * {@code /<CmdletName>} appended), the write throttle for cmdlets other than {@code Get-*}, then the cmdlet.
     * {@code cmdletOut[0]} receives the cmdlet's name for the request log.
     */
    GraphAnswer invokeCommand(Headers headers, String method, String rawPath, byte[] rawBody, RequestContext ctx,
                              String[] cmdletOut) {
        Matcher m = ADMIN_PATH.matcher(rawPath);
        if (!m.matches()) {
            throw new GraphError(404, "NotFound", "The requested resource was not found: " + rawPath);
        }
        tenant.apps.authenticate(headers.getFirst("Authorization"), ctx, true);
        tenant.journal.noteArrival(ctx);
        if (!method.equals("POST")) {
            throw new GraphError(405, "MethodNotAllowed", "InvokeCommand accepts POST only.");
        }
        JsonNode body = GraphRequests.parseBody(rawBody);
        String cmdlet = ExchangeCmdlets.cmdlet(body);
        cmdletOut[0] = cmdlet;
        String faultPath = rawPath.replaceAll("/+$", "") + "/" + cmdlet;
        tenant.throttling.applyFault(method, faultPath);
        boolean write = !ExchangeCmdlets.isRead(cmdlet);
        synchronized (tenant.lock) {
            if (!Permission.EXCHANGE_MANAGE.grantedTo(ctx.app.roles())) {
                throw GraphError.exchange(403, "Forbidden", "Microsoft.Exchange.Management.Tasks.AccessDeniedException",
                        "The role assigned to application " + ctx.app.clientId() + " isn't supported in this "
                                + "scenario. Please check online documentation for assigning correct Directory Roles "
                                + "to Azure AD Application for EXO App-Only Authentication.");
            }
            if (write) {
                tenant.throttling.countWrite(method, faultPath, ctx);
            }
            List<String> warnings = new ArrayList<>();
            ArrayNode value = cmdlets.invoke(cmdlet, body, warnings);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("@odata.context", tenant.authorityHost() + "adminapi/beta/" + m.group(1)
                    + "/$metadata#Collection(Exchange.GenericHashTable)");
            out.put("adminapi.warnings@odata.type", "#Collection(String)");
            ArrayNode w = out.putArray("adminapi.warnings");
            warnings.forEach(w::add);
            out.set("value", value);
            if (write) {
                tenant.journal.acceptedWrite(new RequestRecord(ctx.arrival, method, rawPath + " [" + cmdlet + "]", 200,
                        ctx.clientRequestId, ctx.requestId, ctx.app.clientId(), null));
            }
            return new GraphAnswer(200, out);
        }
    }
}
