package dev.idle.graphsim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /users/{id}/revokeSignInSessions}: clears the user's sign-in sessions, records the revocation and
 * answers {@code true} every time, as Graph does. Called under the simulator's lock.
 */
final class SessionsHandler {
    private final GraphTenant tenant;

    SessionsHandler(GraphTenant tenant) {
        this.tenant = tenant;
    }

    GraphAnswer revoke(String method, String key, RequestContext ctx) {
        if (!method.equals("POST")) {
            return GraphRequests.methodNotAllowed(method);
        }
        GraphRequests.require(ctx, Permission.USER_REVOKE_SESSIONS);
        Map<String, Object> u = tenant.dir.requireUser(key);
        tenant.dir.revoke((String) u.get("id"), Instant.now());
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("@odata.context", tenant.graphBaseUrl() + "/$metadata#Edm.Boolean");
        o.put("value", true);
        return new GraphAnswer(200, o);
    }
}
